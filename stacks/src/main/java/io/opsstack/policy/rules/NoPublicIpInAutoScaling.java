package io.opsstack.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.ResourceRule;
import io.opsstack.policy.Severity;
import io.opsstack.policy.Synthesized;

/** OPS-EC2-004: hosts of an Auto Scaling group get no public IP: the load balancer is their only entry. */
public final class NoPublicIpInAutoScaling extends ResourceRule {

    public NoPublicIpInAutoScaling() {
        super("OPS-EC2-004", Severity.ERROR, "aws_autoscaling_group",
                "Hosts of an Auto Scaling group get no public IP (their launch template associates none)",
                "Behind a load balancer a public address only adds an unguarded way in.",
                "Keep the launch template without network_interfaces[].associate_public_ip_address true.");
    }

    @Override
    protected boolean complies(JsonNode b, Resource asg, Synthesized s) {
        String template = b.at("/launch_template/id").asText();
        return s.resources("aws_launch_template").stream()
                .filter(t -> t.stack().equals(asg.stack()) && t.ref("id").equals(template))
                .noneMatch(t -> t.body().path("network_interfaces").toString()
                        .contains("\"associate_public_ip_address\":\"true\"")
                        || t.body().path("network_interfaces").toString().contains("\"associate_public_ip_address\":true"));
    }

    @Override
    public String violation() {
        return "hosts of the Auto Scaling group get a public IP";
    }
}
