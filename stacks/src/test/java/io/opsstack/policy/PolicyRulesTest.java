package io.opsstack.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opsstack.cli.Main;
import io.opsstack.config.ConfigException;
import io.opsstack.config.ConfigLoader;
import io.opsstack.config.EnvironmentConfig;
import io.opsstack.synth.SynthFixture;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule against real synthesized JSON: compliant as synthesized, non-compliant with one field broken. */
class PolicyRulesTest {

    static SynthFixture fx;
    static List<EnvironmentConfig> configs;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void synth() throws Exception {
        fx = SynthFixture.shared();
        configs = new ConfigLoader(fx.home).load(List.of());
    }

    /** rule, stack, resource type, construct path inside the stack, how to break it. */
    static Stream<Arguments> violations() {
        return Stream.of(
                Arguments.of("OPS-RDS-001", "prod-data", "aws_db_instance", "database/instance",
                        set("storage_encrypted", false)),
                Arguments.of("OPS-RDS-002", "prod-data", "aws_db_instance", "database/instance",
                        set("publicly_accessible", true)),
                Arguments.of("OPS-RDS-003", "staging-data", "aws_db_instance", "database/instance",
                        set("backup_retention_period", 3)),
                Arguments.of("OPS-RDS-004", "prod-data", "aws_db_instance", "database/instance",
                        set("deletion_protection", false)),
                Arguments.of("OPS-RDS-005", "prod-data", "aws_db_instance", "database/instance",
                        set("multi_az", false)),
                Arguments.of("OPS-RDS-006", "prod-data", "aws_db_instance", "database/instance",
                        set("password", "hunter2")),
                // Write-only keeps it out of state, but a literal is still in the JSON (and the pull request).
                Arguments.of("OPS-RDS-006", "prod-data", "aws_db_instance", "database/instance",
                        set("password_wo", "hunter2")),
                Arguments.of("OPS-RDS-007", "prod-data", "aws_db_instance", "database/instance",
                        set("iam_database_authentication_enabled", false)),
                Arguments.of("OPS-RDS-008", "prod-data", "aws_db_instance", "database/instance",
                        (Consumer<ObjectNode>) b -> b.remove("performance_insights_kms_key_id")),
                Arguments.of("OPS-EC2-004", "prod-app", "aws_launch_template", "hosts/launch-template",
                        (Consumer<ObjectNode>) b -> b.putArray("network_interfaces").addObject()
                                .put("associate_public_ip_address", "true")),
                Arguments.of("OPS-EC2-005", "dev-app", "aws_instance", "hosts/instance",
                        (Consumer<ObjectNode>) b -> {
                            b.remove("launch_template");
                            b.put("ami", "ami-0123456789abcdef0");
                        }),
                Arguments.of("OPS-EC2-001", "prod-app", "aws_launch_template", "hosts/launch-template",
                        (Consumer<ObjectNode>) b -> ((ObjectNode) b.path("metadata_options")).put("http_tokens", "optional")),
                Arguments.of("OPS-EC2-002", "prod-app", "aws_launch_template", "hosts/launch-template",
                        (Consumer<ObjectNode>) b -> ((ObjectNode) b.at("/block_device_mappings/0/ebs")).put("encrypted", "false")),
                Arguments.of("OPS-EC2-003", "prod-app", "aws_launch_template", "hosts/launch-template",
                        (Consumer<ObjectNode>) b -> b.remove("iam_instance_profile")),
                Arguments.of("OPS-SG-001", "prod-app", "aws_vpc_security_group_ingress_rule", "ingress-grafana-10-0-0-0-8",
                        set("cidr_ipv4", "0.0.0.0/0")),
                Arguments.of("OPS-SG-002", "edge-app", "aws_vpc_security_group_ingress_rule", "ingress-ssh-192-0-2-10-32",
                        set("cidr_ipv4", "0.0.0.0/0")),
                Arguments.of("OPS-SG-003", "prod-data", "aws_vpc_security_group_ingress_rule", "database-from-app",
                        (Consumer<ObjectNode>) b -> {
                            b.remove("referenced_security_group_id");
                            b.put("cidr_ipv4", "10.0.0.0/8");
                        }),
                Arguments.of("OPS-S3-001", "prod-data", "aws_s3_bucket_public_access_block", "backups/public-access-block",
                        set("restrict_public_buckets", false)),
                Arguments.of("OPS-S3-002", "prod-data", "aws_s3_bucket_versioning", "backups/versioning",
                        (Consumer<ObjectNode>) b -> ((ObjectNode) b.path("versioning_configuration")).put("status", "Suspended")),
                Arguments.of("OPS-S3-003", "prod-data", "aws_s3_bucket_server_side_encryption_configuration", "backups/encryption",
                        (Consumer<ObjectNode>) b -> ((ObjectNode) b.at("/rule/0/apply_server_side_encryption_by_default"))
                                .put("sse_algorithm", "AES256")),
                Arguments.of("OPS-S3-004", "prod-data", "aws_s3_bucket_policy", "backups/policy",
                        set("policy", "{\"Version\":\"2012-10-17\",\"Statement\":[]}")),
                Arguments.of("OPS-VPC-001", "prod-network", "aws_flow_log", "network/flow-log",
                        set("vpc_id", "vpc-elsewhere")),
                Arguments.of("OPS-VPC-002", "prod-network", "aws_default_security_group", "network/default-sg",
                        (Consumer<ObjectNode>) b -> ((ArrayNode) b.path("ingress")).addObject().put("from_port", 0)),
                Arguments.of("OPS-ALB-001", "prod-app", "aws_lb", "load-balancer/alb", set("drop_invalid_header_fields", false)),
                Arguments.of("OPS-ALB-002", "prod-app", "aws_lb_listener", "load-balancer/http",
                        (Consumer<ObjectNode>) b -> ((ObjectNode) b.at("/default_action/0")).put("type", "forward")),
                Arguments.of("OPS-ALB-003", "prod-app", "aws_lb", "load-balancer/alb", set("enable_deletion_protection", false)),
                Arguments.of("OPS-KMS-001", "prod-data", "aws_kms_key", "key/key", set("enable_key_rotation", false)),
                Arguments.of("OPS-LOG-001", "prod-network", "aws_cloudwatch_log_group", "network/flow-logs",
                        (Consumer<ObjectNode>) b -> b.remove("retention_in_days")),
                Arguments.of("OPS-SNS-001", "prod-app", "aws_sns_topic", "alarms/topic", (Consumer<ObjectNode>) b -> b.remove("kms_master_key_id")),
                Arguments.of("OPS-ASG-001", "prod-app", "aws_autoscaling_notification", "alarms/asg-notifications",
                        set("notifications", List.of("autoscaling:EC2_INSTANCE_LAUNCH"))),
                Arguments.of("OPS-ASG-002", "prod-app", "aws_autoscaling_group", "hosts/asg", set("health_check_type", "EC2")),
                Arguments.of("OPS-S3-005", "prod-data", "aws_s3_bucket_lifecycle_configuration", "backups/lifecycle",
                        (Consumer<ObjectNode>) b -> ((ObjectNode) b.at("/rule/0")).remove("abort_incomplete_multipart_upload")),
                Arguments.of("OPS-S3-006", "staging-data", "aws_s3_bucket_logging", "backups/logging",
                        set("bucket", "some-other-bucket")),
                Arguments.of("OPS-LOG-002", "prod-network", "aws_cloudwatch_log_group", "network/flow-logs",
                        (Consumer<ObjectNode>) b -> b.remove("kms_key_id")),
                Arguments.of("OPS-RDS-009", "prod-data", "aws_db_parameter_group", "database/parameter-group",
                        (Consumer<ObjectNode>) b -> removeParameter(b, "log_statement")),
                Arguments.of("OPS-ALB-004", "staging-app", "aws_lb", "load-balancer/alb",
                        (Consumer<ObjectNode>) b -> b.remove("access_logs")),
                Arguments.of("OPS-EC2-006", "poc-app", "aws_ebs_volume", "data-volume",
                        (Consumer<ObjectNode>) b -> b.remove("kms_key_id")));
    }

