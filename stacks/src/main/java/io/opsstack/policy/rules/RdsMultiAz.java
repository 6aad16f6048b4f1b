package io.opsstack.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.ResourceRule;
import io.opsstack.policy.Severity;
import io.opsstack.policy.Synthesized;

/** OPS-RDS-005: Production RDS instances run multi-AZ */
public final class RdsMultiAz extends ResourceRule {

    public RdsMultiAz() {
        super("OPS-RDS-005", Severity.ERROR, "aws_db_instance",
                "Production RDS instances run multi-AZ",
                "A single-AZ database is down for the whole AZ outage and for every maintenance reboot.",
                "Set database.multiAz: true (or suppress with a reason).");
    }

    @Override
    protected boolean applies(Resource r) {
        return isProduction(r) && !r.body().has("replicate_source_db");
    }

    @Override
    protected boolean complies(JsonNode b, Resource r, Synthesized s) {
        return b.path("multi_az").asBoolean(false);
    }

    @Override
    public String violation() {
        return "a production database in a single AZ";
    }
}
