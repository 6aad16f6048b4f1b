package io.opsstack.iam;

/** OPS-IAM-001: every access path the service needs is allowed by the policies AWS evaluates for it. */
public final class AccessPathDenied extends IamRule {

    public AccessPathDenied() {
        super("OPS-IAM-001", "every access path the service needs is allowed by the policies AWS evaluates for it",
                "a request the service or an AWS service on its behalf makes is denied",
                "moto evaluates no IAM, so the rehearsal passes a host that cannot read its secret or a key policy"
                        + " that locks CloudWatch Logs out of its log group; AWS refuses the request at run time,"
                        + " silently for delivery services (flow logs, access logs, alarms). The matrix evaluates"
                        + " each request with the identity, trust, bucket, key and topic policies that apply"
                        + " (docs/iam.md).",
                "Grant the action in the policy the finding names (identity policy of the role, or the resource's"
                        + " policy; for a KMS key both the key policy and, where it delegates to IAM, the role's),"
                        + " with the request context the message shows.");
    }
}
