package io.opsstack.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.ResourceRule;
import io.opsstack.policy.Severity;
import io.opsstack.policy.Synthesized;

/** OPS-SNS-001: SNS topics are encrypted with KMS */
public final class SnsEncrypted extends ResourceRule {

    public SnsEncrypted() {
        super("OPS-SNS-001", Severity.ERROR, "aws_sns_topic",
                "SNS topics are encrypted with KMS",
                "Alarm messages name resources and thresholds; encryption at rest is free of effort here.",
                "Keep kms_master_key_id on the topic.");
    }

    @Override
    protected boolean complies(JsonNode b, Resource r, Synthesized s) {
        return !b.path("kms_master_key_id").asText().isEmpty();
    }

    @Override
    public String violation() {
        return "the SNS topic is not encrypted with KMS";
    }
}
