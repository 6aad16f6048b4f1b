package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.List;
import java.util.regex.Pattern;

/** AWS-IAM-001: role names. */
public final class IamRoleName extends AwsRule {
    static final Pattern NAME = Pattern.compile("[\\w+=,.@-]+");

    public IamRoleName() {
        super("AWS-IAM-001", List.of("aws_iam_role"), "An IAM role name is 1-64 characters of letters, digits"
                + " and +=,.@_-",
                "ValidationError: 1 validation error detected: Value at 'roleName' failed to satisfy constraint:"
                        + " Member must have length less than or equal to 64",
                "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html",
                "Shorten the role name (<env>-... in the constructs).");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        return list(name("name", literal(b, "name"), 64, NAME, "letters, digits and +=,.@_-"));
    }
}
