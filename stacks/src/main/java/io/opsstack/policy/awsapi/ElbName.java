package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.List;
import java.util.regex.Pattern;

/** AWS-ELB-001: load balancer names. */
public final class ElbName extends AwsRule {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?");

    public ElbName() {
        super("AWS-ELB-001", List.of("aws_lb"), "A load balancer name is 1-32 letters, digits and hyphens, neither"
                + " starting nor ending with a hyphen nor starting with internal-",
                "ValidationError: The load balancer name cannot be longer than 32 characters / can only contain"
                        + " characters that are alphanumeric characters or hyphens(-)",
                "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html",
                "Shorten the environment name (the load balancer is named <env>-app or <env>-dr-app).");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        String n = literal(b, "name");
        return list(name("name", n, 32, NAME, "letters, digits and inner hyphens"),
                n != null && n.startsWith("internal-") ? "name \"" + n + "\" starts with internal-" : null);
    }
}
