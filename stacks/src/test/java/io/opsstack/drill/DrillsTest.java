package io.opsstack.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsstack.synth.SynthFixture;

import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Each drill against a fake context that models AWS's answers and records every call: the commands are the docs'
 * (read here from the doc text, not through the parser), the environment file ends as the doc says, and a wrong API
 * answer or a procedure edited into something wrong makes the drill fail.
 */
class DrillsTest {

    static Map<String, String> docs() throws Exception {
        return DocsProceduresTest.docs();
    }

    static Drills drills(Map<String, String> docs) {
        return new Drills(ProcedureDocs.parse(docs));
    }

    static Drill drill(String id) throws Exception {
        return drills(docs()).byId(List.of(id)).get(0);
    }

    /** The cdktf-cli lines of a marked block, read from the raw doc text, for environment env, as a drill runs them. */
    static List<String> docCdktf(String file, String block, String env) throws Exception {
        String text = Files.readString(SynthFixture.HOME.resolve(file));
        Matcher m = Pattern.compile("<!-- drill: " + Pattern.quote(block) + " -->\\n\\s*```sh\\n(.*?)```",
                Pattern.DOTALL).matcher(text);
        assertTrue(m.find(), file + " has no block " + block);
        List<String> out = new ArrayList<>();
        for (String line : m.group(1).split("\n")) {
            String l = line.strip();
            if (l.startsWith("npx cdktf-cli@0.19.2 ")) {
                out.add("cdktf " + l.substring("npx cdktf-cli@0.19.2 ".length()).replace("prod-", env + "-")
                        + " --auto-approve");
            }
        }
        return out;
    }

    static String envFile(FakeDrillContext ctx) throws Exception {
        return Files.readString(ctx.project().resolve("environments/" + ctx.environment() + ".yaml"));
    }

    @Test
    void registryHasEveryProcedureInRunOrderAndRefusesUnknownOnes() throws Exception {
        Drills d = drills(docs());
        assertEquals(List.of("rollout-rollback", "scale", "lost-host", "snapshot-restore", "point-in-time-restore"),
                d.ids());
        assertEquals(List.of("scale", "lost-host"), d.byId(List.of("lost-host", "scale")).stream().map(Drill::id)
                .toList());
        DrillException e = assertThrows(DrillException.class, () -> d.byId(List.of("restore")));
        assertTrue(e.getMessage().startsWith("unknown procedure restore (known: rollout-rollback, scale"), e.getMessage());
    }

    @Test
    void rolloutAndRollbackOnProdDeployTheDocsCommandsAndEndOnTheOriginalTag() throws Exception {
        FakeDrillContext ctx = new FakeDrillContext("prod");
        String before = envFile(ctx);
        drill("rollout-rollback").run(ctx);
        List<String> once = new ArrayList<>(docCdktf("docs/runbook.md", "rollback/2", "prod"));
        once.addAll(docCdktf("docs/runbook.md", "rollback/dr-1", "prod"));
        List<String> twice = new ArrayList<>(once);
        twice.addAll(once);
        assertEquals(twice, ctx.cdktfCalls());
        assertEquals(List.of("cdktf deploy prod-app --ignore-missing-stack-dependencies --parallelism 1 --auto-approve",
                "cdktf deploy prod-dr-app --ignore-missing-stack-dependencies --parallelism 1 --auto-approve"), once);
        assertEquals(3, ctx.ltVersion, "one launch template version per deploy");
        assertEquals(before, envFile(ctx), "rolled back: the file is as it was");
        assertTrue(ctx.records.stream().anyMatch(r -> r.startsWith("ok check: rollout: Compose file carries the tag:"
                + " image: ghcr.io/acme/fastapi-app:1.4.2-drill")), ctx.records.toString());
    }

    @Test
    void rolloutReplacesTheSingleHost() throws Exception {
        FakeDrillContext ctx = new FakeDrillContext("dev");
        String first = ctx.instances.get(0);
        drill("rollout-rollback").run(ctx);
        assertEquals(docCdktf("docs/runbook.md", "rollback/2", "dev").size() * 2, ctx.cdktfCalls().size());
        assertEquals(1, ctx.instances.size());
        assertNotEquals(first, ctx.instances.get(0));
    }