    /**
     * The rules of issue 15, each against the synthesized JSON (must not fire) and a copy with one field broken:
     * the finding names the rule, the resource that is wrong (not necessarily the broken companion) and what is
     * wrong with it. rule, stack, type, construct path, how to break it, expected resource, expected message.
     */
    static Stream<Arguments> namedFindings() {
        return Stream.of(
                Arguments.of("OPS-ASG-001", "prod-app", "aws_autoscaling_notification", "alarms/asg-notifications",
                        set("notifications", List.of("autoscaling:EC2_INSTANCE_LAUNCH")), "prod-app/hosts/asg",
                        "Auto Scaling group prod-app/hosts/asg sends no launch-error and terminate-error notifications"
                                + " to an SNS topic: a host that cannot start goes unreported"),
                Arguments.of("OPS-ASG-002", "staging-app", "aws_autoscaling_group", "hosts/asg",
                        set("health_check_type", "EC2"), "staging-app/hosts/asg",
                        "Auto Scaling group staging-app/hosts/asg is behind a load balancer but checks only EC2 status"
                                + " (health_check_type EC2): hosts failing /health are never replaced"),
                Arguments.of("OPS-S3-005", "prod-data", "aws_s3_bucket_lifecycle_configuration", "backups/lifecycle",
                        (Consumer<ObjectNode>) b -> ((ObjectNode) b.at("/rule/0")).remove("abort_incomplete_multipart_upload"),
                        "prod-data/backups/bucket",
                        "bucket prod-data/backups/bucket has no enabled lifecycle rule that aborts incomplete multipart"
                                + " uploads"),
                Arguments.of("OPS-S3-005", "prod-app", "aws_s3_bucket_lifecycle_configuration",
                        "load-balancer/access-logs-lifecycle",
                        (Consumer<ObjectNode>) b -> ((ObjectNode) b.at("/rule/0")).put("status", "Disabled"),
                        "prod-app/load-balancer/access-logs",
                        "bucket prod-app/load-balancer/access-logs has no enabled lifecycle rule that aborts incomplete"
                                + " multipart uploads"),
                Arguments.of("OPS-S3-006", "staging-data", "aws_s3_bucket_logging", "backups/logging",
                        set("bucket", "some-other-bucket"), "staging-data/backups/bucket",
                        "bucket staging-data/backups/bucket has no server access logs: reads and deletes of its objects"
                                + " leave no record"),
                Arguments.of("OPS-LOG-002", "prod-network", "aws_cloudwatch_log_group", "network/flow-logs",
                        (Consumer<ObjectNode>) b -> b.remove("kms_key_id"), "prod-network/network/flow-logs",
                        "log group prod-network/network/flow-logs (/opsstack/prod/vpc-flow-logs) is not encrypted with"
                                + " a customer KMS key"),
                Arguments.of("OPS-RDS-009", "prod-data", "aws_db_parameter_group", "database/parameter-group",
                        (Consumer<ObjectNode>) b -> removeParameter(b, "log_statement"),
                        "prod-data/database/parameter-group",
                        "PostgreSQL parameter group prod-data/database/parameter-group does not log schema changes"
                                + " (log_statement=ddl)"),
                Arguments.of("OPS-RDS-009", "staging-data", "aws_db_parameter_group", "database/parameter-group",
                        (Consumer<ObjectNode>) b -> {
                            removeParameter(b, "log_connections");
                            removeParameter(b, "log_disconnections");
                        },
                        "staging-data/database/parameter-group",
                        "PostgreSQL parameter group staging-data/database/parameter-group does not log connections"
                                + " (log_connections=1), disconnections (log_disconnections=1)"),
                Arguments.of("OPS-ALB-004", "staging-app", "aws_lb", "load-balancer/alb",
                        (Consumer<ObjectNode>) b -> b.remove("access_logs"), "staging-app/load-balancer/alb",
                        "load balancer staging-app/load-balancer/alb writes no access logs: requests to staging leave no"
                                + " per-request record"),
                Arguments.of("OPS-EC2-006", "poc-app", "aws_ebs_volume", "data-volume",
                        (Consumer<ObjectNode>) b -> b.remove("kms_key_id"), "poc-app/data-volume",
                        "EBS volume poc-app/data-volume is not encrypted with a customer KMS key (encrypted true,"
                                + " kms_key_id none)"));
    }

