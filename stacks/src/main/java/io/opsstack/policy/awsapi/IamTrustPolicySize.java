package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.List;
import java.util.regex.Pattern;

/** AWS-IAM-004: trust policy size. */
public final class IamTrustPolicySize extends AwsRule {

    public IamTrustPolicySize() {
        super("AWS-IAM-004", List.of("aws_iam_role"), "A role trust policy is at most 2048 characters,"
                + " whitespace not counted",
                "LimitExceeded: Cannot exceed quota for ACLSizePerRole: 2048",
                "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html", "Shorten the trust policy (fewer principals or conditions).");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        long size = Policies.size(b.path("assume_role_policy").asText(""));
        return size > 2048 ? List.of("the trust policy is " + size + " characters (at most 2048)") : List.of();
    }
}
