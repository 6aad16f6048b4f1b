package io.opsstack.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.ResourceRule;
import io.opsstack.policy.Severity;
import io.opsstack.policy.Synthesized;

/** OPS-SG-001: Ingress from 0.0.0.0/0 or ::/0 goes only to the load balancer, on 80 or 443 */
public final class WorldIngressOnlyToTheLoadBalancer extends ResourceRule {

    public WorldIngressOnlyToTheLoadBalancer() {
        super("OPS-SG-001", Severity.ERROR, "aws_vpc_security_group_ingress_rule",
                "Ingress from 0.0.0.0/0 or ::/0 goes only to the load balancer, on 80 or 443",
                "Everything else (hosts, database, monitoring) is reached through the load balancer, SSM or admin CIDRs.",
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
}
