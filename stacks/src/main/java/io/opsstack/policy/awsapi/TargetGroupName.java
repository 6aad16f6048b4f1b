package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.List;
import java.util.regex.Pattern;

/** AWS-ELB-002: target group names. */
public final class TargetGroupName extends AwsRule {

    public TargetGroupName() {
        super("AWS-ELB-002", List.of("aws_lb_target_group"), "A target group name is 1-32 letters, digits and"
                + " hyphens, neither starting nor ending with a hyphen",
                "ValidationError: Target group name cannot be longer than 32 characters",
                "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html",
                "Shorten the environment name (the target group is named <env>-app).");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        return list(name("name", literal(b, "name"), 32, ElbName.NAME, "letters, digits and inner hyphens"));
    }
}