    @ParameterizedTest(name = "{0}: a broken {3} in {1} is reported as {5}")
    @MethodSource("namedFindings")
    void findsTheViolationNamingTheResourceAndWhatIsWrong(String id, String stack, String type, String path,
                                                          Consumer<ObjectNode> breakIt, String resource, String message)
            throws Exception {
        Rule rule = Policy.rule(id);
        assertEquals(List.of(), rule.check(new Synthesized(fx.out)).stream()
                .filter(f -> f.resource().startsWith(stack + "/")).toList(), id + " fires on the synthesized " + stack);
        Path copy = fx.outputWithBroken(stack, type, path, breakIt);
        List<Finding> findings = rule.check(new Synthesized(copy)).stream()
                .filter(f -> f.resource().startsWith(stack + "/")).toList();
        assertEquals(1, findings.size(), findings.toString());
        assertEquals(id, findings.get(0).rule().id());
        assertEquals(resource, findings.get(0).resource());
        assertEquals(message, findings.get(0).message());
    }

    @Test
    void theBucketsLogDeliveryWritesToAreExemptFromAccessLogsButOnlyThose() throws Exception {
        Synthesized synth = new Synthesized(fx.out);
        List<String> exempt = synth.resources("aws_s3_bucket").stream()
                .filter(b -> io.opsstack.policy.rules.BucketAccessLogged.isLogDelivery(b, synth))
                .map(Resource::path).filter(p -> p.startsWith("prod-")).sorted().toList();
        assertEquals(List.of("prod-app/load-balancer/access-logs", "prod-data/backups/access-logs",
                "prod-dr-app/load-balancer/access-logs", "prod-dr-network/backups/access-logs"), exempt);
    }

