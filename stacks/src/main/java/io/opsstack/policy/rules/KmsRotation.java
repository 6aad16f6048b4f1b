package io.opsstack.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.ResourceRule;
import io.opsstack.policy.Severity;
import io.opsstack.policy.Synthesized;

/** OPS-KMS-001: KMS keys rotate yearly */
public final class KmsRotation extends ResourceRule {

    public KmsRotation() {
        super("OPS-KMS-001", Severity.ERROR, "aws_kms_key",
                "KMS keys rotate yearly",
                "Rotation limits how much data one key version protects; AWS does it without downtime.",
                "Keep enable_key_rotation true.");
    }

    @Override
    protected boolean complies(JsonNode b, Resource r, Synthesized s) {
        return b.path("enable_key_rotation").asBoolean(false);
    }

    @Override
    public String violation() {
        return "the KMS key does not rotate";
    }
}
