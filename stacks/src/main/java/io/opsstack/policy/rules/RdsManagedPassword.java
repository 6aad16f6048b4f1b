package io.opsstack.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.ResourceRule;
import io.opsstack.policy.Severity;
import io.opsstack.policy.Synthesized;

/**
 * OPS-RDS-006: no literal master password: an instance sets none (a replica, a promoted or a restored instance
 * keeps its source's), or sets it write-only from an ephemeral resource (opsstack's generated password), or lets
 * RDS manage it. {@code password}, and a {@code password_wo} that is a literal, put the password in the JSON.
 */
public final class RdsManagedPassword extends ResourceRule {

    public RdsManagedPassword() {
        super("OPS-RDS-006", Severity.ERROR, "aws_db_instance",
                "No literal master password: none, or write-only from an ephemeral resource",
                "A password in Terraform JSON ends up in state, logs and pull requests; a write-only argument fed by"
                        + " an ephemeral resource reaches neither state nor plan.",
                "Never set password; opsstack sets password_wo from ephemeral.aws_secretsmanager_random_password and"
                        + " keeps it in its own secret (raise database.passwordVersion to rotate).");
    }

    @Override
    protected boolean complies(JsonNode b, Resource r, Synthesized s) {
        if (b.has("password")) {
            return false;
        }
        JsonNode wo = b.path("password_wo");
        return wo.isMissingNode() || wo.asText().matches("\\$\\{ephemeral\\.[A-Za-z0-9_.-]+}");
    }

    @Override
    public String violation() {
        return "a literal master password (password, or a password_wo that is not an ephemeral value)";
    }
}
