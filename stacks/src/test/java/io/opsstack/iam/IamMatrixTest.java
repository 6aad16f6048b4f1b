package io.opsstack.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opsstack.cli.Main;
import io.opsstack.config.ActiveRegionEditor;
import io.opsstack.config.ConfigLoader;
import io.opsstack.config.DrConfig;
import io.opsstack.policy.Finding;
import io.opsstack.synth.SynthFixture;
import io.opsstack.synth.Synthesizer;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The IAM access matrix over every shipped AWS environment, prod before and after `opsstack failover`: every path
 * passes (positive), and a deliberately broken policy makes exactly that path fail (negative, one per path). The
 * evaluator runs in Node.js with the modules `.ci/run` installs (npm ci); in CI a missing one fails, locally it is
 * a printed skip, like the promtool tests.
 */
class IamMatrixTest {

    static final List<String> SHIPPED = List.of("dev", "poc", "prod", "spa", "staging", "web");
    private static final ObjectMapper JSON = new ObjectMapper();

    static IamMatrix matrix;
    static Path current;
    static Path failover;
    static IamMatrix.Result result;

    @BeforeAll
    static void evaluate() throws Exception {
        matrix = new IamMatrix(SynthFixture.HOME);
        String why = matrix.unavailable();
        if (why != null) {
            if (System.getenv("CI") != null) {
                fail(why + ": required in CI (.ci/run runs npm ci)");
            }
            System.err.println("SKIPPED: " + why);
            Assumptions.abort(why);
        }
        current = SynthFixture.shared().out;
        // What `opsstack failover prod` writes: the same file with dr.activeRegion: dr, synthesized again.
        Path home = SynthFixture.copyOfProject(Map.of());
        new ActiveRegionEditor(home).set("prod", DrConfig.Active.DR);
        failover = home.resolve("cdktf.out");
        new Synthesizer(home).synth(new ConfigLoader(home).load(List.of("prod")), failover);
        result = matrix.run(List.of(new IamMatrix.Input("current", current, SHIPPED),
                new IamMatrix.Input("prod after failover", failover, List.of("prod"))));
    }

    private static List<IamMatrix.Row> rows(String set, String env, String path) {
        return result.rows().stream().filter(r -> r.set().equals(set) && r.environment().equals(env)
                && r.path().equals(path)).toList();
    }

    @Test
    void everyShippedEnvironmentPassesTheMatrixInOneFastRun() {
        assertEquals(List.of(), result.findings().stream().map(f -> f.rule().id() + " " + f.resource() + ": "
                + f.message()).toList());
        assertTrue(result.rows().size() > 500, "rows: " + result.rows().size());
        assertTrue(result.rows().stream().allMatch(IamMatrix.Row::ok));
    }

    @ParameterizedTest(name = "{0}: every path the stacks hold is evaluated and allowed or denied as expected")
    @ValueSource(strings = {"dev", "poc", "prod", "spa", "staging", "web"})
    void everyPathOfTheEnvironmentIsEvaluated(String env) {
        List<String> expected = new ArrayList<>(List.of("host-assume-role", "host-writes-backups",
                "host-reads-backups", "host-cannot-destroy-backups", "host-writes-logs", "host-managed-by-ssm",
                "logs-encrypts-log-group", "flow-logs-delivery", "alarms-publish", "s3-access-logs-delivery",
                "anonymous-denied", "plain-http-denied", "cross-environment-denied"));
        if (!env.equals("poc")) {
            expected.add("host-reads-db-secret");  // poc runs SQLite on the host: no database, no secret
        }
        if (env.equals("prod") || env.equals("staging")) {
            expected.addAll(List.of("alb-access-logs-delivery", "rds-enhanced-monitoring"));
        }
        if (env.equals("prod")) {
            expected.add("s3-replication");
        }
        for (String path : expected) {
            List<IamMatrix.Row> rows = rows("current", env, path);
            assertFalse(rows.isEmpty(), env + ": no " + path + " rows");
            for (IamMatrix.Row r : rows) {
                String want = r.expect().equals("allow") ? "Allowed" : r.expect().equals("deny") ? "Denied" : "n/a";
                assertTrue(r.verdict().endsWith(want) || (want.equals("Allowed") && r.verdict().equals("Allowed")),
                        r.toString());
            }
        }
    }