    private static void removeParameter(ObjectNode group, String name) {
        ArrayNode params = (ArrayNode) group.path("parameter");
        for (int i = params.size() - 1; i >= 0; i--) {
            if (params.get(i).path("name").asText().equals(name)) {
                params.remove(i);
            }
        }
    }

    static Consumer<ObjectNode> set(String field, Object value) {
        return b -> b.set(field, JSON.valueToTree(value));
    }

    @Test
    void everyRuleHasAViolationCaseAndEveryShippedEnvironmentComplies() throws Exception {
        List<String> covered = violations().map(a -> (String) a.get()[0]).toList();
        for (Rule r : Policy.RULES) {
            assertTrue(covered.contains(r.id()) || r.id().equals("OPS-DR-001") || r.id().startsWith("AWS-"),
                    "no violation case for " + r.id() + " (AWS-* rules: AwsRulesTest)");
        }
        Policy.Report report = Policy.check(new Synthesized(fx.out), configs);
        assertEquals(List.of(), report.blocking(), report.text());
    }

    @ParameterizedTest(name = "{0}: a broken {2} in {1} is found")
    @MethodSource("violations")
    void findsTheViolation(String id, String stack, String type, String path, Consumer<ObjectNode> breakIt)
            throws Exception {
        Rule rule = Policy.rule(id);
        assertTrue(rule.check(new Synthesized(fx.out)).stream().noneMatch(f -> f.resource().startsWith(stack + "/" + path)),
                id + " must not fire on the synthesized " + stack + "/" + path);
        Path copy = fx.outputWithBroken(stack, type, path, breakIt);
        List<Finding> findings = rule.check(new Synthesized(copy));
        assertFalse(findings.isEmpty(), id + " did not find the broken " + path);
        // A finding says what is wrong, not the rule's desired state.
        // (the rule's violation() and the resource, or a rule's own, more specific problem()).
        assertTrue(findings.stream().allMatch(f -> !f.message().startsWith(rule.statement())
                && (f.message().startsWith(rule.violation() + " (aws_") || f.message().contains(f.resource()))),
                findings.toString());
        // The finding names a resource of the broken stack.
        assertTrue(findings.stream().anyMatch(f -> f.resource().startsWith(stack + "/")), findings.toString());
    }

