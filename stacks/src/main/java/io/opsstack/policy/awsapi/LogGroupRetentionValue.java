package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** AWS-LOG-002: retention from the fixed list. */
public final class LogGroupRetentionValue extends AwsRule {
    static final List<Integer> DAYS = List.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096,
            1827, 2192, 2557, 2922, 3288, 3653);

    public LogGroupRetentionValue() {
        super("AWS-LOG-002", List.of("aws_cloudwatch_log_group"), "A log group retention is one of CloudWatch Logs"
                + " fixed values (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192,"
                + " 2557, 2922, 3288, 3653 days)",
                "InvalidParameterException: 1 validation error detected: Value at retentionInDays failed to satisfy"
                        + " constraint: Member must satisfy enum value set",
                "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html",
                "Pick one of the listed values (validate checks the *RetentionDays settings too).");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        Integer d = number(b, "retention_in_days");
        return d != null && d != 0 && !DAYS.contains(d) ? List.of("retention_in_days " + d + " is not an allowed"
                + " value") : List.of();
    }
}
