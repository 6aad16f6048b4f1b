package io.opsstack.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.ResourceRule;
import io.opsstack.policy.Severity;
import io.opsstack.policy.Synthesized;

/** OPS-RDS-007: RDS has IAM authentication and exports its PostgreSQL log */
public final class RdsIamAuthAndLogs extends ResourceRule {

    public RdsIamAuthAndLogs() {
        super("OPS-RDS-007", Severity.WARNING, "aws_db_instance",
                "RDS has IAM authentication and exports its PostgreSQL log",
                "IAM authentication allows short-lived credentials; exported logs carry slow queries and connections for the runbooks.",
                "opsstack sets iam_database_authentication_enabled and enabled_cloudwatch_logs_exports; do not remove them.");
    }

    @Override
    protected boolean complies(JsonNode b, Resource r, Synthesized s) {
        return b.path("iam_database_authentication_enabled").asBoolean(false)
                && b.path("enabled_cloudwatch_logs_exports").toString().contains("postgresql");
    }

    @Override
    public String violation() {
        return "IAM authentication is off or the PostgreSQL log is not exported";
    }
}
