package io.opsstack.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.ResourceRule;
import io.opsstack.policy.Severity;
import io.opsstack.policy.Synthesized;

/** OPS-EC2-005: instances require IMDSv2, through their launch template or their own metadata options. */
public final class InstanceImdsv2 extends ResourceRule {

    public InstanceImdsv2() {
        super("OPS-EC2-005", Severity.ERROR, "aws_instance",
                "Instances require IMDSv2 (through a launch template that does, or their own metadata options)",
                "IMDSv1 lets any SSRF in the app read the host role's credentials.",
                "Launch instances from opsstack's launch template (OPS-EC2-001 checks it), or set"
                        + " metadata_options.http_tokens required.");
    }

    @Override
    protected boolean complies(JsonNode b, Resource r, Synthesized s) {
        return b.at("/metadata_options/http_tokens").asText().equals("required")
                || !b.at("/launch_template/id").asText().isEmpty() && !b.has("metadata_options");
    }

    @Override
    public String violation() {
        return "the instance does not require IMDSv2";
    }
}
