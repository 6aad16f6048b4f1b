package io.opsstack.drill;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.config.EnvironmentConfig;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * docs/configuration.md "Restoring from a snapshot", step 1's point in time: RestoreDBInstanceToPointInTime into a
 * temporary instance, its snapshot, the temporary instance deleted (block pitr/1), then the restore procedure from
 * that snapshot ({@link Restore}). The restore time is the instance's latest restorable time (or a minute ago when
 * the API gives none).
 */
final class PointInTimeRestore extends DocDrill {

    static final String DOC_TIME = "2026-11-30T09:00:00Z";
    static final String DOC_SNAPSHOT = "prod-postgres-pitr-2026-11-30-0900";

    PointInTimeRestore(ProcedureDocs docs) {
        super(docs);
    }

    @Override
    public List<String> docBlocks() {
        return concat(List.of("pitr/1"), Restore.BLOCKS);
    }

    @Override
    public String id() {
        return "point-in-time-restore";
    }

    @Override
    public String docSection() {
        return "docs/configuration.md#restoring-from-a-snapshot-the-runbooks-restore-procedure";
    }

    @Override
    public String skipReason(EnvironmentConfig env) {
        String r = Restore.skipReason(env);
        if (r == null && env.database().backupRetentionDays() == 0) {
            return "database.backupRetentionDays 0: no point-in-time recovery";
        }
        return r;
    }

    @Override
    public List<String> notProven() {
        return concat(Restore.notProven(), List.of("that the emulator's temporary instance holds the data of"
                + " the restore time (moto copies the source as it is now)"));
    }

    @Override
    public boolean hasRecoveryTargets() {
        return true;
    }

    @Override
    public void run(DrillContext ctx) throws Exception {
        String region = ctx.config().region();
        String identifier = ctx.config().resourcePrefix() + "-postgres";
        String snapshot = identifier + "-pitr-drill";
        JsonNode latest = awsJson(ctx, "api: latest restorable time", "rds", "describe-db-instances", "--region",
                region, "--db-instance-identifier", identifier, "--query", "DBInstances[0].LatestRestorableTime");
        Instant at;
        try {
            at = latest.isTextual() ? Instant.parse(latest.asText().replace("+00:00", "Z"))
                    : Instant.now().minus(1, ChronoUnit.MINUTES);
        } catch (java.time.format.DateTimeParseException e) {
            at = Instant.now().minus(1, ChronoUnit.MINUTES);
        }
        at = at.truncatedTo(ChronoUnit.SECONDS);
        ProcedureDocs.Substitution sub = substitution(ctx).literal(DOC_TIME, at.toString())
                .literal(DOC_SNAPSHOT, snapshot);
        runBlock(ctx, "pitr/1", sub);
        long start = System.nanoTime();
        JsonNode s = awsJson(ctx, "api: describe snapshot", "rds", "describe-db-snapshots", "--region", region,
                "--db-snapshot-identifier", snapshot, "--query", "DBSnapshots[0].[Status,DBInstanceIdentifier]");
        String temporary = identifier + "-pitr";
        check(ctx, "snapshot of the point in time", start, s.path(0).asText().equals("available")
                && s.path(1).asText().equals(temporary), snapshot + ": " + s);
        start = System.nanoTime();
        List<String> left = Restore.identifiers(ctx, region);
        check(ctx, "temporary instance deleted", start, !left.contains(temporary), region + " instances: " + left);
        Restore.run(this, ctx, snapshot, at.toEpochMilli(), false);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }
}
