package io.opsstack.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.ResourceRule;
import io.opsstack.policy.Severity;
import io.opsstack.policy.Synthesized;

/** OPS-RDS-006: The master password is managed by RDS in Secrets Manager; no literal password */
public final class RdsManagedPassword extends ResourceRule {

    public RdsManagedPassword() {
        super("OPS-RDS-006", Severity.ERROR, "aws_db_instance",
                "The master password is managed by RDS in Secrets Manager; no literal password",
                "A password in Terraform JSON ends up in state, logs and pull requests.",
                "Keep manage_master_user_password true; never set password.");
    }

    @Override
    protected boolean complies(JsonNode b, Resource r, Synthesized s) {
        return !b.has("password") && (b.path("manage_master_user_password").asBoolean(false)
                || b.has("replicate_source_db"));
    }

    @Override
    public String violation() {
        return "a literal master password instead of one RDS manages in Secrets Manager";
    }
}
