package io.opsstack.drill;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.config.DrConfig;
import io.opsstack.config.EnvironmentConfig;
import io.opsstack.constructs.Database;
import io.opsstack.constructs.MasterSecret;
import io.opsstack.stacks.StackPlan;

import java.util.ArrayList;
import java.util.List;

/**
 * docs/configuration.md "Restoring from a snapshot", steps 1 to 6, from a snapshot an earlier step made: shared by
 * the snapshot and the point-in-time drills. Checks, through the API: the new instance (another DbiResourceId, the
 * same endpoint name) comes from that snapshot, the replaced one left its final snapshot, opsstack's secret is the
 * one the hosts' policy names and holds a new version, the DR replica (warm standby) is a replica of the restored
 * instance, deletion protection is back as it was, the hosts were asked to restart, and the plan is empty.
 */
final class Restore {

    /** The doc's example snapshot id in restore/4 (and in the runbook's manual snapshot). */
    static final String DOC_SNAPSHOT = "prod-postgres-before-1-5-0";

    /** The blocks of docs/configuration.md's procedure, in order ({@code dr-*}: warm standby / dr only). */
    static final List<String> BLOCKS = List.of("restore/1", "restore/2", "restore/3", "restore/dr-1", "restore/4",
            "restore/5", "restore/dr-2", "restore/6", "restore/7", "restore/dr-3", "restore/8", "restore/dr-4");

    private Restore() {
    }

    static String skipReason(EnvironmentConfig env) {
        if (env.database().sqlite()) {
            return "database.engine sqlite: no RDS instance (the SQLite restore is a host procedure)";
        }
        return null;
    }

    static List<String> notProven() {
        return List.of("the rows of the restored database (the emulator keeps no data; the pg_dump round trip is"
                        + " the host scripts' drill)",
                "the hosts restarting and reconnecting (SSM send-command is accepted; the emulator runs no agent)",
                "AWS's own restore duration (the times are API-level: the emulator creates instances in seconds)");
    }

    /** Runs the restore procedure from {@code snapshot}, taken at {@code snapshotMillis} (epoch ms, for the RPO). */
    static void run(DocDrill drill, DrillContext ctx, String snapshot, long snapshotMillis) throws Exception {
        run(drill, ctx, snapshot, snapshotMillis, true);
    }