    @Test
    void docsIamMdDescribesEveryPathAndRuleTheMatrixHas() throws IOException {
        String doc = Files.readString(SynthFixture.HOME.resolve("docs/iam.md"));
        Set<String> paths = result.rows().stream().map(IamMatrix.Row::path).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(paths.size() >= 18, paths.toString());
        for (String path : paths) {
            assertTrue(doc.contains("| " + path + " |") || doc.contains("| " + path + ", ") || doc.contains(", " + path
                    + " |") || doc.contains("(`" + path + "`)"), "docs/iam.md does not describe the path " + path);
        }
        for (var rule : IamRules.RULES) {
            assertTrue(doc.contains("| " + rule.id() + " |"), rule.id());
        }
        assertTrue(doc.contains("AGPL-3.0"), "the license note");
    }

    @Test
    void prodReadsItsSecretInBothRegionsBeforeAndAfterFailover() {
        // opsstack's secret lives in us-east-1 with a replica in us-west-2 (docs/disaster-recovery.md): the standby's
        // hosts can read theirs before the swap too, and a failover changes no IAM.
        for (String input : List.of("current", "prod after failover")) {
            List<IamMatrix.Row> rows = rows(input, "prod", "host-reads-db-secret");
            assertEquals(Set.of("us-east-1", "us-west-2"), regionsOf(rows), input);
            assertTrue(rows.stream().filter(r -> r.resource() != null).allMatch(r -> r.verdict().equals("Allowed")),
                    input + ": " + rows);
            assertTrue(rows.stream().anyMatch(r -> "secretsmanager:GetSecretValue".equals(r.action())
                    && r.resource().startsWith("arn:aws:secretsmanager:us-west-2:")), input + ": " + rows);
            assertTrue(rows.stream().anyMatch(r -> "kms:Decrypt".equals(r.action())
                    && r.resource().contains("us-west-2")), input + ": " + rows);
        }
        // Replication and backups keep working in both directions' stacks.
        assertFalse(rows("prod after failover", "prod", "s3-replication").isEmpty());
    }