    @Test
    void productionWithoutDrIsAWarning() throws Exception {
        Path copy = fx.copyOfOutput();
        ObjectNode manifest = (ObjectNode) JSON.readTree(copy.resolve("manifest.json").toFile());
        ((ObjectNode) manifest.path("stacks")).remove("prod-dr-network");
        JSON.writeValue(copy.resolve("manifest.json").toFile(), manifest);
        List<Finding> findings = Policy.rule("OPS-DR-001").check(new Synthesized(copy));
        assertEquals(1, findings.size());
        assertEquals(Severity.WARNING, findings.get(0).rule().severity());
        assertEquals("prod has no DR region (no dr section)", findings.get(0).message());
        String text = new Policy.Report(findings).text();
        assertTrue(text.startsWith("warning OPS-DR-001 prod-network: prod has no DR region (no dr section). Fix: "),
                text);
    }

    @Test
    void worldIngressToASingleHostIsTheDocumentedException() throws Exception {
        // dev runs one host without a load balancer: port 80 from 0.0.0.0/0 on the host, by design.
        Map<String, JsonNode> ingress = SynthFixture.resources(fx.stack("dev-app"), "aws_vpc_security_group_ingress_rule");
        assertTrue(ingress.values().stream().anyMatch(r -> r.path("cidr_ipv4").asText().equals("0.0.0.0/0")
                && r.path("from_port").asInt() == 80), ingress.keySet().toString());
        assertTrue(Policy.rule("OPS-SG-001").check(new Synthesized(fx.out)).isEmpty());
        String rules = Files.readString(SynthFixture.HOME.resolve("docs/rules.md"));
        String section = rules.substring(rules.indexOf("## OPS-SG-001"), rules.indexOf("## OPS-SG-002"));
        assertTrue(section.contains("single-host environments (app.mode: single, e.g. dev and poc)"), section);
    }

    @Test
    void everyRuleSaysWhatIsWrongInItsOwnWords() {
        for (Rule r : Policy.allRules()) {
            assertFalse(r.violation().startsWith("does not meet: "), r.id() + " has no violation() of its own");
            assertFalse(r.violation().equalsIgnoreCase(r.statement()), r.id() + ": violation() repeats the statement");
        }
    }

