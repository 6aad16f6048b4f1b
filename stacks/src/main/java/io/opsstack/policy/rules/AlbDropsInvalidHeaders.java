package io.opsstack.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.ResourceRule;
import io.opsstack.policy.Severity;
import io.opsstack.policy.Synthesized;

/** OPS-ALB-001: Load balancers drop invalid header fields */
public final class AlbDropsInvalidHeaders extends ResourceRule {

    public AlbDropsInvalidHeaders() {
        super("OPS-ALB-001", Severity.ERROR, "aws_lb",
                "Load balancers drop invalid header fields",
                "Malformed headers are a request-smuggling vector against the app behind.",
                "Keep drop_invalid_header_fields true.");
    }

    @Override
    protected boolean complies(JsonNode b, Resource r, Synthesized s) {
        return b.path("drop_invalid_header_fields").asBoolean(false);
    }

    @Override
    public String violation() {
        return "the load balancer passes invalid header fields on (drop_invalid_header_fields is not true)";
    }
}
