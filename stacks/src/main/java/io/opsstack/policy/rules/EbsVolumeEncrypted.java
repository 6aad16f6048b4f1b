package io.opsstack.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.ResourceRule;
import io.opsstack.policy.Severity;
import io.opsstack.policy.Synthesized;

/** OPS-EC2-006: every EBS data volume is encrypted with a customer KMS key. */
public final class EbsVolumeEncrypted extends ResourceRule {

    public EbsVolumeEncrypted() {
        super("OPS-EC2-006", Severity.ERROR, "aws_ebs_volume",
                "Every EBS data volume is encrypted with a customer KMS key",
                "The single host's data volume holds the SQLite database or Docker state; its snapshots leave the"
                        + " instance and must stay under the data key's policy.",
                "Keep encrypted true and kms_key_id (the data key) on the data volume.");
    }

    @Override
    protected boolean complies(JsonNode b, Resource r, Synthesized s) {
        return b.path("encrypted").asBoolean(false) && !b.path("kms_key_id").asText().isEmpty();
    }

    @Override
    protected String problem(Resource r, Synthesized s) {
        return "EBS volume " + r.path() + " is not encrypted with a customer KMS key (encrypted "
                + r.body().path("encrypted").asText("false") + ", kms_key_id "
                + (r.body().path("kms_key_id").asText().isEmpty() ? "none" : "set") + ")";
    }

    @Override
    public String violation() {
        return "the EBS volume is not encrypted with a customer KMS key";
    }
}
