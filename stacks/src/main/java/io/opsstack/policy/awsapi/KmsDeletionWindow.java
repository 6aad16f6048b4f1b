package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** AWS-KMS-002: deletion window. */
public final class KmsDeletionWindow extends AwsRule {

    public KmsDeletionWindow() {
        super("AWS-KMS-002", List.of("aws_kms_key"), "A KMS key deletion window is 7-30 days",
                "ValidationException: 1 validation error detected: Value at pendingWindowInDays failed to satisfy"
                        + " constraint: Member must have value less than or equal to 30",
                "https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html",
                "Set deletion_window_in_days between 7 and 30.");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        Integer d = number(b, "deletion_window_in_days");
        return d != null && (d < 7 || d > 30) ? List.of("deletion_window_in_days " + d + " is outside 7..30")
                : List.of();
    }
}
