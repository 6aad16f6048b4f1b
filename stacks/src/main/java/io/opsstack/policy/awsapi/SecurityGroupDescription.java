package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** AWS-EC2-001: security group names and descriptions. */
public final class SecurityGroupDescription extends AwsRule {
    /** EC2-VPC security group description characters. */
    static final Pattern TEXT = Pattern.compile("[a-zA-Z0-9. _\\-:/()#,@\\[\\]+=&;{}!$*]*");

    public SecurityGroupDescription() {
        super("AWS-EC2-001", List.of("aws_security_group"), "A security group name and description are at most 255"
                + " characters of a-zA-Z0-9. _-:/()#,@[]+=&;{}!$*, the name not starting with sg-",
                "InvalidParameterValue: Value (<text>) for parameter GroupDescription is invalid. Character sets"
                        + " beyond ASCII are not supported.",
                "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html",
                "Fix the name or description in constructs.Network (no accents, quotes or other characters).");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        String n = literal(b, "name");
        List<String> out = list(name("name", n, 255, TEXT, "of the allowed characters"),
                name("description", literal(b, "description"), 255, TEXT, "of the allowed characters"),
                n != null && n.startsWith("sg-") ? "name \"" + n + "\" starts with sg-" : null);
        out.addAll(SecurityGroupRuleDescription.inline(b));
        return out;
    }
}
