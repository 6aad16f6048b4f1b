package io.opsstack.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.ResourceRule;
import io.opsstack.policy.Severity;
import io.opsstack.policy.Synthesized;

/** OPS-EC2-003: Launch templates give hosts an instance profile */
public final class Ec2InstanceProfile extends ResourceRule {

    public Ec2InstanceProfile() {
        super("OPS-EC2-003", Severity.ERROR, "aws_launch_template",
                "Launch templates give hosts an instance profile",
                "Without a role the hosts fall back to static credentials, which opsstack never writes.",
                "Keep iam_instance_profile set to the app host profile.");
    }

    @Override
    protected boolean complies(JsonNode b, Resource r, Synthesized s) {
        return !b.at("/iam_instance_profile/arn").asText().isEmpty()
                || !b.at("/iam_instance_profile/name").asText().isEmpty();
    }

    @Override
    public String violation() {
        return "the launch template gives hosts no instance profile";
    }
}
