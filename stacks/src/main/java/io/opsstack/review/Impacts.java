package io.opsstack.review;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a change does beyond its diff: the data a destroyed or replaced stateful resource takes with it (and the
 * runbook step to take first), and the service interruption of an in-place update.
 */
final class Impacts {

    static final String SNAPSHOT = "docs/runbook.md#performing-a-database-backup";
    static final String RESTORE = "docs/configuration.md#restoring-from-a-snapshot-the-runbooks-restore-procedure";
    static final String SQLITE = "docs/runbook.md#sqlite-environments-databaseengine-sqlite-eg-poc";
    /** RDS changes that restart the instance (modify-db-instance applies them with a reboot or a failover). */
    static final Set<String> RDS_RESTARTS = Set.of("instance_class", "engine_version", "storage_type");

    private Impacts() {
    }

    /** "data loss: ..." for a destroyed or replaced stateful resource, or null. {@code body}: its current JSON. */
    static String dataLoss(String type, JsonNode body) {
        return switch (type) {
            case "aws_db_instance" -> "data loss: the database " + body.path("identifier").asText("") + " and its"
                    + " automated backups; a replacement is a new, empty instance unless restored from a snapshot"
                    + (body.path("skip_final_snapshot").asBoolean(false) ? "" : " (a final snapshot "
                    + body.path("final_snapshot_identifier").asText("") + " is taken on deletion)")
                    + (body.path("deletion_protection").asBoolean(false) ? "; deletion protection is on, so the apply"
                    + " fails until it is lifted" : "")
                    + ". First: take a manual snapshot (" + SNAPSHOT + ") and plan the restore (" + RESTORE + ")";
            case "aws_s3_bucket" -> "data loss: every object in the bucket " + body.path("bucket").asText("")
                    + " (" + bucketHolds(body.path("bucket").asText("")) + ", all versions). First: copy them"
                    + " elsewhere (aws s3 sync) or make sure they are no longer needed"
                    + (body.path("bucket").asText("").contains("-backups-") ? " (" + SNAPSHOT + ")" : "");
            case "aws_kms_key" -> "data loss: the key is scheduled for deletion (" + body.path(
                    "deletion_window_in_days").asText("30") + " days); once it is deleted, everything encrypted with it"
                    + " (database storage and snapshots, backups, logs, the database secret) can no longer be read."
                    + " First: make sure nothing still uses it; within the window, aws kms cancel-key-deletion"
                    + " saves it";
            case "aws_ebs_volume" -> "data loss: the volume's data. First: snapshot it (aws ec2 create-snapshot)";
            case "aws_cloudwatch_log_group" -> "data loss: the log events of " + body.path("name").asText("")
                    + ". First: export what must be kept (aws logs create-export-task)";
            case "aws_instance" -> "data loss: the host's root volume: on a SQLite environment, the database file."
                    + " First: back it up (" + SQLITE + ")";
            default -> null;
        };
    }

    /**
     * What a bucket opsstack creates holds, from the name pattern each construct gives it (BackupsBucket,
     * LoadBalancer): only the backups bucket holds the database's dumps, so only it points at the backup runbook.
     */
    private static String bucketHolds(String name) {
        if (name.contains("-backups-")) {
            return "the database's pg_dump backups";
        }
        if (name.contains("-backup-logs-")) {
            return "the server access logs of the backups bucket";
        }
        if (name.contains("-alb-logs-")) {
            return "the load balancer's access logs";
        }
        return "its objects";
    }

