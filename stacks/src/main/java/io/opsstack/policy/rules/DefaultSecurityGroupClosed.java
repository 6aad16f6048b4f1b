package io.opsstack.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.ResourceRule;
import io.opsstack.policy.Severity;
import io.opsstack.policy.Synthesized;

/** OPS-VPC-002: every VPC's default security group is managed, with no rules. */
public final class DefaultSecurityGroupClosed extends ResourceRule {

    public DefaultSecurityGroupClosed() {
        super("OPS-VPC-002", Severity.ERROR, "aws_vpc", "Every VPC's default security group has no rules",
                "Resources that land in the default group by mistake must not be able to talk to anything.",
                "Keep the aws_default_security_group with empty ingress and egress.");
    }

    @Override
    protected boolean complies(JsonNode b, Resource vpc, Synthesized s) {
        return s.resources("aws_default_security_group").stream().anyMatch(g -> g.stack().equals(vpc.stack())
                && g.body().path("vpc_id").asText().equals(vpc.ref("id"))
                && g.body().path("ingress").isArray() && g.body().path("ingress").isEmpty()
                && g.body().path("egress").isArray() && g.body().path("egress").isEmpty());
    }

    @Override
    public String violation() {
        return "the VPC's default security group has rules (or is not managed)";
    }
}
