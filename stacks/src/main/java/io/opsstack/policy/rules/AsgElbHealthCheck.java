package io.opsstack.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.ResourceRule;
import io.opsstack.policy.Severity;
import io.opsstack.policy.Synthesized;

/** OPS-ASG-002: an Auto Scaling group behind a load balancer replaces hosts that fail its health check. */
public final class AsgElbHealthCheck extends ResourceRule {

    public AsgElbHealthCheck() {
        super("OPS-ASG-002", Severity.ERROR, "aws_autoscaling_group",
                "Auto Scaling groups behind a load balancer use its health check (health_check_type ELB)",
                "With EC2 checks only, a host whose containers are down but whose VM runs stays in service forever,"
                        + " failing every request the load balancer still cannot send elsewhere.",
                "Keep health_check_type ELB on the app hosts' group.");
    }

    @Override
    protected boolean applies(Resource asg) {
        return !asg.body().path("target_group_arns").isEmpty() || !asg.body().path("load_balancers").isEmpty();
    }

    @Override
    protected boolean complies(JsonNode b, Resource r, Synthesized s) {
        return b.path("health_check_type").asText().equals("ELB");
    }

    @Override
    protected String problem(Resource r, Synthesized s) {
        return "Auto Scaling group " + r.path() + " is behind a load balancer but checks only EC2 status"
                + " (health_check_type " + r.body().path("health_check_type").asText("EC2")
                + "): hosts failing /health are never replaced";
    }

    @Override
    public String violation() {
        return "the Auto Scaling group behind a load balancer checks only EC2 status";
    }
}