    @Test
    void suppressionsWithAReasonAcceptAFindingAndUnknownOnesAreConfigErrors() throws Exception {
        Path home = SynthFixture.copyOfProject(Map.of());
        Path staging = home.resolve("environments/staging.yaml");
        String text = Files.readString(staging).replace("backupRetentionDays: 7", "backupRetentionDays: 3");
        Files.writeString(staging, text);
        StringWriter err = new StringWriter();
        Path out = home.resolve("cdktf.out");
        // What synth's policy would refuse, validate refuses already (no Node.js), with the place and the fix.
        assertEquals(2, run(home, err, "validate", "staging"), err.toString());
        int retentionLine = text.substring(0, text.indexOf("backupRetentionDays: 3")).split("\n", -1).length;
        assertTrue(err.toString().contains("environments/staging.yaml:" + retentionLine + ":24: database.backupRetentionDays:"
                + " backupRetentionDays: 3 is not allowed outside dev (OPS-RDS-003"), err.toString());
        err = new StringWriter();
        assertEquals(2, run(home, err, "synth", "staging"));
        assertFalse(Files.exists(out), "nothing was written");

        Files.writeString(staging, text + "\nsuppressions:\n  - rule: OPS-RDS-003\n    resource: staging-data/database\n"
                + "    reason: \"staging is rebuilt from prod snapshots weekly\"\n");
        err = new StringWriter();
        assertEquals(0, run(home, err, "synth", "staging"), err.toString());
        assertTrue(err.toString().contains("suppressed OPS-RDS-003 staging-data/database/instance"), err.toString());
        assertTrue(err.toString().contains("[reason: staging is rebuilt from prod snapshots weekly]"), err.toString());

        String retained = text.replace("backupRetentionDays: 3", "backupRetentionDays: 7");
        Files.writeString(staging, retained + "\nsuppressions:\n  - rule: OPS-XYZ-999\n    resource: staging-data/database\n"
                + "    reason: \"a reason that is long enough\"\n  - rule: OPS-KMS-001\n    resource: staging-data/nothing\n"
                + "    reason: \"a reason that is long enough\"\n");
        // An unknown rule is refused by the loader already (validate, with its place); a construct path that
        // matches nothing is known only once synthesized.
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(home).load(List.of("staging")));
        assertEquals(1, e.problems().size(), e.getMessage());
        int ruleLine = retained.split("\n", -1).length + 2;  // after "\nsuppressions:\n  - rule: "
        assertTrue(e.getMessage().contains("staging.yaml:" + ruleLine + ":11: suppressions[0].rule: \"OPS-XYZ-999\" is not a"
                + " rule id"),
                e.getMessage());
        Files.writeString(staging, retained + "\nsuppressions:\n  - rule: OPS-KMS-001\n    resource: staging-data/nothing\n"
                + "    reason: \"a reason that is long enough\"\n");
        e = assertThrows(ConfigException.class, () -> Policy.check(new Synthesized(out),
                new ConfigLoader(home).load(List.of("staging"))));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("\"staging-data/nothing\" is not a resource"), e.getMessage());
    }

    @Test
    void failsSynthOfAnInsecureProdConfigNamingTheRule() throws Exception {
        Path home = SynthFixture.copyOfProject(Map.of());
        Path prod = home.resolve("environments/prod.yaml");
        Files.writeString(prod, Files.readString(prod).replace("  multiAz: true\n", "  multiAz: false\n"));
        StringWriter err = new StringWriter();
        assertEquals(2, run(home, err, "synth", "prod"));
        assertTrue(err.toString().contains("OPS-RDS-005"), err.toString());
        assertFalse(Files.exists(home.resolve("cdktf.out")));
    }

    @Test
    void checkPrintsJsonAndSarif() throws Exception {
        StringWriter out = new StringWriter();
        assertEquals(0, Main.execute(new PrintWriter(out), new PrintWriter(new StringWriter()), "check", "--format",
                "sarif", "--in", fx.out.toString(), "--project-dir", fx.home.toString()));
        JsonNode sarif = JSON.readTree(out.toString());
        assertEquals("2.1.0", sarif.path("version").asText());
        assertEquals(Policy.allRules().size(), sarif.at("/runs/0/tool/driver/rules").size());
        JsonNode s3006 = null;
        for (JsonNode r : sarif.at("/runs/0/tool/driver/rules")) {
            if (r.path("id").asText().equals("OPS-S3-006")) {
                s3006 = r;
            }
        }
        assertEquals("[\"AwsSolutions-S1\",\"CKV_AWS_18\"]", s3006.at("/properties/upstream").toString());
        JsonNode excluded = sarif.at("/runs/0/properties/excludedUpstream");
        assertEquals(Coverage.withStatus(Coverage.Status.EXCLUDED).size(), excluded.size());
        assertTrue(excluded.toString().contains("\"upstream\":\"CKV2_AWS_28\",\"resourceType\":\"aws_lb\""),
                excluded.toString());
        out = new StringWriter();
        assertEquals(0, Main.execute(new PrintWriter(out), new PrintWriter(new StringWriter()), "check", "--format",
                "json", "--in", fx.out.toString(), "--project-dir", fx.home.toString()));
        assertEquals(0, JSON.readTree(out.toString()).path("blocking").asInt());
    }

    @Test
    void docsRulesMdIsGeneratedFromTheRegistry() throws Exception {
        Path docs = SynthFixture.HOME.resolve("docs/rules.md");
        if (Boolean.getBoolean("opsstack.updateDocs")) {
            Files.writeString(docs, Reports.rulesMarkdown());
        }
        assertEquals(Reports.rulesMarkdown(), Files.readString(docs),
                "docs/rules.md is stale: regenerate with -Dopsstack.updateDocs=true");
    }

    private static int run(Path home, StringWriter err, String... args) {
        String[] full = Stream.concat(Stream.of(args), Stream.of("--project-dir", home.toString())).toArray(String[]::new);
        return Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), full);
    }

}
