package io.opsstack.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.ResourceRule;
import io.opsstack.policy.Severity;
import io.opsstack.policy.Synthesized;

/** OPS-LOG-002: every log group is encrypted with a customer KMS key. */
public final class LogGroupKmsEncrypted extends ResourceRule {

    public LogGroupKmsEncrypted() {
        super("OPS-LOG-002", Severity.ERROR, "aws_cloudwatch_log_group",
                "Every log group is encrypted with a customer KMS key",
                "Flow logs, database logs and container logs name addresses, users and queries; a key policy decides"
                        + " who may read them, and every read is in CloudTrail.",
                "Keep kms_key_id on the log group (the data key, or the network stack's flow-log key) and the key"
                        + " policy statement for logs.<region>.amazonaws.com.");
    }

    @Override
    protected boolean complies(JsonNode b, Resource r, Synthesized s) {
        return !b.path("kms_key_id").asText().isEmpty();
    }

    @Override
    protected String problem(Resource r, Synthesized s) {
        return "log group " + r.path() + " (" + r.body().path("name").asText() + ") is not encrypted with a customer"
                + " KMS key";
    }

    @Override
    public String violation() {
        return "the log group is not encrypted with a customer KMS key";
    }
}
