package io.opsstack.stacks;

import static io.opsstack.synth.SynthFixture.ref;
import static io.opsstack.synth.SynthFixture.resources;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.providers.aws.autoscaling_group.AutoscalingGroup;
import com.hashicorp.cdktf.providers.aws.cloudwatch_metric_alarm.CloudwatchMetricAlarm;
import com.hashicorp.cdktf.providers.aws.eip.Eip;
import com.hashicorp.cdktf.providers.aws.iam_role_policy.IamRolePolicy;
import com.hashicorp.cdktf.providers.aws.instance.Instance;
import com.hashicorp.cdktf.providers.aws.launch_template.LaunchTemplate;
import com.hashicorp.cdktf.providers.aws.lb.Lb;
import com.hashicorp.cdktf.providers.aws.lb_listener.LbListener;
import com.hashicorp.cdktf.providers.aws.lb_target_group.LbTargetGroup;
import com.hashicorp.cdktf.providers.aws.route53_record.Route53Record;
import com.hashicorp.cdktf.providers.aws.sns_topic.SnsTopic;
import com.hashicorp.cdktf.providers.aws.sns_topic_subscription.SnsTopicSubscription;
import com.hashicorp.cdktf.providers.aws.vpc_security_group_ingress_rule.VpcSecurityGroupIngressRule;
import io.opsstack.synth.SynthFixture;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The synthesized {@code <env>-app} stacks: asg (staging, prod) and single (dev private, edge public). */
class AppStackTest {

    static SynthFixture fx;

    @BeforeAll
    static void synth() {
        fx = SynthFixture.shared();
    }

    private static Map<String, JsonNode> res(String env, String type) {
        return resources(fx.stack(env + "-app"), type);
    }

    private static JsonNode one(String env, String type) {
        Map<String, JsonNode> all = res(env, type);
        assertEquals(1, all.size(), env + ": expected one " + type + ", have " + all.keySet());
        return all.values().iterator().next();
    }

    @ParameterizedTest(name = "{0}: IMDSv2 hop limit {1}, encrypted gp3 root of {2} GB")
    @CsvSource({"dev, 1, 30", "staging, 1, 30", "prod, 1, 30", "edge, 2, 40"})
    void launchTemplateRequiresImdsV2AndEncryptsTheRootVolume(String env, int hops, int gb) {
        JsonNode lt = one(env, LaunchTemplate.TF_RESOURCE_TYPE);
        assertEquals("required", lt.at("/metadata_options/http_tokens").asText(), env + ": IMDSv2");
        assertEquals(hops, lt.at("/metadata_options/http_put_response_hop_limit").asInt(), env + ": hop limit");
        JsonNode ebs = lt.at("/block_device_mappings/0/ebs");
        assertEquals("true", ebs.path("encrypted").asText(), env + ": encrypted root");
        assertEquals("gp3", ebs.path("volume_type").asText());
        assertEquals(gb, ebs.path("volume_size").asInt());
        assertTrue(lt.at("/monitoring/enabled").asBoolean(), env + ": detailed monitoring");
        List<String> tagged = new ArrayList<>();
        lt.path("tag_specifications").forEach(s -> tagged.add(s.path("resource_type").asText()));
        assertEquals(List.of("instance", "volume"), tagged, env + ": tags propagate to instances and volumes");
    }

