package io.opsstack.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.ResourceRule;
import io.opsstack.policy.Severity;
import io.opsstack.policy.Synthesized;

/** OPS-VPC-001: every VPC has flow logs. */
public final class VpcFlowLogs extends ResourceRule {

    public VpcFlowLogs() {
        super("OPS-VPC-001", Severity.ERROR, "aws_vpc", "Every VPC has flow logs",
                "Flow logs are the only record of which address talked to which during an incident.",
                "opsstack's network construct adds them; keep the aws_flow_log.");
    }

    @Override
    protected boolean complies(JsonNode b, Resource vpc, Synthesized s) {
        return s.resources("aws_flow_log").stream().anyMatch(f -> f.stack().equals(vpc.stack())
                && f.body().path("vpc_id").asText().equals(vpc.ref("id")));
    }

    @Override
    public String violation() {
        return "the VPC has no flow logs";
    }
}