    @Test
    void failsWhenTheComposeFileKeepsTheOldTag() throws Exception {
        FakeDrillContext ctx = new FakeDrillContext("prod");
        ctx.userDataKeepsFirstTag = true;
        DrillException e = assertThrows(DrillException.class, () -> drill("rollout-rollback").run(ctx));
        assertTrue(e.getMessage().startsWith("rollout: Compose file carries the tag: no `image:"
                + " ghcr.io/acme/fastapi-app:1.4.2-drill`"), e.getMessage());
    }

    @Test
    void failsARollbackDocThatForgetsTheDrHosts() throws Exception {
        Map<String, String> d = docs();
        d.put("docs/runbook.md", d.get("docs/runbook.md").replace("<!-- drill: rollback/dr-1 -->\n", ""));
        FakeDrillContext ctx = new FakeDrillContext("prod");
        DrillException e = assertThrows(DrillException.class, () -> drills(d).byId(List.of("rollout-rollback")).get(0)
                .run(ctx));
        assertTrue(e.getMessage().contains("no code block marked <!-- drill: rollback/dr-1 -->"), e.getMessage());
        // And a doc whose DR deploy names the wrong stack leaves a plan that is not empty.
        Map<String, String> wrong = docs();
        wrong.put("docs/runbook.md", wrong.get("docs/runbook.md").replace("<!-- drill: rollback/dr-1 -->\n```sh\n"
                + "npx cdktf-cli@0.19.2 deploy prod-dr-app", "<!-- drill: rollback/dr-1 -->\n```sh\n"
                + "npx cdktf-cli@0.19.2 deploy prod-dr-data"));
        FakeDrillContext ctx2 = new FakeDrillContext("prod");
        DrillException e2 = assertThrows(DrillException.class, () -> drills(wrong).byId(List.of("rollout-rollback"))
                .get(0).run(ctx2));
        assertEquals("plan after rollout: the plan is not empty after the procedure", e2.getMessage());
    }

    @Test
    void scaleOutAndBackInOnProd() throws Exception {
        FakeDrillContext ctx = new FakeDrillContext("prod");
        String before = envFile(ctx);
        drill("scale").run(ctx);
        assertTrue(ctx.records.stream().anyMatch(r -> r.startsWith("ok check: scale out: group capacity: prod-app"
                + " desired 4, max 8, 4 instances")), ctx.records.toString());
        assertTrue(ctx.records.stream().anyMatch(r -> r.startsWith("ok check: scale out: containers per host:"
                + " `replicas: 3`")), ctx.records.toString());
        assertEquals(3, ctx.desired);
        assertEquals(6, ctx.max);
        assertEquals(3, ctx.instances.size());
        assertEquals(before, envFile(ctx));
        List<String> once = new ArrayList<>(docCdktf("docs/runbook.md", "scale/2", "prod"));
        once.addAll(docCdktf("docs/runbook.md", "scale/dr-1", "prod"));
        List<String> twice = new ArrayList<>(once);
        twice.addAll(once);
        assertEquals(twice, ctx.cdktfCalls());
    }

    @Test
    void failsWhenTheGroupDoesNotFollow() throws Exception {
        FakeDrillContext ctx = new FakeDrillContext("prod");
        ctx.groupIgnoresCapacity = true;
        DrillException e = assertThrows(DrillException.class, () -> drill("scale").run(ctx));
        assertEquals("scale out: group capacity: desired 3, want 4; max 6, want 8", e.getMessage());
    }

    @Test
    void scaleIsSkippedForASingleHost() throws Exception {
        assertEquals("app.mode single: one host, no group to scale (runbook: asg mode)",
                drill("scale").skipReason(new FakeDrillContext("dev").config()));
    }

