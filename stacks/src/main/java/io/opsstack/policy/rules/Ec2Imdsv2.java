package io.opsstack.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.ResourceRule;
import io.opsstack.policy.Severity;
import io.opsstack.policy.Synthesized;

/** OPS-EC2-001: Launch templates require IMDSv2 */
public final class Ec2Imdsv2 extends ResourceRule {

    public Ec2Imdsv2() {
        super("OPS-EC2-001", Severity.ERROR, "aws_launch_template",
                "Launch templates require IMDSv2",
                "IMDSv1 lets any SSRF in the app read the host role's credentials.",
                "Keep metadata_options.http_tokens required.");
    }

    @Override
    protected boolean complies(JsonNode b, Resource r, Synthesized s) {
        return b.at("/metadata_options/http_tokens").asText().equals("required");
    }

    @Override
    public String violation() {
        return "the launch template does not require IMDSv2 (http_tokens is not required)";
    }
}
