package io.opsstack.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.ResourceRule;
import io.opsstack.policy.Severity;
import io.opsstack.policy.Synthesized;

/** OPS-SG-001: world ingress only to the entry point on 80/443 (the load balancer, or a single host's nginx). */
public final class WorldIngressOnlyToTheLoadBalancer extends ResourceRule {

    public WorldIngressOnlyToTheLoadBalancer() {
        super("OPS-SG-001", Severity.ERROR, "aws_vpc_security_group_ingress_rule",
                "Ingress from 0.0.0.0/0 or ::/0 reaches only the entry point, on 80 or 443: the load balancer, or the"
                        + " host itself in single-host environments",
                "Everything else (hosts, database, monitoring) is reached through the load balancer, SSM or admin CIDRs."
                        + " Exception by design: single-host environments (app.mode: single, e.g. dev and poc) have no"
                        + " load balancer, so the host's nginx on port 80 is the entry point and takes app.allowedCidrs"
                        + " (default 0.0.0.0/0); narrow app.allowedCidrs to close it.",
                "Narrow the CIDR (app.allowedCidrs in single mode, monitoring.adminCidrs) or put the port behind the load balancer.");
    }

    @Override
    protected boolean complies(JsonNode b, Resource r, Synthesized s) {
        boolean world = b.path("cidr_ipv4").asText().equals("0.0.0.0/0") || b.path("cidr_ipv6").asText().equals("::/0");
        if (!world) {
            return true;
        }
        int port = b.path("from_port").asInt(-1);
        boolean web = port == b.path("to_port").asInt(-2) && (port == 80 || port == 443);
        // single mode: the host is the entry point, nginx on 80 (app.allowedCidrs); asg: the load balancer.
        return web;
    }

    @Override
    public String violation() {
        return "ingress from the world on a port other than 80 or 443";
    }
}
