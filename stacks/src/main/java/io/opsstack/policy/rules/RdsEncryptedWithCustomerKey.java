package io.opsstack.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.ResourceRule;
import io.opsstack.policy.Severity;
import io.opsstack.policy.Synthesized;

/** OPS-RDS-001: RDS storage is encrypted with a customer-managed KMS key */
public final class RdsEncryptedWithCustomerKey extends ResourceRule {

    public RdsEncryptedWithCustomerKey() {
        super("OPS-RDS-001", Severity.ERROR, "aws_db_instance",
                "RDS storage is encrypted with a customer-managed KMS key",
                "Unencrypted storage exposes snapshots and backups; a customer key keeps key policy, rotation and cross-region copies under your control.",
                "opsstack sets storage_encrypted and kms_key_id to the data key; do not override them.");
    }

    @Override
    protected boolean complies(JsonNode b, Resource r, Synthesized s) {
        // A key of this stack, or (DR) one read from the DR network stack's outputs: both name aws_kms_key.
        return b.path("storage_encrypted").asBoolean(false) && b.path("kms_key_id").asText().contains("aws_kms_key");
    }

    @Override
    public String violation() {
        return "the database storage is not encrypted with a customer-managed KMS key";
    }
}