    private static Set<String> regionsOf(List<IamMatrix.Row> rows) {
        return rows.stream().filter(r -> r.resource() != null && r.action() != null)
                .map(r -> r.resource().split(":")[3]).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyJudgedPathHasABrokenVariant() {
        Set<String> judged = result.rows().stream().filter(r -> !r.expect().equals("info")).map(IamMatrix.Row::path)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> broken = brokenVariants().map(a -> (String) a.get()[0]).filter(p -> !p.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(judged, broken);
    }

    /** A broken variant per path: (path, rule expected, stack, resource type, resource name, the break). */
    static Stream<Arguments> brokenVariants() {
        return Stream.of(
                broken("host-assume-role", "OPS-IAM-001", "prod-app", "aws_iam_role", "hosts_role_99D8B047",
                        "assume_role_policy", "ec2.amazonaws.com", "ecs-tasks.amazonaws.com"),
                broken("host-reads-db-secret", "OPS-IAM-001", "prod-app", "aws_iam_role_policy",
                        "hosts_host-policy_2FD0AD71", "policy", "secretsmanager:GetSecretValue",
                        "secretsmanager:DescribeSecret"),
                // The data key lets the account's principals use it through Secrets Manager and delegates the
                // rest to IAM: the decrypt step fails only when neither grants it.
                Arguments.of("host-reads-db-secret", "OPS-IAM-001", "prod-data", (Consumer<ObjectNode>) stack -> {
                    edit(stack, "aws_kms_key", "key_F64E54E4", "policy", ",\"secretsmanager.us-east-1.amazonaws.com\"",
                            "");
                    edit(stack, "aws_kms_key", "key_F64E54E4", "policy", "\"Action\":[\"kms:*\"]",
                            "\"Action\":[\"kms:DescribeKey\"]");
                }),
                broken("host-writes-backups", "OPS-IAM-001", "prod-app", "aws_iam_role_policy",
                        "hosts_host-policy_2FD0AD71", "policy", "\"s3:PutObject\"", "\"s3:PutObjectAcl\""),
                broken("host-reads-backups", "OPS-IAM-001", "prod-app", "aws_iam_role_policy",
                        "hosts_host-policy_2FD0AD71", "policy", "\"s3:GetObject\"", "\"s3:GetObjectAcl\""),
                broken("host-writes-logs", "OPS-IAM-001", "prod-app", "aws_iam_role_policy",
                        "hosts_host-policy_2FD0AD71", "policy", "logs:PutLogEvents", "logs:GetLogEvents"),
                broken("host-managed-by-ssm", "OPS-IAM-001", "prod-app", "aws_iam_role_policy_attachment",
                        "hosts_ssm-core_127AA5E6", "policy_arn", "AmazonSSMManagedInstanceCore",
                        "AmazonEC2ReadOnlyAccess"),
                broken("logs-encrypts-log-group", "OPS-IAM-001", "prod-network", "aws_kms_key",
                        "network_flow-logs-key_A308F413", "policy", "log-group:*", "log-group:/other/*"),
                broken("flow-logs-delivery", "OPS-IAM-001", "prod-network", "aws_iam_role",
                        "network_flow-logs-role_8074155A", "assume_role_policy", "vpc-flow-logs.amazonaws.com",
                        "delivery.logs.amazonaws.com"),
                broken("alarms-publish", "OPS-IAM-001", "prod-app", "aws_kms_key", "alarms_key_47B57B13", "policy",
                        "\"Service\":\"cloudwatch.amazonaws.com\"", "\"Service\":\"events.amazonaws.com\""),
                broken("alb-access-logs-delivery", "OPS-IAM-001", "prod-app", "aws_s3_bucket_policy",
                        "load-balancer_access-logs-policy_C5EC14DC", "policy", "/AWSLogs/", "/OtherLogs/"),
                broken("s3-access-logs-delivery", "OPS-IAM-001", "prod-data", "aws_s3_bucket_policy",
                        "backups_access-logs-policy_23960C2F", "policy", "logging.s3.amazonaws.com",
                        "logdelivery.s3.amazonaws.com"),
                broken("s3-replication", "OPS-IAM-001", "prod-data", "aws_iam_role_policy",
                        "backups-replication_policy_416086B1", "policy", "\"s3:ReplicateObject\"",
                        "\"s3:PutObject\""),
                // The DR key lets the account's principals use it through S3 and delegates the rest to IAM (where
                // the role's policy names it by alias): the replica encryption fails only when neither grants it.
                Arguments.of("s3-replication", "OPS-IAM-001", "prod-dr-network", (Consumer<ObjectNode>) stack -> {
                    edit(stack, "aws_kms_key", "key_F64E54E4", "policy", ",\"s3.us-west-2.amazonaws.com\"", "");
                    edit(stack, "aws_kms_key", "key_F64E54E4", "policy", "\"Action\":[\"kms:*\"]",
                            "\"Action\":[\"kms:DescribeKey\"]");
                }),
                broken("rds-enhanced-monitoring", "OPS-IAM-001", "prod-data", "aws_iam_role",
                        "database_monitoring-role_DD73B2F2", "assume_role_policy", "monitoring.rds.amazonaws.com",
                        "rds.amazonaws.com"),
                Arguments.of("anonymous-denied", "OPS-IAM-002", "prod-data", (Consumer<ObjectNode>) stack -> {
                    edit(stack, "aws_s3_bucket_policy", "backups_policy_2715A676", "policy", "\"Statement\":[",
                            "\"Statement\":[{\"Sid\":\"Public\",\"Effect\":\"Allow\",\"Principal\":\"*\","
                                    + "\"Action\":[\"s3:GetObject\"],\"Resource\":[\"*\"]},");
                    stack.path("resource").path("aws_s3_bucket_public_access_block").properties()
                            .forEach(e -> ((ObjectNode) e.getValue()).put("restrict_public_buckets", false));
                }),
                broken("plain-http-denied", "OPS-IAM-002", "prod-data", "aws_s3_bucket_policy",
                        "backups_policy_2715A676", "policy", "\"Effect\":\"Deny\"", "\"Effect\":\"Allow\""),
                broken("cross-environment-denied", "OPS-IAM-002", "dev-app", "aws_iam_role_policy",
                        "hosts_host-policy_2FD0AD71", "policy", "\"Action\":[\"secretsmanager:GetSecretValue\"],"
                                + "\"Resource\":[", "\"Action\":[\"secretsmanager:GetSecretValue\"],"
                                + "\"Resource\":[\"*\","),
                broken("host-cannot-destroy-backups", "OPS-IAM-002", "prod-app", "aws_iam_role_policy",
                        "hosts_host-policy_2FD0AD71", "policy", "\"s3:ListBucket\"",
                        "\"s3:ListBucket\",\"s3:DeleteObjectVersion\""),
                broken("", "OPS-IAM-003", "prod-app", "aws_iam_role_policy", "hosts_host-policy_2FD0AD71", "policy",
                        "\"ssm:GetParameter\"", "\"ssm:GetParameterz\""),
                broken("", "OPS-IAM-003", "prod-data", "aws_kms_key", "key_F64E54E4", "policy", "kms:ReEncrypt*",
                        "kms:ReEncrypts*"),
                broken("", "OPS-IAM-003", "prod-network", "aws_iam_role_policy", "network_flow-logs-policy_C5B6AD10",
                        "policy", "\"logs:DescribeLogStreams\"", "\"logs:DescribeLogStreams\",\"logs:DescribeLogGroups\""));
    }

    private static Arguments broken(String path, String rule, String stack, String type, String name, String field,
                                    String from, String to) {
        return Arguments.of(path, rule, stack, (Consumer<ObjectNode>) s -> edit(s, type, name, field, from, to));
    }

    private static void edit(ObjectNode stack, String type, String name, String field, String from, String to) {
        ObjectNode r = (ObjectNode) stack.path("resource").path(type).path(name);
        String before = r.path(field).asText();
        assertTrue(before.contains(from), type + "." + name + "." + field + " has no " + from + ": " + before);
        r.put(field, before.replace(from, to));
    }

    @ParameterizedTest(name = "{0} {1}: a broken policy in {2} makes the path fail")
    @MethodSource("brokenVariants")
    void failsWhenAPolicyOfThePathIsBroken(String path, String rule, String stack, Consumer<ObjectNode> breakIt)
            throws Exception {
        Path copy = copyOf(current);
        Path file = copy.resolve("stacks").resolve(stack).resolve("cdk.tf.json");
        ObjectNode json = (ObjectNode) JSON.readTree(file.toFile());
        breakIt.accept(json);
        Files.writeString(file, JSON.writeValueAsString(json));
        IamMatrix.Result broken = matrix.run(List.of(new IamMatrix.Input("broken", copy, SHIPPED)));
        List<Finding> hits = broken.findings().stream().filter(f -> f.rule().id().equals(rule)
                && f.message().startsWith(path)).toList();
        assertFalse(hits.isEmpty(), "no " + rule + " " + path + " finding; findings: " + broken.findings().stream()
                .map(f -> f.rule().id() + " " + f.resource() + ": " + f.message()).toList());
        // Every finding names a resource of the synthesized stacks (a construct path as the policy findings do).
        for (Finding f : broken.findings()) {
            assertTrue(f.resource().matches("[a-z0-9-]+/.+"), f.resource());
        }
    }

    @Test
    void failsTheDrRegionsSecretPathWhenTheDrHostsPolicyNamesAnotherEnvironmentsSecretAfterFailover()
            throws Exception {
        Path copy = copyOf(failover);
        Path file = copy.resolve("stacks/prod-dr-app/cdk.tf.json");
        ObjectNode json = (ObjectNode) JSON.readTree(file.toFile());
        edit(json, "aws_iam_role_policy", "hosts_host-policy_2FD0AD71", "policy",
                ":secret:opsstack/prod/database/master-??????", ":secret:opsstack/staging/database/master-??????");
        Files.writeString(file, JSON.writeValueAsString(json));
        IamMatrix.Result broken = matrix.run(List.of(new IamMatrix.Input("prod after failover", copy,
                List.of("prod"))));
        assertTrue(broken.findings().stream().anyMatch(f -> f.rule().id().equals("OPS-IAM-001")
                && f.resource().startsWith("prod-dr-app/") && f.message().startsWith("host-reads-db-secret")),
                broken.findings().toString());
    }

    @Test
    void checkReportsAnIamFindingWithItsResourceInTextJsonAndSarifAndFails() throws Exception {
        Path copy = copyOf(current);
        Path file = copy.resolve("stacks/prod-app/cdk.tf.json");
        ObjectNode json = (ObjectNode) JSON.readTree(file.toFile());
        edit(json, "aws_iam_role_policy", "hosts_host-policy_2FD0AD71", "policy", "secretsmanager:GetSecretValue",
                "secretsmanager:GetSecretValues");
        Files.writeString(file, JSON.writeValueAsString(json));
        Path home = SynthFixture.shared().home;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(2, Main.execute(new PrintWriter(out), new PrintWriter(err), "check", "prod", "--in",
                copy.toString(), "--project-dir", home.toString()), err.toString());
        assertTrue(out.toString().contains("error OPS-IAM-001 prod-app/hosts/host-policy: host-reads-db-secret"),
                out.toString());
        assertTrue(out.toString().contains("error OPS-IAM-003 prod-app/hosts/host-policy: identity policy statement"
                + " ReadTheDatabaseSecret: \"secretsmanager:GetSecretValues\" is not a secretsmanager action"),
                out.toString());
        assertFalse(err.toString().contains("not evaluated"), err.toString());
        // Only prod was asked for: no other environment's findings.
        assertFalse(out.toString().contains(" dev-"), out.toString());
        out = new StringWriter();
        Main.execute(new PrintWriter(out), new PrintWriter(new StringWriter()), "check", "prod", "--format", "sarif",
                "--in", copy.toString(), "--project-dir", home.toString());
        JsonNode sarif = JSON.readTree(out.toString());
        assertTrue(sarif.at("/runs/0/tool/driver/rules").toString().contains("\"id\":\"OPS-IAM-002\""));
        boolean found = false;
        for (JsonNode r : sarif.at("/runs/0/results")) {
            found |= r.path("ruleId").asText().equals("OPS-IAM-001") && r.at("/locations/0/logicalLocations/0"
                    + "/fullyQualifiedName").asText().equals("prod-app/hosts/host-policy");
        }
        assertTrue(found, out.toString());
        // --no-iam runs the other rules only: the broken policy is not theirs to see.
        assertEquals(0, Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), "check",
                "prod", "--no-iam", "--in", copy.toString(), "--project-dir", home.toString()));
    }

