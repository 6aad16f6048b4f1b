package io.opsstack.drill;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.config.EnvironmentConfig;

import java.util.List;

/**
 * docs/runbook.md "Performing a database backup" (the manual snapshot), then docs/configuration.md "Restoring from
 * a snapshot" from that snapshot ({@link Restore}). The snapshot id is the doc's example with the environment's
 * name and a drill suffix.
 */
final class SnapshotRestore extends DocDrill {

    SnapshotRestore(ProcedureDocs docs) {
        super(docs);
    }

    @Override
    public List<String> docBlocks() {
        List<String> all = new java.util.ArrayList<>(List.of("snapshot/1"));
        all.addAll(Restore.BLOCKS);
        return List.copyOf(all);
    }

    @Override
    public String id() {
        return "snapshot-restore";
    }

    @Override
    public String docSection() {
        return "docs/runbook.md#performing-a-database-backup, "
                + "docs/configuration.md#restoring-from-a-snapshot-the-runbooks-restore-procedure";
    }

    @Override
    public String skipReason(EnvironmentConfig env) {
        return Restore.skipReason(env);
    }

    @Override
    public List<String> notProven() {
        return Restore.notProven();
    }

    @Override
    public boolean hasRecoveryTargets() {
        return true;
    }

    @Override
    public void run(DrillContext ctx) throws Exception {
        String identifier = ctx.config().resourcePrefix() + "-postgres";
        String snapshot = identifier + "-drill-snapshot";
        ProcedureDocs.Substitution sub = substitution(ctx).literal(Restore.DOC_SNAPSHOT, snapshot);
        long taken = System.currentTimeMillis();
        runBlock(ctx, "snapshot/1", sub);
        long start = System.nanoTime();
        JsonNode s = awsJson(ctx, "api: describe snapshot", "rds", "describe-db-snapshots", "--region",
                ctx.config().region(), "--db-snapshot-identifier", snapshot, "--query",
                "DBSnapshots[0].[Status,DBInstanceIdentifier,SnapshotType]");
        check(ctx, "manual snapshot available", start, s.path(0).asText().equals("available")
                        && s.path(1).asText().equals(identifier) && s.path(2).asText().equals("manual"),
                snapshot + ": " + s);
        Restore.run(this, ctx, snapshot, taken);
    }
}