    @ParameterizedTest(name = "{0}: user data decodes to the rendered cloud-init")
    @ValueSource(strings = {"dev", "staging", "prod", "edge"})
    void userDataIsTheRenderedCloudInitGzipped(String env) throws Exception {
        String userData = one(env, LaunchTemplate.TF_RESOURCE_TYPE).path("user_data").asText();
        byte[] gz = Base64.getDecoder().decode(userData);
        assertTrue(gz.length < 16 * 1024, env + ": " + gz.length + " bytes is over the EC2 limit");
        String decoded;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            decoded = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(fx.out.resolve("config").resolve(env).resolve("cloud-init.yaml")), decoded);
    }

    @ParameterizedTest(name = "{0}: the host role names exact ARNs")
    @ValueSource(strings = {"dev", "prod", "edge"})
    void hostPolicyIsLeastPrivilege(String env) throws Exception {
        JsonNode policy = new ObjectMapper().readTree(one(env, IamRolePolicy.TF_RESOURCE_TYPE).path("policy").asText());
        Map<String, List<String>> resourcesBySid = new java.util.TreeMap<>();
        for (JsonNode s : policy.path("Statement")) {
            List<String> rs = new ArrayList<>();
            s.path("Resource").forEach(r -> rs.add(r.asText()));
            assertFalse(rs.contains("*"), env + ": statement " + s.path("Sid").asText() + " uses *");
            resourcesBySid.put(s.path("Sid").asText(), rs);
        }
        // opsstack's own secret (MasterSecret) by its exact ARN, no pattern, no condition in the primary region.
        assertEquals(List.of("${data.terraform_remote_state.cross-stack-reference-input-" + env + "-data.outputs"
                + ".cross-stack-output-aws_secretsmanager_secretdatabase-master_secret_0FD91C7Aarn}"),
                resourcesBySid.get("ReadTheDatabaseSecret"), env + ": " + resourcesBySid);
        assertTrue(resourcesBySid.get("FindTheDatabase").get(0).endsWith(":db:" + env + "-postgres"));
        assertTrue(resourcesBySid.get("WriteAndReadBackups").get(1).endsWith("/*"));
        assertTrue(resourcesBySid.get("GrafanaAdminPassword").get(0).endsWith(":parameter/opsstack/" + env
                + "/grafana/admin-password"));
        assertEquals(6, resourcesBySid.size(), env + ": " + resourcesBySid.keySet());
    }

    /** Every ingress rule as "group port source", the group and source named by role. */
    private static TreeSet<String> ingress(String env) {
        TreeSet<String> out = new TreeSet<>();
        for (JsonNode r : res(env, VpcSecurityGroupIngressRule.TF_RESOURCE_TYPE).values()) {
            String group = role(r.path("security_group_id").asText());
            String source = r.has("cidr_ipv4") ? r.path("cidr_ipv4").asText()
                    : role(r.path("referenced_security_group_id").asText());
            assertEquals(r.path("from_port").asInt(), r.path("to_port").asInt());
            out.add(group + " " + r.path("from_port").asInt() + " " + source);
        }
        return out;
    }

    private static String role(String ref) {
        for (String role : List.of("lb", "app", "database", "endpoints")) {
            if (ref.contains("network_" + role + "-sg")) {
                return role;
            }
        }
        throw new AssertionError("not a security group reference: " + ref);
    }

    @Test
    void ingressIsExactlyWhatEachModeNeeds() {
        assertEquals(new TreeSet<>(List.of("lb 80 0.0.0.0/0", "lb 443 0.0.0.0/0", "app 80 lb",
                "app 9090 10.0.0.0/8", "app 3000 10.0.0.0/8")), ingress("prod"), "prod (asg, certificate)");
        assertEquals(new TreeSet<>(List.of("lb 80 0.0.0.0/0", "lb 443 0.0.0.0/0", "app 80 lb", "app 9090 10.0.0.0/8",
                "app 3000 10.0.0.0/8")), ingress("staging"), "staging (asg, certificate, as prod)");
        assertEquals(new TreeSet<>(List.of("lb 80 0.0.0.0/0", "app 80 lb")), ingress("warm"),
                "warm (asg, no certificate: no 443)");
        assertEquals(new TreeSet<>(List.of("app 80 0.0.0.0/0")), ingress("dev"), "dev (single, no admin CIDRs)");
        assertEquals(new TreeSet<>(List.of("app 80 203.0.113.0/24", "app 80 198.51.100.0/24", "app 22 192.0.2.10/32",
                "app 9090 192.0.2.0/24", "app 3000 192.0.2.0/24")), ingress("edge"), "edge (single, ssh, admin)");
    }

    @Test
    void asgSpansEveryPrivateAppSubnetBehindTheTargetGroup() {
        JsonNode asg = one("prod", AutoscalingGroup.TF_RESOURCE_TYPE);
        List<String> zones = new ArrayList<>();
        asg.path("vpc_zone_identifier").forEach(z -> zones.add(z.asText()));
        assertEquals(3, zones.size(), "one per AZ: " + zones);
        assertTrue(zones.stream().allMatch(z -> z.contains("network_app-")), zones.toString());
        assertEquals(2, asg.path("min_size").asInt());
        assertEquals(6, asg.path("max_size").asInt());
        assertEquals(3, asg.path("desired_capacity").asInt());
        assertEquals("ELB", asg.path("health_check_type").asText());
        assertTrue(asg.path("health_check_grace_period").asInt() > 0);
        assertEquals("Rolling", asg.at("/instance_refresh/strategy").asText());
        // The template's latest_version (a number that changes with each template update), never "$Latest": the
        // provider starts the refresh only when the group's launch_template block changes.
        JsonNode lt = one("prod", LaunchTemplate.TF_RESOURCE_TYPE);
        assertEquals(ref(LaunchTemplate.TF_RESOURCE_TYPE, lt, "id"), asg.at("/launch_template/id").asText());
        assertEquals(ref(LaunchTemplate.TF_RESOURCE_TYPE, lt, "latest_version"),
                asg.at("/launch_template/version").asText());
        assertEquals("OldestLaunchTemplate", asg.at("/termination_policies/0").asText());
        JsonNode tg = one("prod", LbTargetGroup.TF_RESOURCE_TYPE);
        assertEquals(List.of(ref(LbTargetGroup.TF_RESOURCE_TYPE, tg, "arn")),
                List.of(asg.at("/target_group_arns/0").asText()));
        assertEquals("/health", tg.at("/health_check/path").asText());
        assertEquals(80, tg.path("port").asInt());
    }

    @Test
    void listenersRedirectToHttpsOnlyWithACertificate() {
        Map<String, JsonNode> prod = res("prod", LbListener.TF_RESOURCE_TYPE);
        assertEquals("redirect", prod.get("load-balancer/http").at("/default_action/0/type").asText());
        assertEquals("HTTPS", prod.get("load-balancer/http").at("/default_action/0/redirect/protocol").asText());
        JsonNode https = prod.get("load-balancer/https");
        assertEquals("ELBSecurityPolicy-TLS13-1-2-2021-06", https.path("ssl_policy").asText());
        assertTrue(https.path("certificate_arn").asText().startsWith("arn:aws:acm:us-east-1:"));
        assertEquals("forward", https.at("/default_action/0/type").asText());
        // staging holds prod's line: a certificate, so HTTP only redirects.
        Map<String, JsonNode> staging = res("staging", LbListener.TF_RESOURCE_TYPE);
        assertEquals(List.of("load-balancer/http", "load-balancer/https"),
                List.copyOf(new TreeSet<>(staging.keySet())));
        assertEquals("redirect", staging.get("load-balancer/http").at("/default_action/0/type").asText());
        assertEquals("HTTPS", staging.get("load-balancer/http").at("/default_action/0/redirect/protocol").asText());
        assertTrue(staging.get("load-balancer/https").path("certificate_arn").asText()
                .startsWith("arn:aws:acm:us-east-1:"));
        // Without a certificate (warm), HTTP forwards and there is no HTTPS listener.
        Map<String, JsonNode> warm = res("warm", LbListener.TF_RESOURCE_TYPE);
        assertEquals(List.of("load-balancer/http"), List.copyOf(warm.keySet()));
        assertEquals("forward", warm.get("load-balancer/http").at("/default_action/0/type").asText());
    }

    @Test
    void albDropsInvalidHeadersLogsEverywhereAndIsProtectedUnlessTurnedOff() {
        JsonNode prod = one("prod", Lb.TF_RESOURCE_TYPE);
        assertTrue(prod.path("drop_invalid_header_fields").asBoolean());
        assertTrue(prod.path("enable_deletion_protection").asBoolean());
        assertTrue(prod.at("/access_logs/enabled").asBoolean());
        assertTrue(prod.at("/access_logs/bucket").asText().contains("access-logs-policy"),
                "logging waits for the bucket policy: " + prod.at("/access_logs/bucket").asText());
        JsonNode staging = one("staging", Lb.TF_RESOURCE_TYPE);
        assertTrue(staging.path("drop_invalid_header_fields").asBoolean());
        assertTrue(staging.path("enable_deletion_protection").asBoolean(), "staging, as prod");
        assertTrue(one("warm", Lb.TF_RESOURCE_TYPE).path("enable_deletion_protection").asBoolean(), "the default");
        // app.deletionProtection: false turns it off, in the DR region's copy too.
        assertFalse(one("pilot", Lb.TF_RESOURCE_TYPE).path("enable_deletion_protection").asBoolean());
        assertFalse(resources(fx.stack("pilot-dr-app"), Lb.TF_RESOURCE_TYPE).values().iterator().next()
                .path("enable_deletion_protection").asBoolean());
        assertTrue(staging.at("/access_logs/enabled").asBoolean(), "staging logs requests too");
        assertTrue(staging.at("/access_logs/bucket").asText().contains("access-logs-policy"));
        JsonNode lifecycle = res("staging", "aws_s3_bucket_lifecycle_configuration")
                .get("load-balancer/access-logs-lifecycle").at("/rule/0");
        assertEquals(90, lifecycle.at("/expiration/days").asInt());
        assertEquals(30, lifecycle.at("/noncurrent_version_expiration/noncurrent_days").asInt());
        assertEquals(7, lifecycle.at("/abort_incomplete_multipart_upload/days_after_initiation").asInt());
    }

    @Test
    void singleModeRunsOneInstancePrivateBehindNatOrPublicWithAnElasticIp() {
        JsonNode dev = one("dev", Instance.TF_RESOURCE_TYPE);
        assertTrue(dev.path("subnet_id").asText().contains("network_app-0"), "dev has NAT: private subnet");
        assertTrue(res("dev", Eip.TF_RESOURCE_TYPE).isEmpty());
        assertTrue(res("dev", Lb.TF_RESOURCE_TYPE).isEmpty() && res("dev", AutoscalingGroup.TF_RESOURCE_TYPE)
                .isEmpty(), "no load balancer in single mode");
        JsonNode edge = one("edge", Instance.TF_RESOURCE_TYPE);
        assertTrue(edge.path("subnet_id").asText().contains("network_public-0"), "edge has no NAT: public subnet");
        assertTrue(edge.path("associate_public_ip_address").asBoolean());
        assertEquals(ref(Instance.TF_RESOURCE_TYPE, edge, "id"), one("edge", Eip.TF_RESOURCE_TYPE).path("instance")
                .asText());
        // latest_version, not "$Latest": a deploy of a new tag replaces the host in that apply, not the one after.
        for (String env : List.of("dev", "edge")) {
            JsonNode lt = one(env, LaunchTemplate.TF_RESOURCE_TYPE);
            JsonNode host = one(env, Instance.TF_RESOURCE_TYPE);
            assertEquals(ref(LaunchTemplate.TF_RESOURCE_TYPE, lt, "id"), host.at("/launch_template/id").asText());
            assertEquals(ref(LaunchTemplate.TF_RESOURCE_TYPE, lt, "latest_version"),
                    host.at("/launch_template/version").asText(), env);
            // The template owns the user data; the provider's re-hash of the stored value is a perpetual diff
            // (terraform-provider-aws#30825), so the host ignores user_data and a template change replaces it.
            assertFalse(host.has("user_data"), env);
            assertEquals("[\"user_data\"]", host.at("/lifecycle/ignore_changes").toString(), env);
        }
        assertTrue(one("edge", LaunchTemplate.TF_RESOURCE_TYPE).path("image_id").asText()
                .contains("data.aws_ssm_parameter"), "AMI from the public SSM parameter");
        assertTrue(SynthFixture.dataSources(fx.stack("edge-app"), "aws_ssm_parameter").values().iterator().next()
                .path("name").asText().endsWith("al2023-ami-kernel-default-arm64"), "m7g is Graviton");
    }

    @Test
    void alarmsCoverTheSloWithThresholdsFromConfig() {
        Map<String, JsonNode> prod = res("prod", CloudwatchMetricAlarm.TF_RESOURCE_TYPE);
        assertEquals(new TreeSet<>(List.of("alarms/status-check", "alarms/cpu", "alarms/error-rate",
                "alarms/latency-p95", "alarms/unhealthy-hosts", "alarms/db-cpu", "alarms/db-free-storage",
                "alarms/db-connections")), new TreeSet<>(prod.keySet()));
        assertEquals(80, prod.get("alarms/cpu").path("threshold").asInt());
        assertEquals("prod-app", prod.get("alarms/cpu").at("/dimensions/AutoScalingGroupName").asText()
                .replaceAll("\\$\\{.*}", "prod-app"));
        assertEquals(1.0, prod.get("alarms/error-rate").path("threshold").asDouble());
        assertEquals(4, prod.get("alarms/error-rate").path("metric_query").size(), "metric math over ALB counts");
        assertEquals(0.2, prod.get("alarms/latency-p95").path("threshold").asDouble());
        assertEquals("p95", prod.get("alarms/latency-p95").path("extended_statistic").asText());
        assertEquals(0, prod.get("alarms/unhealthy-hosts").path("threshold").asInt());
        assertEquals(150, prod.get("alarms/db-connections").path("threshold").asInt(), "alerts.dbConnections");
        assertEquals(100L * 1024 * 1024 * 1024 / 5, prod.get("alarms/db-free-storage").path("threshold").asLong(),
                "20% of 100 GB");
        assertEquals("LessThanThreshold", prod.get("alarms/db-free-storage").path("comparison_operator").asText());
        String topic = ref(SnsTopic.TF_RESOURCE_TYPE, one("prod", SnsTopic.TF_RESOURCE_TYPE), "arn");
        for (Map.Entry<String, JsonNode> a : prod.entrySet()) {
            assertEquals(topic, a.getValue().at("/alarm_actions/0").asText(), a.getKey());
            assertTrue(a.getValue().path("alarm_description").asText().contains("docs/runbook.md#"), a.getKey());
        }
        assertTrue(one("prod", SnsTopic.TF_RESOURCE_TYPE).path("kms_master_key_id").asText().contains("aws_kms_key"));
        // The group reports hosts that fail to launch or terminate; successful scaling events are not mailed.
        JsonNode notify = one("prod", "aws_autoscaling_notification");
        assertEquals(topic, notify.path("topic_arn").asText());
        assertEquals(List.of(ref("aws_autoscaling_group", one("prod", "aws_autoscaling_group"), "name")),
                List.of(notify.at("/group_names/0").asText()));
        assertEquals("[\"autoscaling:EC2_INSTANCE_LAUNCH_ERROR\",\"autoscaling:EC2_INSTANCE_TERMINATE_ERROR\"]",
                notify.path("notifications").toString());
        assertTrue(res("dev", "aws_autoscaling_notification").isEmpty(), "single mode has no group");
        // Auto Scaling publishes as its service-linked role: the topic key lets account callers in through SNS only.
        String keyPolicy = res("prod", "aws_kms_key").get("alarms/key").path("policy").asText();
        assertTrue(keyPolicy.contains("\"kms:ViaService\":\"sns.us-east-1.amazonaws.com\""), keyPolicy);
        assertEquals("oncall@example.com", one("prod", SnsTopicSubscription.TF_RESOURCE_TYPE).path("endpoint")
                .asText());
        // Single mode has no load balancer metrics; the host alarms watch the instance.
        Map<String, JsonNode> dev = res("dev", CloudwatchMetricAlarm.TF_RESOURCE_TYPE);
        assertEquals(5, dev.size(), dev.keySet().toString());
        assertTrue(dev.get("alarms/cpu").at("/dimensions/InstanceId").asText().contains("aws_instance"));
    }

    @Test
    void dnsAliasesTheLoadBalancerOrPointsAtTheHost() {
        // prod has a dr section: its app stack owns the regional name; failover records live in prod-dr-app.
        JsonNode prod = one("prod", Route53Record.TF_RESOURCE_TYPE);
        assertEquals("us-east-1.app.example.com", prod.path("name").asText());
        assertEquals("A", prod.path("type").asText());
        assertTrue(prod.at("/alias/name").asText().contains("aws_lb."));
        assertTrue(prod.at("/alias/evaluate_target_health").asBoolean());
        JsonNode edge = one("edge", Route53Record.TF_RESOURCE_TYPE);
        assertEquals(60, edge.path("ttl").asInt());
        assertTrue(edge.at("/records/0").asText().contains("aws_eip."), edge.toString());
        assertTrue(res("staging", Route53Record.TF_RESOURCE_TYPE).isEmpty(), "no dns section, no record");
        assertEquals("https://app.example.com", fx.stack("prod-app").at("/output/app_url/value").asText());
        assertEquals("http://edge.example.com", fx.stack("edge-app").at("/output/app_url/value").asText());
    }
}
