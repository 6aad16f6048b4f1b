package io.opsstack.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.ResourceRule;
import io.opsstack.policy.Severity;
import io.opsstack.policy.Synthesized;

/** OPS-RDS-002: RDS instances are not publicly accessible (written explicitly) */
public final class RdsNotPublic extends ResourceRule {

    public RdsNotPublic() {
        super("OPS-RDS-002", Severity.ERROR, "aws_db_instance",
                "RDS instances are not publicly accessible (written explicitly)",
                "A public database endpoint is one security group mistake away from the internet; the default depends on the subnet group, so it must be explicit.",
                "Keep publicly_accessible false; reach the database through the app hosts or SSM port forwarding.");
    }

    @Override
    protected boolean complies(JsonNode b, Resource r, Synthesized s) {
        return b.has("publicly_accessible") && !b.path("publicly_accessible").asBoolean(true);
    }

    @Override
    public String violation() {
        return "the database is publicly accessible, or does not say that it is not";
    }
}
