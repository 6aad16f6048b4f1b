package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** AWS-LOG-001: log group names. */
public final class LogGroupName extends AwsRule {
    private static final Pattern NAME = Pattern.compile("[._/#A-Za-z0-9-]+");

    public LogGroupName() {
        super("AWS-LOG-001", List.of("aws_cloudwatch_log_group"), "A log group name is 1-512 letters, digits and"
                + " . _ - / #",
                "InvalidParameterException: 1 validation error detected: Value at logGroupName failed to satisfy"
                        + " constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+",
                "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html",
                "Fix the log group name (/opsstack/<env>/..., /aws/rds/instance/<id>/...).");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        return list(name("name", literal(b, "name"), 512, NAME, "letters, digits and . _ - / #"));
    }
}
