package io.opsstack.policy.awsapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opsstack.policy.Finding;
import io.opsstack.policy.Policy;
import io.opsstack.policy.Rule;
import io.opsstack.policy.Synthesized;
import io.opsstack.synth.SynthFixture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every AWS API rule: the synthesized shipped environments pass it, and a copy with one value that AWS refuses
 * fails with the rule's message (the value AWS's documents name as invalid, not one read from the rule).
 */
class AwsRulesTest {

    static SynthFixture fx;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void synth() {
        fx = SynthFixture.shared();
    }

    static Consumer<ObjectNode> set(String field, Object value) {
        return b -> b.set(field, JSON.valueToTree(value));
    }

    static Consumer<ObjectNode> edit(Consumer<ObjectNode> c) {
        return c;
    }

    static Consumer<ObjectNode> at(String pointer, String field, Object value) {
        return b -> ((ObjectNode) b.at(pointer)).set(field, JSON.valueToTree(value));
    }

    /** rule, stack, type, construct path in the stack, how to break it, what the finding must say. */
    static Stream<Arguments> refused() {
        String thirtyThree = "a".repeat(33);
        return Stream.of(
                Arguments.of("AWS-ELB-001", "prod-app", "aws_lb", "load-balancer/alb", set("name", thirtyThree),
                        "is 33 characters (at most 32)"),
                Arguments.of("AWS-ELB-001", "prod-app", "aws_lb", "load-balancer/alb", set("name", "internal-app"),
                        "starts with internal-"),
                Arguments.of("AWS-ELB-002", "prod-app", "aws_lb_target_group", "load-balancer/target-group",
                        set("name", "prod_app"), "name \"prod_app\" is not letters, digits and inner hyphens"),
                Arguments.of("AWS-ELB-003", "prod-app", "aws_lb_target_group", "load-balancer/target-group",
                        at("/health_check", "timeout", 15), "health check timeout 15 s is not shorter than its interval 15 s"),
                Arguments.of("AWS-ELB-003", "prod-app", "aws_lb_target_group", "load-balancer/target-group",
                        at("/health_check", "healthy_threshold", 11), "healthy_threshold 11 is outside 2..10"),
                Arguments.of("AWS-ELB-004", "prod-app", "aws_s3_bucket_server_side_encryption_configuration",
                        "load-balancer/access-logs-encryption",
                        at("/rule/0/apply_server_side_encryption_by_default", "sse_algorithm", "aws:kms"),
                        "is encrypted with aws:kms (only SSE-S3, AES256, is supported)"),
                Arguments.of("AWS-ELB-005", "prod-app", "aws_lb_listener", "load-balancer/https",
                        set("certificate_arn", "arn:aws:acm:eu-west-1:123456789012:certificate/0a1b"),
                        "is in eu-west-1, the load balancer in us-east-1"),
                Arguments.of("AWS-RDS-001", "prod-data", "aws_db_instance", "database/instance",
                        set("identifier", "prod--postgres"), "identifier \"prod--postgres\" is not a valid identifier"),
                Arguments.of("AWS-RDS-001", "prod-data", "aws_db_instance", "database/instance",
                        set("identifier", "p" + "g".repeat(63)), "is 64 characters (at most 63)"),
                Arguments.of("AWS-RDS-002", "prod-data", "aws_db_instance", "database/instance",
                        set("final_snapshot_identifier", "prod-postgres-final-"), "is not a valid identifier"),
                Arguments.of("AWS-RDS-003", "prod-data", "aws_db_parameter_group", "database/parameter-group",
                        set("name", "16-postgres"), "name \"16-postgres\" is not a valid identifier"),
                Arguments.of("AWS-RDS-004", "prod-data", "aws_db_subnet_group", "database/subnet-group",
                        set("name", "default"), "the name is default"),
                Arguments.of("AWS-RDS-005", "prod-data", "aws_db_instance", "database/instance",
                        set("monitoring_interval", 20), "monitoring_interval 20 is not one of"),
                Arguments.of("AWS-RDS-005", "prod-data", "aws_db_instance", "database/instance",
                        edit(b -> b.remove("monitoring_role_arn")), "has no monitoring_role_arn"),
                Arguments.of("AWS-RDS-006", "prod-data", "aws_db_instance", "database/instance",
                        set("performance_insights_retention_period", 94), "94 is not 7, 731 or 31 x 1..23"),
                Arguments.of("AWS-RDS-007", "prod-data", "aws_db_instance", "database/instance",
                        set("maintenance_window", "sun:03:30-sun:04:30"), "overlaps maintenance_window"),
                Arguments.of("AWS-RDS-007", "prod-data", "aws_db_instance", "database/instance",
                        set("backup_window", "03:00-03:20"), "is shorter than 30 minutes"),
                Arguments.of("AWS-RDS-008", "prod-data", "aws_db_instance", "database/instance",
                        set("max_allocated_storage", 100), "max_allocated_storage 100 is less than 10 percent above"),
                Arguments.of("AWS-RDS-008", "prod-data", "aws_db_instance", "database/instance",
                        set("allocated_storage", 10), "allocated_storage 10 GiB is outside 20..65536 for gp3"),
                Arguments.of("AWS-RDS-009", "prod-data", "aws_db_instance", "database/instance",
                        set("iops", 3000), "are set on 100 GiB of gp3 (below 400 GiB)"),
                Arguments.of("AWS-RDS-010", "prod-dr-data", "aws_db_instance", "database/instance",
                        set("username", "app_admin"), "the read replica sets username"),
                Arguments.of("AWS-RDS-011", "prod-dr-data", "aws_db_instance", "database/instance",
                        edit(b -> b.remove("kms_key_id")), "names no kms_key_id"),
                Arguments.of("AWS-IAM-001", "prod-app", "aws_iam_role", "hosts/role", set("name", "r".repeat(65)),
                        "is 65 characters (at most 64)"),
                Arguments.of("AWS-IAM-002", "prod-app", "aws_iam_instance_profile", "hosts/profile",
                        set("name", "prod app host"), "is not letters, digits and +=,.@_-"),
                Arguments.of("AWS-IAM-003", "prod-app", "aws_iam_role_policy", "hosts/host-policy",
                        set("policy", "{\"Statement\":\"" + "x".repeat(10240) + "\"}"),
                        "its inline policies add up to"),
                Arguments.of("AWS-IAM-004", "prod-app", "aws_iam_role", "hosts/role",
                        set("assume_role_policy", "{\"Statement\":\"" + "x".repeat(2048) + "\"}"),
                        "the trust policy is 2064 characters (at most 2048)"),
                Arguments.of("AWS-S3-001", "prod-data", "aws_s3_bucket", "backups/bucket",
                        set("bucket", "Opsstack_Prod"), "has characters other than lowercase letters"),
                Arguments.of("AWS-S3-001", "prod-data", "aws_s3_bucket", "backups/bucket",
                        set("bucket", "opsstack-prod-backups-${data.aws_caller_identity.backups_account_B6D75D45"
                                + ".account_id}-us-east-1-and-a-much-longer-suffix"), "is 69 characters (3..63)"),
                Arguments.of("AWS-S3-002", "prod-data", "aws_s3_bucket_versioning", "backups/versioning",
                        at("/versioning_configuration", "status", "Suspended"),
                        "has no enabled versioning"),
                Arguments.of("AWS-S3-003", "prod-data", "aws_s3_bucket_replication_configuration",
                        "backups-replication/configuration",
                        edit(b -> ((ObjectNode) b.at("/rule/0/destination")).remove("encryption_configuration")),
                        "replicates SSE-KMS objects but names no replica_kms_key_id"),
                Arguments.of("AWS-S3-004", "prod-data", "aws_s3_bucket_replication_configuration",
                        "backups-replication/configuration",
                        edit(b -> ((ObjectNode) b.at("/rule/0")).remove("delete_marker_replication")),
                        "has a filter but no delete_marker_replication"),
                Arguments.of("AWS-KMS-001", "prod-data", "aws_kms_alias", "key/alias", set("name", "opsstack/prod/data"),
                        "is not alias/ then letters"),
                Arguments.of("AWS-KMS-001", "prod-data", "aws_kms_alias", "key/alias", set("name", "alias/aws/rds"),
                        "is under the reserved alias/aws/"),
                Arguments.of("AWS-KMS-002", "prod-data", "aws_kms_key", "key/key", set("deletion_window_in_days", 31),
                        "deletion_window_in_days 31 is outside 7..30"),
                Arguments.of("AWS-LOG-001", "prod-network", "aws_cloudwatch_log_group", "network/flow-logs",
                        set("name", "/opsstack/prod/vpc flow logs"), "is not letters, digits and . _ - / #"),
                Arguments.of("AWS-LOG-002", "prod-network", "aws_cloudwatch_log_group", "network/flow-logs",
                        set("retention_in_days", 45), "retention_in_days 45 is not an allowed value"),
                Arguments.of("AWS-LOG-003", "prod-network", "aws_kms_key", "network/flow-logs-key",
                        set("policy", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                                + "{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}"),
                        "does not let logs.us-east-1.amazonaws.com use it"),
                Arguments.of("AWS-LOG-003", "prod-data", "aws_kms_key", "key/key",
                        set("policy", "{\"Statement\":[]}"), "does not let logs.us-east-1.amazonaws.com use it"),
                Arguments.of("AWS-EC2-001", "prod-network", "aws_security_group", "network/app-sg",
                        set("description", "App hosts of prod \u2013 the caf\u00e9"), "description \"App hosts of prod"),
                Arguments.of("AWS-EC2-001", "prod-network", "aws_security_group", "network/app-sg",
                        set("name", "sg-app"), "starts with sg-"),
                Arguments.of("AWS-EC2-002", "prod-app", "aws_vpc_security_group_ingress_rule", "ingress-grafana-10-0-0-0-8",
                        set("description", "Grafana from \"the office\""), "is not of the allowed characters"),
                Arguments.of("AWS-EC2-002", "prod-network", "aws_default_security_group", "network/default-sg",
                        edit(b -> ((ArrayNode) b.path("ingress")).addObject().put("description", "it's open")),
                        "ingress description \"it's open\""),
                Arguments.of("AWS-EC2-003", "prod-app", "aws_launch_template", "hosts/launch-template",
                        set("user_data", Base64.getEncoder().encodeToString(new byte[16385])),
                        "user data is 16385 bytes (at most 16384)"),
                Arguments.of("AWS-EC2-004", "prod-app", "aws_launch_template", "hosts/launch-template",
                        set("name", "prod app"), "is not letters, digits and ( ) . - / _"),
                Arguments.of("AWS-TAG-001", "prod-app", "aws_lb", "load-balancer/alb",
                        at("", "tags", java.util.Map.of("aws:owner", "platform")), "starts with the reserved aws:"),
                Arguments.of("AWS-TAG-001", "prod-app", "aws_lb", "load-balancer/alb",
                        at("/tags", "owner", "o".repeat(257)), "has a value of 257 characters (at most 256)"),
                Arguments.of("AWS-CW-001", "prod-app", "aws_cloudwatch_metric_alarm", "alarms/cpu",
                        set("period", 45), "period 45 s is not 10, 20, 30 or a multiple of 60"),
                Arguments.of("AWS-CW-001", "prod-app", "aws_cloudwatch_metric_alarm", "alarms/cpu",
                        set("evaluation_periods", 289), "period 300 s x 289 evaluation periods exceeds one day"),
                Arguments.of("AWS-CW-001", "prod-app", "aws_cloudwatch_metric_alarm", "alarms/error-rate",
                        at("/metric_query/1/metric", "period", 90), "period 90 s is not 10, 20, 30 or a multiple of 60"),
                Arguments.of("AWS-CW-002", "prod-app", "aws_cloudwatch_metric_alarm", "alarms/cpu",
                        set("alarm_name", "a".repeat(256)), "alarm_name is 256 characters (1..255)"),
                Arguments.of("AWS-R53-001", "prod-dr-app", "aws_route53_health_check", "health-check-primary",
                        set("request_interval", 60), "request_interval 60 is not 10 or 30"),
                Arguments.of("AWS-VPC-001", "prod-network", "aws_flow_log", "network/flow-log",
                        set("max_aggregation_interval", 300), "max_aggregation_interval 300 is not 60 or 600"),
                Arguments.of("AWS-ELB-006", "prod-app", "aws_lb", "load-balancer/alb",
                        edit(b -> ((ArrayNode) b.path("subnets")).remove(1)).andThen(b -> ((ArrayNode) b.path("subnets"))
                                .remove(1)), "it has 1 subnet (at least two, in two zones)"),
                Arguments.of("AWS-RDS-012", "prod-data", "aws_db_instance", "database/instance",
                        set("backup_retention_period", 36), "backup_retention_period 36 is outside 0..35"),
                Arguments.of("AWS-ASG-001", "prod-app", "aws_autoscaling_group", "hosts/asg",
                        set("desired_capacity", 7), "desired_capacity 7 is outside min_size 2 .. max_size 6"),
                Arguments.of("AWS-IAM-005", "prod-app", "aws_iam_role", "hosts/role", set("max_session_duration", 60),
                        "max_session_duration 60 is outside 3600..43200"),
                Arguments.of("AWS-EC2-005", "prod-app", "aws_launch_template", "hosts/launch-template",
                        at("/block_device_mappings/0/ebs", "volume_size", 16385), "gp3 size 16385 GiB is outside 1..16384"),
                Arguments.of("AWS-EC2-005", "poc-app", "aws_ebs_volume", "data-volume", set("iops", 20000),
                        "gp3 iops 20000 is outside 3000..16000"),
                Arguments.of("AWS-SNS-001", "prod-app", "aws_sns_topic", "alarms/topic", set("name", "prod.alerts"),
                        "is not letters, digits, hyphens and underscores"));
    }

