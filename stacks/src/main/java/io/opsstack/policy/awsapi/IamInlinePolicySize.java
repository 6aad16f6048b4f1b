package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.List;
import java.util.regex.Pattern;

/** AWS-IAM-003: inline role policies: names and the role's total size. */
public final class IamInlinePolicySize extends AwsRule {

    public IamInlinePolicySize() {
        super("AWS-IAM-003", List.of("aws_iam_role"), "A role's inline policies have names of 1-128 characters"
                + " of letters, digits and +=,.@_- and add up to at most 10240 characters, whitespace not counted",
                "LimitExceeded: Maximum policy size of 10240 bytes exceeded for role <role>",
                "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html", "Split the policy into fewer statements or use a managed policy.");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        List<Resource> mine = s.resources("aws_iam_role_policy").stream()
                .filter(p -> p.stack().equals(r.stack()) && p.body().path("role").asText().startsWith(
                        "${aws_iam_role." + r.name() + ".")).toList();
        long size = mine.stream().mapToLong(p -> Policies.size(p.body().path("policy").asText())).sum();
        java.util.List<String> out = new java.util.ArrayList<>();
        mine.forEach(p -> {
            String n = name("inline policy name", literal(p.body(), "name"), 128, IamRoleName.NAME,
                    "letters, digits and +=,.@_-");
            if (n != null) {
                out.add(n);
            }
        });
        if (size > 10240) {
            out.add("its inline policies add up to " + size + " characters (at most 10240)");
        }
        return out;
    }
}
