package io.opsstack.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.ResourceRule;
import io.opsstack.policy.Severity;
import io.opsstack.policy.Synthesized;

/** OPS-EC2-002: Launch templates encrypt every EBS volume */
public final class Ec2EncryptedRootVolume extends ResourceRule {

    public Ec2EncryptedRootVolume() {
        super("OPS-EC2-002", Severity.ERROR, "aws_launch_template",
                "Launch templates encrypt every EBS volume",
                "Unencrypted volumes and their snapshots expose the host's data and the secrets fetched at boot.",
                "Keep block_device_mappings[].ebs.encrypted true.");
    }

    @Override
    protected boolean complies(JsonNode b, Resource r, Synthesized s) {
        JsonNode mappings = b.path("block_device_mappings");
        if (!mappings.isArray() || mappings.isEmpty()) {
            return false;
        }
        for (JsonNode m : mappings) {
            if (!m.at("/ebs/encrypted").asText().equals("true")) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String violation() {
        return "the launch template leaves an EBS volume unencrypted";
    }
}