    private static Path copyOf(Path out) throws IOException {
        Path copy = Files.createTempDirectory("opsstack-iam-");
        for (String f : List.of("manifest.json", "opsstack.json")) {
            if (Files.exists(out.resolve(f))) {
                Files.copy(out.resolve(f), copy.resolve(f));
            }
        }
        // Only the shipped environments' stacks (the fixture holds test-only ones too): each broken variant is one
        // evaluator run, and a small one keeps the class fast.
        Set<String> shipped = new TreeSet<>();
        JSON.readTree(out.resolve("opsstack.json").toFile()).path("environments").properties().forEach(e -> {
            if (SHIPPED.contains(e.getKey())) {
                e.getValue().forEach(id -> shipped.add(id.asText()));
            }
        });
        try (Stream<Path> stacks = Files.list(out.resolve("stacks"))) {
            for (Path s : stacks.filter(s -> shipped.contains(s.getFileName().toString())).toList()) {
                Path dest = Files.createDirectories(copy.resolve("stacks").resolve(s.getFileName()));
                Files.copy(s.resolve("cdk.tf.json"), dest.resolve("cdk.tf.json"));
            }
        }
        JsonNode manifest = JSON.readTree(copy.resolve("manifest.json").toFile());
        assertTrue(manifest.path("stacks").size() > 0);
        return copy;
    }
}
