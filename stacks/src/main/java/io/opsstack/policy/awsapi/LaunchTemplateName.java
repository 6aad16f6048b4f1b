package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** AWS-EC2-004: launch template names. */
public final class LaunchTemplateName extends AwsRule {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9().\\-/_]+");

    public LaunchTemplateName() {
        super("AWS-EC2-004", List.of("aws_launch_template"), "A launch template name is"
                + " 3-128 letters, digits and ( ) . - / _",
                "InvalidLaunchTemplateName.MalformedException: A launch template name must be between 3 and 128"
                        + " characters, and may contain letters, numbers, and the following characters: - ( ) . / _.",
                "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateLaunchTemplate.html",
                "Fix the name in constructs.AppHosts (<env>-app).");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        String n = literal(b, "name");
        return list(name("name", n, 128, NAME, "letters, digits and ( ) . - / _"),
                n != null && n.length() < 3 ? "name \"" + n + "\" is shorter than 3 characters" : null);
    }
}
