package io.opsstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.synth.SynthFixture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * What {@code failback} and {@code teardown} print, against the names the synthesized stacks really give (the
 * fixture's JSON, not opsstack's own formulas): the data key alias and subnet group the failback replica needs, the
 * instances whose protection it lifts and their final snapshots, and every bucket a teardown must empty. The cdktf-cli
 * commands in both are run by CdktfCliCommandsTest.
 */
class SwapAndTeardownCommandsTest {

    private static String single(Map<String, JsonNode> resources, String field) {
        assertEquals(1, resources.size(), resources.keySet().toString());
        return resources.values().iterator().next().path(field).asText();
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line with `" + text + "` in:\n" + String.join("\n", lines));
    }

    @Test
    void failbackPrintsEveryStepOfTheDocWithTheStacksNames() throws Exception {
        SynthFixture fx = SynthFixture.shared();
        JsonNode data = fx.stack("prod-data");
        JsonNode drData = fx.stack("prod-dr-data");
        String alias = single(SynthFixture.resources(data, "aws_kms_alias"), "name");
        String subnets = single(SynthFixture.resources(data, "aws_db_subnet_group"), "name");
        String primaryFinal = single(SynthFixture.resources(data, "aws_db_instance"), "final_snapshot_identifier");
        String primaryDb = single(SynthFixture.resources(data, "aws_db_instance"), "identifier");
        String drDb = single(SynthFixture.resources(drData, "aws_db_instance"), "identifier");

        Path home = SynthFixture.copyOfProject(Map.of());
        RunbookProceduresTest.run(home, "failover", "prod");
        RunbookProceduresTest.Run r = RunbookProceduresTest.run(home, "failback", "prod");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();

        int replica = indexOf(lines, "aws rds create-db-instance-read-replica --region us-east-1");
        String create = lines.get(replica);
        assertTrue(create.contains(" --kms-key-id " + alias + " "), create);
        assertTrue(create.contains(" --db-subnet-group-name " + subnets), create);
        assertTrue(create.contains(":db:" + drDb + " --source-region us-west-2"), create);
        int promote = indexOf(lines, "aws rds promote-read-replica --region us-east-1");
        int snapshot = indexOf(lines, "aws rds create-db-snapshot --region us-east-1");
        int config = indexOf(lines, "database.deletionProtection: false, and the OPS-RDS-004 suppression with"
                + " resource: prod-data/database");
        int liftPrimary = indexOf(lines, "--db-instance-identifier " + primaryDb + " --no-deletion-protection");
        int liftDr = indexOf(lines, "--region us-west-2 --db-instance-identifier " + drDb + " --no-deletion-protection");
        int oldFinal = indexOf(lines, "delete-db-snapshot --region us-east-1 --db-snapshot-identifier " + primaryFinal);
        int oldDrFinal = indexOf(lines, "delete-db-snapshot --region us-west-2 --db-snapshot-identifier " + drDb + "-final");
        int deployPrimary = indexOf(lines, "deploy prod-network prod-data prod-app");
        int replace = indexOf(lines, "terraform apply -replace=");
        int deployDr = indexOf(lines, "deploy prod-dr-data prod-dr-app");
        int protect = indexOf(lines, "database.deletionProtection: true, remove the suppression");
        int deployLast = indexOf(lines, "deploy prod-data prod-dr-data");
        List<Integer> order = List.of(replica, promote, snapshot, config, liftPrimary, oldFinal, liftDr, oldDrFinal,
                deployPrimary, replace, deployDr, protect, deployLast);
        List<Integer> sorted = new ArrayList<>(order);
        sorted.sort(null);
        assertEquals(sorted, order, String.join("\n", lines));
        assertTrue(lines.get(replace).contains("cdktf.out/stacks/prod-dr-data"), lines.get(replace));
    }

    @Test
    void teardownEmptiesEveryBucketTheStacksCreateAccessLogsLast() throws Exception {
        SynthFixture fx = SynthFixture.shared();
        for (String env : List.of("prod", "dev", "web", "poc")) {
            TreeSet<String> synthesized = new TreeSet<>();
            try (Stream<Path> stacks = Files.list(fx.out.resolve("stacks"))) {
                for (Path stack : stacks.filter(p -> p.getFileName().toString().startsWith(env + "-")).toList()) {
                    SynthFixture.resources(SynthFixture.read(stack.resolve("cdk.tf.json")), "aws_s3_bucket").values()
                            .forEach(b -> synthesized.add(b.path("bucket").asText()
                                    .replaceAll("\\$\\{[^}]*account_id}", "\\$account")));
                }
            }
            assertTrue(synthesized.size() >= 2, env + ": " + synthesized);
            RunbookProceduresTest.Run r = RunbookProceduresTest.run(fx.home, "teardown", env);
            assertEquals(0, r.code(), r.err());
            List<String> emptied = new ArrayList<>();
            Matcher m = Pattern.compile("(?m)^ +empty_bucket [a-z0-9-]+ (\\S+)$").matcher(r.out());
            while (m.find()) {
                emptied.add(m.group(1));
            }
            assertEquals(synthesized, new TreeSet<>(emptied), env + ":\n" + r.out());
            // Within each region, the access-log bucket of the backups comes after every other bucket.
            for (int i = 0; i < emptied.size(); i++) {
                if (emptied.get(i).contains("-backup-logs-")) {
                    String region = emptied.get(i).replaceFirst(".*-\\$account-", "");
                    for (int j = i + 1; j < emptied.size(); j++) {
                        assertTrue(!emptied.get(j).endsWith("-" + region) || emptied.get(j).contains("-backup-logs-"),
                                emptied.toString());
                    }
                }
            }
            List<String> lines = r.out().lines().toList();
            assertTrue(indexOf(lines, "put-bucket-logging") < indexOf(lines, "empty_bucket() {"), r.out());
            assertTrue(indexOf(lines, "empty_bucket() {") < indexOf(lines, "npx cdktf-cli@0.19.2 destroy"), r.out());
        }
    }
}