    @Test
    void lostHostIsReplacedByTheGroup() throws Exception {
        FakeDrillContext ctx = new FakeDrillContext("prod");
        String lost = ctx.instances.get(0);
        drill("lost-host").run(ctx);
        assertTrue(ctx.calls.contains("aws ec2 terminate-instances --region us-east-1 --instance-ids " + lost),
                ctx.calls.toString());
        assertFalse(ctx.instances.contains(lost));
        assertEquals(List.of(), ctx.cdktfCalls(), "asg: no deploy needed");
    }

    @Test
    void lostSingleHostComesBackAtTheNextDeploy() throws Exception {
        FakeDrillContext ctx = new FakeDrillContext("dev");
        String lost = ctx.instances.get(0);
        drill("lost-host").run(ctx);
        assertEquals(docCdktf("docs/runbook.md", "lost-host/2", "dev"), ctx.cdktfCalls());
        assertEquals(1, ctx.instances.size());
        assertNotEquals(lost, ctx.instances.get(0));
    }

    @Test
    void failsWhenTheGroupDoesNotReplaceTheLostHost() throws Exception {
        FakeDrillContext ctx = new FakeDrillContext("prod");
        ctx.groupDoesNotReplaceLostHosts = true;
        DrillException e = assertThrows(DrillException.class, () -> drill("lost-host").run(ctx));
        assertTrue(e.getMessage().startsWith("group replaced the host: 2 hosts, want 3"), e.getMessage());
    }

    @Test
    void snapshotRestoreOnProdFollowsTheDocStepByStepAndEndsAsPromised() throws Exception {
        FakeDrillContext ctx = new FakeDrillContext("prod");
        String before = envFile(ctx);
        String dbi = (String) ctx.dbs.get("us-east-1/prod-postgres").get("dbi");
        drill("snapshot-restore").run(ctx);
        List<String> want = new ArrayList<>();
        for (String b : List.of("restore/3", "restore/dr-1", "restore/5", "restore/dr-2", "restore/7", "restore/dr-3")) {
            want.addAll(docCdktf("docs/configuration.md", b, "prod"));
        }
        assertEquals(want, ctx.cdktfCalls());
        assertTrue(ctx.snapshots.containsKey("prod-postgres-drill-snapshot"));
        assertTrue(ctx.snapshots.containsKey("prod-postgres-final"), "the replaced instance's final snapshot");
        var db = ctx.dbs.get("us-east-1/prod-postgres");
        assertNotEquals(dbi, db.get("dbi"));
        assertEquals("prod-postgres-drill-snapshot", db.get("from"));
        assertEquals(true, db.get("protection"));
        assertTrue(ctx.dbs.get("us-west-2/prod-dr-postgres").get("source").toString().endsWith(":db:prod-postgres"));
        assertEquals("systemctl restart opsstack.service", ctx.lastSsm.replaceAll("^commands=\\[\"|\"\\]$", ""));
        // The file: restoreFromSnapshot left set, everything else as it was (suppression removed, protection on).
        assertEquals(before.replace("restoreFromSnapshot: null", "restoreFromSnapshot: prod-postgres-drill-snapshot")
                + "suppressions: []\n", envFile(ctx));
    }

    @Test
    void twoRestoresInARowDoNotCollideOnTheFinalSnapshot() throws Exception {
        // issue 22: with the fixed name <env>-postgres-final the second restore stopped at DBSnapshotAlreadyExists.
        FakeDrillContext ctx = new FakeDrillContext("prod");
        drill("snapshot-restore").run(ctx);
        drill("point-in-time-restore").run(ctx);
        assertTrue(ctx.snapshots.containsKey("prod-postgres-final"));
        assertTrue(ctx.snapshots.containsKey("prod-postgres-final-prod-postgres-drill-snapshot"), ctx.snapshots.toString());
        assertEquals("prod-postgres-pitr-drill", ctx.dbs.get("us-east-1/prod-postgres").get("from"));
        assertTrue(ctx.calls.contains("restore-time 2026-12-04T21:00:00Z"), ctx.calls.toString());
        assertFalse(ctx.dbs.containsKey("us-east-1/prod-postgres-pitr"), "the temporary instance is deleted");
    }

