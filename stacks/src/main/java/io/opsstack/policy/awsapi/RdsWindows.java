package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.List;
import java.util.regex.Pattern;

/** AWS-RDS-007: backup and maintenance windows. */
public final class RdsWindows extends AwsRule {

    public RdsWindows() {
        super("AWS-RDS-007", List.of("aws_db_instance"), "The backup window is hh24:mi-hh24:mi and the"
                + " maintenance window ddd:hh24:mi-ddd:hh24:mi (UTC), each at least 30 minutes, not overlapping",
                "InvalidParameterValue: The backup window and maintenance window must not overlap. / The backup"
                        + " window must be at least 30 minutes.",
                "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html", "Fix database.backupWindow / database.maintenanceWindow (validate checks them too).");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        String backup = literal(b, "backup_window");
        String maintenance = literal(b, "maintenance_window");
        int[] bk = backup == null ? null : Windows.daily(backup);
        int[] mt = maintenance == null ? null : Windows.weekly(maintenance);
        return list(backup != null && bk == null ? "backup_window \"" + backup + "\" is not hh24:mi-hh24:mi" : null,
                bk != null && Windows.length(bk, 1440) < 30 ? "backup_window \"" + backup + "\" is shorter than"
                        + " 30 minutes" : null,
                maintenance != null && mt == null ? "maintenance_window \"" + maintenance + "\" is not"
                        + " ddd:hh24:mi-ddd:hh24:mi" : null,
                mt != null && Windows.length(mt, 10080) < 30 ? "maintenance_window \"" + maintenance + "\" is"
                        + " shorter than 30 minutes" : null,
                bk != null && mt != null && Windows.overlap(bk, mt) ? "backup_window \"" + backup + "\" overlaps"
                        + " maintenance_window \"" + maintenance + "\"" : null);
    }
}
