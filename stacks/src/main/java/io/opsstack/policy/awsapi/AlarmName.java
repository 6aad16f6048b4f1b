package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** AWS-CW-002: alarm names and descriptions. */
public final class AlarmName extends AwsRule {

    public AlarmName() {
        super("AWS-CW-002", List.of("aws_cloudwatch_metric_alarm"), "An alarm name is 1-255 characters and its"
                + " description at most 1024",
                "ValidationError: Value at alarmName failed to satisfy constraint: Member must have length less than"
                        + " or equal to 255",
                "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html",
                "Shorten the alarm name or description (constructs.Alarms).");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        String n = literal(b, "alarm_name");
        String d = literal(b, "alarm_description");
        return list(n != null && (n.isEmpty() || n.length() > 255) ? "alarm_name is " + n.length()
                        + " characters (1..255)" : null,
                d != null && d.length() > 1024 ? "alarm_description is " + d.length() + " characters (at most 1024)"
                        : null);
    }
}