    /**
     * As above; {@code listStep} false for a snapshot of the point-in-time path, which step 1's listing does not
     * show (it lists the snapshots of {@code <env>-postgres}; that one is of the temporary instance).
     */
    static void run(DocDrill drill, DrillContext ctx, String snapshot, long snapshotMillis, boolean listStep)
            throws Exception {
        EnvironmentConfig env = ctx.config();
        String region = env.region();
        String identifier = env.resourcePrefix() + "-postgres";
        boolean protectedDb = env.database().deletionProtection();
        boolean standby = env.dr().map(d -> d.mode() == DrConfig.Mode.WARM_STANDBY).orElse(false);
        String drRegion = env.dr().map(DrConfig::region).orElse(null);
        String drIdentifier = env.name() + "-dr-postgres";
        String previousFinal = env.database().skipFinalSnapshot() ? null
                : Database.finalSnapshotName(identifier, env.database().restoreFromSnapshot().orElse(null));
        ProcedureDocs.Substitution sub = DocDrill.substitution(ctx).literal(DOC_SNAPSHOT, snapshot);

        JsonNode before = instance(ctx, region, identifier);
        Secret secretBefore = secret(ctx, region, env.name());

        // Step 1: the snapshot is listed.
        long start;
        if (listStep) {
            List<String> listed = drill.runBlock(ctx, "restore/1", sub);
            start = System.nanoTime();
            DocDrill.check(ctx, "step 1: snapshot listed", start, String.join("\n", listed).contains(snapshot),
                    snapshot + (String.join("\n", listed).contains(snapshot) ? " listed"
                            : " not in the output of restore/1"));
        }

        long recoveryStart = System.nanoTime();
        // Step 2: protection off, by a deploy of its own.
        if (protectedDb) {
            drill.edit(ctx, "restore/2", sub, false);
            drill.runBlock(ctx, "restore/3", sub);
            start = System.nanoTime();
            JsonNode dp = instance(ctx, region, identifier).path("DeletionProtection");
            DocDrill.check(ctx, "step 2: deletion protection off", start, !dp.asBoolean(true),
                    identifier + " DeletionProtection " + dp);
        }
        if (standby) {
            drill.runBlock(ctx, "restore/dr-1", sub);
            start = System.nanoTime();
            List<String> left = identifiers(ctx, drRegion);
            DocDrill.check(ctx, "step 2: DR replica deleted", start, !left.contains(drIdentifier),
                    drRegion + " instances: " + left);
        }
        // Step 3: the restore.
        drill.edit(ctx, "restore/4", sub, false);
        drill.runBlock(ctx, "restore/5", sub);
        start = System.nanoTime();
        JsonNode after = instance(ctx, region, identifier);
        List<String> problems = new ArrayList<>();
        if (after.path("DbiResourceId").asText().equals(before.path("DbiResourceId").asText())) {
            problems.add("same DbiResourceId " + after.path("DbiResourceId").asText() + ": not replaced");
        }
        if (!after.path("DBInstanceStatus").asText().equals("available")) {
            problems.add("status " + after.path("DBInstanceStatus").asText());
        }
        String endpointBefore = before.path("Endpoint").path("Address").asText();
        String endpointAfter = after.path("Endpoint").path("Address").asText();
        if (endpointAfter.isEmpty() || !endpointAfter.equals(endpointBefore)) {
            problems.add("endpoint " + endpointBefore + " -> " + endpointAfter + " (the hosts look it up by identifier;"
                    + " it must stay)");
        }
        String source = DocDrill.stateValue(ctx, StackPlan.id(env.name(), StackPlan.Kind.DATA), "aws_db_instance",
                "snapshot_identifier");
        if (!snapshot.equals(source)) {
            problems.add("the instance in the state comes from " + source + ", want " + snapshot);
        }
        DocDrill.check(ctx, "step 3: instance replaced from the snapshot", start, problems.isEmpty(),
                problems.isEmpty() ? identifier + " " + before.path("DbiResourceId").asText() + " -> "
                        + after.path("DbiResourceId").asText() + " from " + snapshot + ", endpoint " + endpointAfter
                        : String.join("; ", problems));
        if (previousFinal != null) {
            start = System.nanoTime();
            JsonNode finalSnap = DocDrill.awsJson(ctx, "api: final snapshot", "rds", "describe-db-snapshots",
                    "--region", region, "--db-instance-identifier", identifier, "--query",
                    "DBSnapshots[].DBSnapshotIdentifier");
            DocDrill.check(ctx, "step 3: final snapshot of the replaced instance", start,
                    DocDrill.texts(finalSnap).contains(previousFinal), previousFinal + " among "
                            + DocDrill.texts(finalSnap));
        }
        start = System.nanoTime();
        Secret secretAfter = secret(ctx, region, env.name());
        String policy = hostPolicy(ctx, env);
        List<String> secretProblems = new ArrayList<>();
        if (!secretAfter.arn().equals(secretBefore.arn())) {
            secretProblems.add("secret ARN " + secretBefore.arn() + " -> " + secretAfter.arn());
        }
        if (secretAfter.current().equals(secretBefore.current())) {
            secretProblems.add("AWSCURRENT still " + secretAfter.current() + ": the new instance's password is not"
                    + " in the secret");
        }
        if (policy != null && !policy.contains(secretAfter.arn())) {
            secretProblems.add("the hosts' policy does not name " + secretAfter.arn());
        }
        DocDrill.check(ctx, "step 3: hosts' secret resolves", start, secretProblems.isEmpty(),
                secretProblems.isEmpty() ? secretAfter.arn() + " version " + secretBefore.current() + " -> "
                        + secretAfter.current() + (policy != null ? ", named by the hosts' policy" : "")
                        : String.join("; ", secretProblems));
        if (standby) {
            drill.runBlock(ctx, "restore/dr-2", sub);
            start = System.nanoTime();
            JsonNode dr = instance(ctx, drRegion, drIdentifier);
            String src = dr.path("ReadReplicaSourceDBInstanceIdentifier").asText("");
            DocDrill.check(ctx, "step 3: DR replica of the restored instance", start,
                    src.equals(identifier) || src.endsWith(":db:" + identifier), drIdentifier + " source " + src);
        }
        // Step 4: protection back on.
        if (protectedDb) {
            drill.edit(ctx, "restore/6", sub, false);
            drill.edit(ctx, "restore/2", sub, true);
            drill.runBlock(ctx, "restore/7", sub);
            if (standby) {
                drill.runBlock(ctx, "restore/dr-3", sub);
            }
            start = System.nanoTime();
            boolean on = instance(ctx, region, identifier).path("DeletionProtection").asBoolean(false);
            boolean drOn = !standby || instance(ctx, drRegion, drIdentifier).path("DeletionProtection").asBoolean(false);
            DocDrill.check(ctx, "step 4: deletion protection back on", start, on && drOn,
                    identifier + " " + on + (standby ? ", " + drIdentifier + " " + drOn : ""));
        }
        // Step 5: the hosts restart to read the new password.
        if (env.app().isPresent()) {
            drill.runBlock(ctx, "restore/8", sub);
            if (env.dr().isPresent()) {
                drill.runBlock(ctx, "restore/dr-4", sub);
            }
            start = System.nanoTime();
            JsonNode cmd = DocDrill.awsJson(ctx, "api: last SSM command", "ssm", "list-commands", "--region", region,
                    "--query", "Commands[0].Parameters.commands[0]");
            DocDrill.check(ctx, "step 5: hosts asked to restart", start,
                    cmd.asText("").contains("systemctl restart opsstack"), "last SSM command: " + cmd.asText(""));
        }
        long now = System.currentTimeMillis();
        ctx.record("-", DrillReport.MEASURED_RTO, recoveryStart, true, "API-level: from lifting protection to the"
                + " hosts asked to restart (runbook target 10 min)");
        ctx.record("-", DrillReport.MEASURED_RPO, System.nanoTime() - Math.max(0, now - snapshotMillis) * 1_000_000L,
                true, "API-level: writes after the restore point are lost (runbook target 1 h)");
        // Step 6 and the end state the doc promises.
        start = System.nanoTime();
        EnvironmentConfig end = ctx.config();
        List<String> endProblems = new ArrayList<>();
        if (!end.database().restoreFromSnapshot().orElse("").equals(snapshot)) {
            endProblems.add("restoreFromSnapshot is " + end.database().restoreFromSnapshot().orElse("unset"));
        }
        if (end.database().deletionProtection() != protectedDb) {
            endProblems.add("deletionProtection " + end.database().deletionProtection() + ", was " + protectedDb);
        }
        if (end.suppressions().size() != env.suppressions().size()) {
            endProblems.add(end.suppressions().size() + " suppressions, was " + env.suppressions().size());
        }
        DocDrill.check(ctx, "step 6: environment file as the doc leaves it", start, endProblems.isEmpty(),
                endProblems.isEmpty() ? "restoreFromSnapshot " + snapshot + ", protection and suppressions as before"
                        : String.join("; ", endProblems));
        DocDrill.converged(ctx, "plan after restore");
    }

