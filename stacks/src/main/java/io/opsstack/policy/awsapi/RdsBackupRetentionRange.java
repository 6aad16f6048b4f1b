package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.ArrayList;
import java.util.List;

/** AWS-RDS-012: backup retention range. */
public final class RdsBackupRetentionRange extends AwsRule {

    public RdsBackupRetentionRange() {
        super("AWS-RDS-012", List.of("aws_db_instance"), "backup_retention_period is 0-35 days",
                "InvalidParameterValue: backup retention period must be between 0 and 35",
                "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html",
                "Set database.backupRetentionDays within 0..35 (validate checks it).");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        Integer days = number(b, "backup_retention_period");
        return days != null && (days < 0 || days > 35) ? List.of("backup_retention_period " + days
                + " is outside 0..35") : List.of();
    }
}
