package io.opsstack.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.ResourceRule;
import io.opsstack.policy.Severity;
import io.opsstack.policy.Synthesized;

/** OPS-ALB-003: Production load balancers have deletion protection and access logs */
public final class AlbDeletionProtection extends ResourceRule {

    public AlbDeletionProtection() {
        super("OPS-ALB-003", Severity.ERROR, "aws_lb",
                "Production load balancers have deletion protection and access logs",
                "Deleting the load balancer changes its DNS name; access logs are the record of who did what.",
                "Keep app.deletionProtection: true (the default; access logs are always on), or suppress with a"
                        + " reason, e.g. for a planned teardown.");
    }

    @Override
    protected boolean applies(Resource r) {
        return isProduction(r);
    }

    @Override
    protected boolean complies(JsonNode b, Resource r, Synthesized s) {
        return b.path("enable_deletion_protection").asBoolean(false) && b.at("/access_logs/enabled").asBoolean(false);
    }

    @Override
    public String violation() {
        return "a production load balancer without deletion protection or access logs";
    }
}