    static JsonNode instance(DrillContext ctx, String region, String identifier) throws Exception {
        return DocDrill.awsJson(ctx, "api: describe " + identifier, "rds", "describe-db-instances", "--region", region,
                "--db-instance-identifier", identifier, "--query", "DBInstances[0]");
    }

    static List<String> identifiers(DrillContext ctx, String region) throws Exception {
        return DocDrill.texts(DocDrill.awsJson(ctx, "api: instances in " + region, "rds", "describe-db-instances",
                "--region", region, "--query", "DBInstances[].DBInstanceIdentifier"));
    }

    record Secret(String arn, String current) {
    }

    static Secret secret(DrillContext ctx, String region, String env) throws Exception {
        JsonNode s = DocDrill.awsJson(ctx, "api: describe secret", "secretsmanager", "describe-secret", "--region",
                region, "--secret-id", MasterSecret.secretName(env));
        String current = "";
        var it = s.path("VersionIdsToStages").properties().iterator();
        while (it.hasNext()) {
            var e = it.next();
            if (DocDrill.texts(e.getValue()).contains("AWSCURRENT")) {
                current = e.getKey();
            }
        }
        return new Secret(s.path("ARN").asText(), current);
    }

    /** The hosts' inline policy document, from the API (role and policy named by the app stack's state). */
    static String hostPolicy(DrillContext ctx, EnvironmentConfig env) throws Exception {
        if (env.app().isEmpty()) {
            return null;
        }
        String appStack = StackPlan.id(env.name(), StackPlan.Kind.APP);
        String role = DocDrill.stateValue(ctx, appStack, "aws_iam_role_policy", "role");
        String name = DocDrill.stateValue(ctx, appStack, "aws_iam_role_policy", "name");
        if (role == null || name == null) {
            throw new DrillException(appStack + " has no aws_iam_role_policy in its state: cannot check the hosts'"
                    + " secret");
        }
        return ctx.aws("api: hosts' policy", List.of("iam", "get-role-policy", "--role-name", role, "--policy-name",
                name, "--query", "PolicyDocument", "--output", "json"));
    }
}
