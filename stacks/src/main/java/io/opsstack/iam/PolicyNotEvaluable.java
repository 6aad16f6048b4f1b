package io.opsstack.iam;

/** OPS-IAM-004: every policy can be resolved and evaluated. */
public final class PolicyNotEvaluable extends IamRule {

    public PolicyNotEvaluable() {
        super("OPS-IAM-004", "every policy the stacks hold can be resolved to concrete ARNs and evaluated",
                "a policy or request cannot be resolved or evaluated",
                "A reference the resolver does not know, an AWS-managed policy without a pinned copy, or a policy the"
                        + " evaluator rejects means its access paths are unproven.",
                "Model the new reference in stacks/src/main/node/iam-check/resolve.mjs, or pin the managed policy in"
                        + " managed-policies/ with its source.");
    }
}
