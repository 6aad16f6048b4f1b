package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** AWS-SNS-001: topic names. */
public final class SnsTopicName extends AwsRule {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.fifo)?");

    public SnsTopicName() {
        super("AWS-SNS-001", List.of("aws_sns_topic"), "An SNS topic name is 1-256 letters, digits, hyphens and"
                + " underscores (.fifo for a FIFO topic)",
                "InvalidParameter: Invalid parameter: Topic Name",
                "https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html",
                "Fix the topic name (constructs.Alarms: <env>-alerts).");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        return list(name("name", literal(b, "name"), 256, NAME, "letters, digits, hyphens and underscores"));
    }
}
