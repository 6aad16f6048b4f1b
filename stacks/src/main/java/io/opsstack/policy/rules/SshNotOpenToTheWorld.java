package io.opsstack.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.ResourceRule;
import io.opsstack.policy.Severity;
import io.opsstack.policy.Synthesized;

/** OPS-SG-002: SSH is never open to the world */
public final class SshNotOpenToTheWorld extends ResourceRule {

    public SshNotOpenToTheWorld() {
        super("OPS-SG-002", Severity.ERROR, "aws_vpc_security_group_ingress_rule",
                "SSH is never open to the world",
                "Port 22 on 0.0.0.0/0 is scanned within minutes; shell access is SSM Session Manager.",
                "Remove 0.0.0.0/0 from app.sshCidrs; use aws ssm start-session.");
    }

    @Override
    protected boolean complies(JsonNode b, Resource r, Synthesized s) {
        boolean world = b.path("cidr_ipv4").asText().equals("0.0.0.0/0") || b.path("cidr_ipv6").asText().equals("::/0");
        int from = b.path("from_port").asInt(0);
        int to = b.path("to_port").asInt(65535);
        return !(world && from <= 22 && 22 <= to);
    }

    @Override
    public String violation() {
        return "SSH (port 22) is open to the world";
    }
}