    @ParameterizedTest(name = "{0}: {5}")
    @MethodSource("refused")
    void failsWhatAwsRefuses(String id, String stack, String type, String path, Consumer<ObjectNode> breakIt,
                             String expected) throws Exception {
        Rule rule = Policy.rule(id);
        assertTrue(rule instanceof AwsRule, id);
        assertEquals(List.of(), rule.check(new Synthesized(fx.out)), id + " fires on the shipped environments");
        Path copy = fx.outputWithBroken(stack, type, path, breakIt);
        List<Finding> findings = rule.check(new Synthesized(copy));
        assertFalse(findings.isEmpty(), id + " did not refuse the broken " + path);
        assertTrue(findings.stream().anyMatch(f -> f.message().contains(expected)
                        && f.message().endsWith("; AWS refuses it (" + ((AwsRule) rule).awsError() + ")")),
                findings.toString());
        assertTrue(findings.stream().allMatch(Finding::blocking), "AWS rules are errors: " + findings);
    }

    @Test
    void everyAwsRuleHasARefusedCaseASourceAndTheShippedEnvironmentsPass() throws Exception {
        List<String> covered = refused().map(a -> (String) a.get()[0]).toList();
        for (Rule r : AwsRules.ALL) {
            assertTrue(covered.contains(r.id()), "no refused case for " + r.id());
            assertTrue(((AwsRule) r).source().startsWith("https://docs.aws.amazon.com/"), r.id());
            assertTrue(Policy.RULES.contains(r), r.id() + " is not registered");
        }
        Synthesized synth = new Synthesized(fx.out);
        for (Rule r : AwsRules.ALL) {
            assertEquals(List.of(), r.check(synth), r.id());
        }
    }

    @Test
    void followsCrossStackReferencesToTheLogGroupKey() throws Exception {
        // prod-app's container log group is encrypted with prod-data's key: the rule reads that key's policy.
        Synthesized synth = new Synthesized(fx.out);
        io.opsstack.policy.Resource group = synth.resources("aws_cloudwatch_log_group").stream()
                .filter(r -> r.path().equals("prod-app/hosts/containers-logs")).findFirst().orElseThrow();
        assertEquals("prod-data/key/key", Refs.target(synth, group.stack(), group.body().path("kms_key_id").asText(),
                "aws_kms_key").orElseThrow().path());
    }

}