    @Test
    void restoreOnDevWithoutProtectionOrDrSkipsThoseSteps() throws Exception {
        FakeDrillContext ctx = new FakeDrillContext("dev");
        drill("snapshot-restore").run(ctx);
        assertEquals(docCdktf("docs/configuration.md", "restore/5", "dev"), ctx.cdktfCalls());
    }

    @Test
    void failsTheOldRestoreStepThatDeployedProtectionAndRestoreTogether() throws Exception {
        // The doc as it was: protection lifted in the same deploy that replaces the instance.
        Map<String, String> d = docs();
        String conf = d.get("docs/configuration.md");
        Matcher m = Pattern.compile("(   <!-- drill: restore/3 -->\\n   ```sh\\n)(.*?)(   ```)", Pattern.DOTALL)
                .matcher(conf);
        assertTrue(m.find());
        d.put("docs/configuration.md", m.replaceFirst(Matcher.quoteReplacement(m.group(1)
                + "   ./opsstack synth prod\n" + m.group(3))));
        FakeDrillContext ctx = new FakeDrillContext("staging");
        DrillException e = assertThrows(DrillException.class, () -> drills(d).byId(List.of("snapshot-restore")).get(0)
                .run(ctx));
        assertTrue(e.getMessage().startsWith("step 2: deletion protection off"), e.getMessage());
    }

    @Test
    void failsWhenTheSecretKeepsTheOldPassword() throws Exception {
        FakeDrillContext ctx = new FakeDrillContext("staging");
        ctx.secretKeepsVersion = true;
        DrillException e = assertThrows(DrillException.class, () -> drill("snapshot-restore").run(ctx));
        assertTrue(e.getMessage().startsWith("step 3: hosts' secret resolves: AWSCURRENT still v"), e.getMessage());
    }

    @Test
    void failsARestoreDocThatKeepsTheStandbyReplica() throws Exception {
        // Without restore/dr-1's delete, AWS promotes the replica when its source goes: the DR deploy then fails.
        Map<String, String> d = docs();
        d.put("docs/configuration.md", d.get("docs/configuration.md").replace(
                "   aws rds delete-db-instance --region us-west-2 --db-instance-identifier prod-dr-postgres"
                        + " --skip-final-snapshot\n   aws rds wait db-instance-deleted --region us-west-2"
                        + " --db-instance-identifier prod-dr-postgres\n", ""));
        FakeDrillContext ctx = new FakeDrillContext("prod");
        DrillException e = assertThrows(DrillException.class, () -> drills(d).byId(List.of("snapshot-restore")).get(0)
                .run(ctx));
        assertTrue(e.getMessage().startsWith("step 2: DR replica deleted"), e.getMessage());
    }

    @Test
    void runnerReportsEveryStepAndTheRecoveryTimes() throws Exception {
        FakeDrillContext ctx = new FakeDrillContext("prod");
        ctx.groupDoesNotReplaceLostHosts = true;
        List<DrillReport.Step> progress = new ArrayList<>();
        DrillReport report = new DrillRunner(Clock.systemUTC(), progress::add).run(
                drills(docs()).byId(List.of("lost-host", "snapshot-restore")), ctx);
        assertFalse(report.passed());
        Map<String, String> status = new TreeMap<>();
        report.procedures().forEach(p -> status.put(p.id(), p.status()));
        assertEquals(Map.of("lost-host", "FAILED", "snapshot-restore", "passed"), status);
        DrillReport.Procedure restore = report.procedures().get(1);
        assertTrue(restore.recovery().rtoSeconds() != null && restore.recovery().rpoSeconds() != null);
        assertNull(report.procedures().get(0).recovery());
        assertEquals(progress.size(), report.procedures().stream().mapToInt(p -> p.steps().size()).sum());
        assertTrue(restore.steps().stream().anyMatch(s -> s.step().startsWith("restore/5: npx cdktf-cli@0.19.2 deploy"
                + " prod-data")), restore.steps().toString());
    }
}
