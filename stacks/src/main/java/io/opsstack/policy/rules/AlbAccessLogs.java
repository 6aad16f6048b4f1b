package io.opsstack.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.ResourceRule;
import io.opsstack.policy.Severity;
import io.opsstack.policy.Synthesized;

/** OPS-ALB-004: every load balancer writes access logs to S3. */
public final class AlbAccessLogs extends ResourceRule {

    public AlbAccessLogs() {
        super("OPS-ALB-004", Severity.ERROR, "aws_lb",
                "Every load balancer writes access logs to S3",
                "Access logs are the only per-request record of who called what, with client address and status.",
                "Keep access_logs (enabled, to the load balancer construct's access-log bucket).");
    }

    @Override
    protected boolean complies(JsonNode b, Resource r, Synthesized s) {
        return b.at("/access_logs/enabled").asBoolean(false) && !b.at("/access_logs/bucket").asText().isEmpty();
    }

    @Override
    protected String problem(Resource r, Synthesized s) {
        return "load balancer " + r.path() + " writes no access logs: requests to " + r.environment()
                + " leave no per-request record";
    }

    @Override
    public String violation() {
        return "the load balancer writes no access logs";
    }
}
