package io.opsstack.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.ResourceRule;
import io.opsstack.policy.Severity;
import io.opsstack.policy.Synthesized;

/** OPS-RDS-004: Production RDS instances have deletion protection */
public final class RdsDeletionProtection extends ResourceRule {

    public RdsDeletionProtection() {
        super("OPS-RDS-004", Severity.ERROR, "aws_db_instance",
                "Production RDS instances have deletion protection",
                "One wrong destroy or replacement must not delete production data.",
                "Set database.deletionProtection: true (or suppress with a reason, e.g. during a planned restore).");
    }

    @Override
    protected boolean applies(Resource r) {
        return isProduction(r);
    }

    @Override
    protected boolean complies(JsonNode b, Resource r, Synthesized s) {
        return b.path("deletion_protection").asBoolean(false);
    }

    @Override
    public String violation() {
        return "a production database without deletion protection";
    }
}
