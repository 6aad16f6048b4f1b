package io.opsstack.iam;

/** OPS-IAM-002: what must be refused is refused. */
public final class MustDenyAllowed extends IamRule {

    public MustDenyAllowed() {
        super("OPS-IAM-002", "anonymous and plain-HTTP requests, another environment's hosts and the hosts'"
                        + " deletion of backup versions are refused",
                "a request that must be refused is allowed",
                "Backups and secrets are the data an attacker wants and the last copy an operator has; one"
                        + " environment's hosts (dev, compromised more easily) must not reach another's, even when"
                        + " both run in one account, and the hosts must not be able to destroy the backups they"
                        + " write (docs/iam.md).",
                "Narrow the statement that allows it (the message names the policies evaluated) or add the"
                        + " deny (aws:SecureTransport for buckets).");
    }
}
