package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.ArrayList;
import java.util.List;

/** AWS-ELB-006: an application load balancer spans two Availability Zones. */
public final class AlbSubnets extends AwsRule {

    public AlbSubnets() {
        super("AWS-ELB-006", List.of("aws_lb"), "An application load balancer has subnets in at least two"
                + " Availability Zones",
                "ValidationError: At least two subnets in two different Availability Zones must be specified",
                "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html",
                "Give the load balancer one public subnet per zone (network.azCount is at least 2).");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        if (!b.path("load_balancer_type").asText("application").equals("application")) {
            return List.of();
        }
        JsonNode subnets = b.path("subnets");
        int count = subnets.isArray() ? subnets.size() : b.path("subnet_mapping").size();
        return subnets.isTextual() || count >= 2 ? List.of() : List.of("it has " + count + " subnet"
                + (count == 1 ? "" : "s") + " (at least two, in two zones)");
    }
}