    /** Service impact of an in-place update of {@code now} (changed attributes {@code changed}), or none. */
    static List<String> inPlace(Resource now, Set<String> changed, List<Resource> stack) {
        List<String> out = new ArrayList<>();
        JsonNode body = now.body();
        if (now.type().equals("aws_db_instance")) {
            List<String> restarts = changed.stream().filter(RDS_RESTARTS::contains).sorted().toList();
            if (!restarts.isEmpty()) {
                boolean multiAz = body.path("multi_az").asBoolean(false);
                boolean now2 = body.path("apply_immediately").asBoolean(false);
                out.add("impact: changing " + String.join(", ", restarts) + " restarts the database: "
                        + (multiAz ? "Multi-AZ, so the standby is changed first and then a failover (typically one to"
                        + " two minutes without connections)" : "single-AZ, so the database is unavailable while it"
                        + " is modified (typically several minutes)") + "; "
                        + (now2 ? "apply_immediately is set: it happens when Terraform applies"
                        : "apply_immediately is not set: it happens in the next maintenance window ("
                        + body.path("maintenance_window").asText("AWS-chosen") + "), not when Terraform applies"));
            }
            if (changed.contains("password_wo_version") || changed.contains("password")
                    || changed.contains("manage_master_user_password")) {
                // A write-only password is in no plan: its version is what says it changes. RDS applies a master
                // password change at once, whatever apply_immediately says (ModifyDBInstance, MasterUserPassword).
                out.add("impact: the master password changes at this apply (RDS sets it at once): hosts keep their"
                        + " open connections but new ones fail until they re-read the secret; deploy the app stack"
                        + " (its instance refresh) or run `systemctl restart opsstack` on each host right after;"
                        + " the password itself is in no state or plan (password_wo)");
            }
            if (changed.contains("multi_az")) {
                boolean now2 = body.path("apply_immediately").asBoolean(false);
                out.add("impact: " + (body.path("multi_az").asBoolean(false)
                        ? "converting to Multi-AZ: RDS snapshots the instance and builds the standby from it, without"
                        + " an outage but with higher write latency until the standby has caught up"
                        : "back to single-AZ: the standby is removed, without an outage; from then on a maintenance"
                        + " reboot or an AZ failure is downtime") + "; "
                        + (now2 ? "apply_immediately is set: it happens when Terraform applies"
                        : "apply_immediately is not set: it happens in the next maintenance window ("
                        + body.path("maintenance_window").asText("AWS-chosen") + ")"));
            }
        }
        if (now.type().equals("aws_autoscaling_group") && changed.contains("launch_template")) {
            // The provider starts a refresh on any change of the group's launch_template block, the version too
            // (from "$Latest" to the template's latest_version: every host is replaced once, same template).
            String strategy = body.path("instance_refresh").path("strategy").asText("");
            if (!strategy.isEmpty()) {
                out.add("impact: the group's launch_template changes, so it starts an instance refresh (" + strategy
                        + "): running hosts are replaced one batch at a time");
            }
        }
        if (now.type().equals("aws_launch_template")) {
            String ref = "${aws_launch_template." + now.name() + ".";
            for (Resource user : stack) {
                JsonNode lt = user.body().path("launch_template");
                JsonNode block = lt.isArray() ? lt.path(0) : lt;
                if (!block.path("id").asText("").startsWith(ref)) {
                    continue;
                }
                String version = block.path("version").asText("$Default");
                boolean follows = version.contains(".latest_version}");
                if (user.type().equals("aws_autoscaling_group")) {
                    JsonNode refresh = user.body().path("instance_refresh");
                    String strategy = refresh.path("strategy").asText("");
                    if (follows && !strategy.isEmpty()) {
                        out.add("impact: the Auto Scaling group " + user.path() + " starts an instance refresh ("
                                + strategy + "): running hosts are replaced one batch at a time");
                    } else {
                        out.add("impact: running hosts keep the old template: the Auto Scaling group " + user.path()
                                + " uses version " + version + (strategy.isEmpty() ? " and no instance refresh"
                                : ", so its instance_refresh (" + strategy + ") does not start (the provider starts"
                                + " one only when the group's launch_template block changes)")
                                + "; only hosts launched from now on get it. To roll it out: aws autoscaling"
                                + " start-instance-refresh --auto-scaling-group-name "
                                + user.body().path("name").asText(user.path()));
                    }
                } else if (user.type().equals("aws_instance")) {
                    if (follows) {
                        out.add("impact: the host " + user.path() + " follows the template's latest_version, so"
                                + " this deploy replaces it: downtime while the new host boots, a new root volume"
                                + " (a SQLite data volume is reattached)");
                    } else {
                        // The provider reads the host's version back as a number; "$Latest" (or "$Default") then
                        // differs from it and forces the replacement one apply later.
                        out.add("impact: the running host " + user.path() + " keeps the old template (version "
                                + version + ") in this deploy, and the next apply replaces it: the provider reads the"
                                + " host's version back as a number, which no longer matches (downtime while the new"
                                + " host boots, a new root volume)");
                    }
                }
            }
        }
        return out;
    }
}
