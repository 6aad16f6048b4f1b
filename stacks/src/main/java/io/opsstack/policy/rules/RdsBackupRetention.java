package io.opsstack.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.ResourceRule;
import io.opsstack.policy.Severity;
import io.opsstack.policy.Synthesized;

/** OPS-RDS-003: RDS keeps automated backups for at least 7 days outside dev */
public final class RdsBackupRetention extends ResourceRule {

    public RdsBackupRetention() {
        super("OPS-RDS-003", Severity.ERROR, "aws_db_instance",
                "RDS keeps automated backups for at least 7 days outside dev",
                "Point-in-time recovery only reaches back as far as the retention; the runbooks restore from it.",
                "Set database.backupRetentionDays to 7 or more (or suppress with a reason).");
    }

    @Override
    protected boolean applies(Resource r) {
        return !r.environment().equals("dev") && !r.body().has("replicate_source_db");
    }

    @Override
    protected boolean complies(JsonNode b, Resource r, Synthesized s) {
        return b.path("backup_retention_period").asInt(0) >= 7;
    }

    @Override
    public String violation() {
        return "automated backups are kept for fewer than 7 days";
    }
}
