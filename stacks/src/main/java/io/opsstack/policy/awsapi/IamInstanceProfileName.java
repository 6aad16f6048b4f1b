package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.List;
import java.util.regex.Pattern;

/** AWS-IAM-002: instance profile names. */
public final class IamInstanceProfileName extends AwsRule {

    public IamInstanceProfileName() {
        super("AWS-IAM-002", List.of("aws_iam_instance_profile"), "An instance profile name is 1-128"
                + " characters of letters, digits and +=,.@_-",
                "ValidationError: Value at 'instanceProfileName' failed to satisfy constraint: Member must have"
                        + " length less than or equal to 128",
                "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateInstanceProfile.html",
                "Shorten the instance profile name (constructs.AppHosts).");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        return list(name("name", literal(b, "name"), 128, IamRoleName.NAME, "letters, digits and +=,.@_-"));
    }
}
