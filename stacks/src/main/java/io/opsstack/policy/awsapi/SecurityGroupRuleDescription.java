package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** AWS-EC2-002: security group rule descriptions. */
public final class SecurityGroupRuleDescription extends AwsRule {

    public SecurityGroupRuleDescription() {
        super("AWS-EC2-002", List.of("aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule",
                        "aws_default_security_group"), "A security group rule description is at most 255 characters"
                        + " of a-zA-Z0-9. _-:/()#,@[]+=&;{}!$*",
                "InvalidParameterValue: Invalid rule description. Valid descriptions are strings less than 256"
                        + " characters from the following set: a-zA-Z0-9. _-:/()#,@[]+=&;{}!$*",
                "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpRange.html",
                "Fix the rule description (it names the CIDR or service; no other characters).");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        if (r.type().equals("aws_default_security_group")) {
            return inline(b);
        }
        return list(name("description", literal(b, "description"), 255, SecurityGroupDescription.TEXT,
                "of the allowed characters"));
    }

    /** The descriptions of a group inline ingress and egress blocks. */
    static List<String> inline(JsonNode group) {
        List<String> out = new ArrayList<>();
        for (String side : List.of("ingress", "egress")) {
            for (JsonNode rule : group.path(side)) {
                String p = name(side + " description", literal(rule, "description"), 255,
                        SecurityGroupDescription.TEXT, "of the allowed characters");
                if (p != null) {
                    out.add(p);
                }
            }
        }
        return out;
    }
}
