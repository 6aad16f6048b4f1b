package io.opsstack.stacks;

import static io.opsstack.synth.SynthFixture.resources;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.providers.aws.autoscaling_group.AutoscalingGroup;
import com.hashicorp.cdktf.providers.aws.db_instance.DbInstance;
import com.hashicorp.cdktf.providers.aws.db_instance_automated_backups_replication.DbInstanceAutomatedBackupsReplication;
import com.hashicorp.cdktf.providers.aws.iam_role.IamRole;
import com.hashicorp.cdktf.providers.aws.iam_role_policy.IamRolePolicy;
import com.hashicorp.cdktf.providers.aws.route53_health_check.Route53HealthCheck;
import com.hashicorp.cdktf.providers.aws.route53_record.Route53Record;
import com.hashicorp.cdktf.providers.aws.s3_bucket.S3Bucket;
import com.hashicorp.cdktf.providers.aws.s3_bucket_replication_configuration.S3BucketReplicationConfigurationA;
import com.hashicorp.cdktf.providers.aws.secretsmanager_secret.SecretsmanagerSecret;
import io.opsstack.cli.Main;
import io.opsstack.synth.SynthFixture;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The region-swap stacks, both modes, both values of dr.activeRegion. Primary eu-west-1, DR eu-central-1. */
class RegionSwapTest {

    static SynthFixture fx;

    @BeforeAll
    static void synth() {
        fx = SynthFixture.shared();
    }

    private static Map<String, JsonNode> res(String stack, String type) {
        return resources(fx.stack(stack), type);
    }

    @ParameterizedTest(name = "{0}: DR stacks deploy in the DR region and read only its state")
    @ValueSource(strings = {"warm", "warmswap", "pilot", "pilotswap"})
    void drStacksNeedNothingFromThePrimaryRegion(String env) {
        for (String kind : List.of("dr-network", "dr-data", "dr-app")) {
            JsonNode stack = fx.stack(env + "-" + kind);
            assertEquals("eu-central-1", stack.at("/provider/aws/0/region").asText(), env + "-" + kind);
            assertEquals(1, stack.path("provider").path("aws").size(), "one provider, the DR region's");
            stack.at("/data/terraform_remote_state").fieldNames().forEachRemaining(name ->
                    assertTrue(name.contains(env + "-dr-"), env + "-" + kind + " reads " + name));
            String text = stack.toString();
            for (String primary : List.of(env + "-network", env + "-data", env + "-app")) {
                assertFalse(text.contains("cross-stack-reference-input-" + primary + "\""), env + "-" + kind
                        + " references " + primary);
            }
        }
    }

    @Test
    void warmStandbyIsACrossRegionReplicaUntilSwappedThenPromoted() {
        JsonNode replica = res("warm-dr-data", DbInstance.TF_RESOURCE_TYPE).get("database/instance");
        assertEquals("arn:aws:rds:eu-west-1:${data.aws_caller_identity.account.account_id}:db:warm-postgres",
                replica.path("replicate_source_db").asText(), "the primary's ARN from config, not its state");
        assertEquals("warm-dr-postgres", replica.path("identifier").asText());
        assertTrue(replica.path("manage_master_user_password").isMissingNode(), "a replica has no managed password");
        assertTrue(replica.path("password_wo").isMissingNode() && replica.path("password").isMissingNode(),
                "a PostgreSQL replica's password is its source's (AWS refuses to change it)");
        assertTrue(replica.path("username").isMissingNode());
        assertTrue(replica.path("kms_key_id").asText().contains("cross-stack-reference-input-warm-dr-network"),
                "encrypted with the DR region's key");
        assertTrue(replica.path("backup_retention_period").asInt() > 0, "so it can be promoted");
        assertTrue(replica.path("skip_final_snapshot").asBoolean(), "AWS refuses a final snapshot of a replica");
        assertTrue(replica.path("final_snapshot_identifier").isMissingNode());

        JsonNode promoted = res("warmswap-dr-data", DbInstance.TF_RESOURCE_TYPE).get("database/instance");
        assertTrue(promoted.path("replicate_source_db").isMissingNode(), "swapped: promoted");
        // It keeps the password it had as a replica, its source's, which the secret's DR replica holds: turning an
        // RDS-managed password on here would leave the hosts' secret stale and the failback replica refused.
        assertTrue(promoted.path("manage_master_user_password").isMissingNode(), "no RDS-managed password");
        assertTrue(promoted.path("password_wo").isMissingNode(), "the source's password, unchanged");
        assertTrue(res("warm-data", DbInstance.TF_RESOURCE_TYPE).get("database/instance")
                .path("manage_master_user_password").isMissingNode(),
                "the primary has no RDS-managed password either: AWS refuses a replica of it");
        assertTrue(promoted.path("username").isMissingNode(), "username would force a new instance");
        assertFalse(promoted.path("skip_final_snapshot").asBoolean(), "standalone now: it holds the data");
        assertEquals("warmswap-dr-postgres-final", promoted.path("final_snapshot_identifier").asText());
    }

    /**
     * The DR hosts read the replica of the primary's secret (MasterSecret) in their own region, named from config
     * (the DR stacks read nothing of the primary region): the same statement before and after the swap, since a
     * promoted replica keeps its source's password. Before, they read RDS's own secret by pattern and tag, which
     * the promoted instance got only one apply late.
     */
    @ParameterizedTest(name = "{0}: DR hosts read the secret's DR replica by name, same before and after the swap")
    @ValueSource(strings = {"warm", "pilot"})
    void drHostsReadTheReplicatedSecretByNameSoTheSwapChangesNoIam(String env) throws Exception {
        String standby = secretStatement(env + "-dr-app");
        assertEquals(standby, secretStatement(env + "swap-dr-app").replace(env + "swap", env),
                "the swap changes no IAM");
        JsonNode s = new com.fasterxml.jackson.databind.ObjectMapper().readTree(standby);
        String resource = s.at("/Resource/0").asText();
        assertTrue(resource.startsWith("arn:aws:secretsmanager:eu-central-1:") && resource.endsWith(
                "}:secret:opsstack/" + env + "/database/master-??????"),
                "the replica in the DR region, its six-character suffix as a pattern: " + resource);
        assertTrue(s.path("Condition").isMissingNode(), standby);
        JsonNode secret = res(env + "-data", SecretsmanagerSecret.TF_RESOURCE_TYPE).get("database-master/secret");
        assertEquals("opsstack/" + env + "/database/master", secret.path("name").asText(), "the name the policy names");
        assertEquals("eu-central-1", secret.at("/replica/0/region").asText(), "replicated to the DR region");
        for (String stack : List.of(env + "swap-dr-data", env + "swap-dr-app")) {
            assertFalse(fx.stack(stack).toString().contains("master_user_secret"), stack + " reads RDS's secret");
        }
    }

    private static String secretStatement(String stack) throws Exception {
        String policy = res(stack, IamRolePolicy.TF_RESOURCE_TYPE).get("hosts/host-policy").path("policy").asText();
        for (JsonNode st : new com.fasterxml.jackson.databind.ObjectMapper().readTree(policy).path("Statement")) {
            if (st.path("Sid").asText().equals("ReadTheDatabaseSecret")) {
                return st.toString();
            }
        }
        throw new AssertionError(stack + ": no ReadTheDatabaseSecret statement in " + policy);
    }

    @Test
    void pilotLightReplicatesBackupsAndRestoresFromThemWhenSwapped() {
        assertTrue(res("pilot-dr-data", DbInstance.TF_RESOURCE_TYPE).isEmpty(), "no running database");
        JsonNode replication = res("pilot-dr-data", DbInstanceAutomatedBackupsReplication.TF_RESOURCE_TYPE)
                .get("automated-backups-replication");
        assertTrue(replication.path("source_db_instance_arn").asText().endsWith(":db:pilot-postgres"));
        JsonNode restored = res("pilotswap-dr-data", DbInstance.TF_RESOURCE_TYPE).get("database/instance");
        assertEquals("${aws_db_instance_automated_backups_replication.automated-backups-replication.id}",
                restored.at("/restore_to_point_in_time/source_db_instance_automated_backups_arn").asText());
        assertTrue(restored.at("/restore_to_point_in_time/use_latest_restorable_time").asBoolean());
        assertFalse(res("pilotswap-dr-data", DbInstanceAutomatedBackupsReplication.TF_RESOURCE_TYPE).isEmpty(),
                "replication kept: its backups are what the restore reads");
    }

    @Test
    void drAppRunsStandbyCapacityUntilSwappedThenThePrimarysCapacity() {
        JsonNode standby = res("warm-dr-app", AutoscalingGroup.TF_RESOURCE_TYPE).get("hosts/asg");
        assertEquals(List.of(1, 1, 1), List.of(standby.path("min_size").asInt(), standby.path("max_size").asInt(),
                standby.path("desired_capacity").asInt()));
        JsonNode pilot = res("pilot-dr-app", AutoscalingGroup.TF_RESOURCE_TYPE).get("hosts/asg");
        assertEquals(0, pilot.path("desired_capacity").asInt(), "pilot light may run no host");
        JsonNode swapped = res("warmswap-dr-app", AutoscalingGroup.TF_RESOURCE_TYPE).get("hosts/asg");
        assertEquals(List.of(2, 5, 3), List.of(swapped.path("min_size").asInt(), swapped.path("max_size").asInt(),
                swapped.path("desired_capacity").asInt()));
    }

    @Test
    void failoverRecordsFollowTheActiveRegionWithHealthChecksOnBoth() {
        for (String env : List.of("warm", "warmswap")) {
            Map<String, JsonNode> records = res(env + "-dr-app", Route53Record.TF_RESOURCE_TYPE);
            Map<String, JsonNode> checks = res(env + "-dr-app", Route53HealthCheck.TF_RESOURCE_TYPE);
            assertEquals("eu-west-1." + env + ".example.com", checks.get("health-check-primary").path("fqdn").asText());
            assertEquals("eu-central-1." + env + ".example.com", checks.get("health-check-dr").path("fqdn").asText());
            assertEquals("/health", checks.get("health-check-dr").path("resource_path").asText());
            boolean swapped = env.equals("warmswap");
            JsonNode primary = records.get("failover-primary");
            JsonNode dr = records.get("failover-dr");
            assertEquals(swapped ? "SECONDARY" : "PRIMARY", primary.at("/failover_routing_policy/type").asText(), env);
            assertEquals(swapped ? "PRIMARY" : "SECONDARY", dr.at("/failover_routing_policy/type").asText(), env);
            assertEquals("eu-west-1", primary.path("set_identifier").asText());
            assertEquals("eu-west-1." + env + ".example.com", primary.at("/alias/name").asText());
            assertTrue(dr.path("health_check_id").asText().contains("health-check-dr"));
            assertEquals(env + ".example.com", dr.path("name").asText());
            // Each region's app stack owns its regional name; the plain record is gone.
            assertEquals("eu-west-1." + env + ".example.com", res(env + "-app", Route53Record.TF_RESOURCE_TYPE)
                    .get("regional-record").path("name").asText());
            assertEquals(1, res(env + "-app", Route53Record.TF_RESOURCE_TYPE).size());
        }
    }

    @Test
    void primaryBackupsReplicateIntoTheDrBucketReEncryptedWithTheDrKey() {
        JsonNode config = res("warm-data", S3BucketReplicationConfigurationA.TF_RESOURCE_TYPE)
                .get("backups-replication/configuration");
        JsonNode rule = config.path("rule").get(0);
        assertEquals("Enabled", rule.path("status").asText());
        String destination = rule.at("/destination/bucket").asText();
        assertEquals("arn:aws:s3:::opsstack-warm-dr-backups-${data.aws_caller_identity.account.account_id}"
                + "-eu-central-1", destination);
        assertEquals("arn:aws:kms:eu-central-1:${data.aws_caller_identity.account.account_id}:alias/opsstack/warm-dr"
                + "/data", rule.at("/destination/encryption_configuration/replica_kms_key_id").asText());
        assertTrue(config.path("depends_on").get(0).asText().contains("backups_versioning"));
        // The DR bucket those names describe is the one the DR network stack creates.
        JsonNode drBucket = res("warm-dr-network", S3Bucket.TF_RESOURCE_TYPE).get("backups/bucket");
        assertTrue(drBucket.path("bucket").asText().startsWith("opsstack-warm-dr-backups-"));
        assertTrue(drBucket.path("bucket").asText().endsWith("-eu-central-1"));
        assertTrue(res("dev-data", S3BucketReplicationConfigurationA.TF_RESOURCE_TYPE).isEmpty(), "no dr, no replication");
    }

    @ParameterizedTest(name = "{0}: IAM names are unique across both regions")
    @ValueSource(strings = {"warm", "prod"})
    void iamNamesDoNotCollideAcrossRegions(String env) {
        Set<String> names = new HashSet<>();
        for (String kind : List.of("network", "dr-network", "data", "app", "dr-data", "dr-app")) {
            for (JsonNode role : res(env + "-" + kind, IamRole.TF_RESOURCE_TYPE).values()) {
                assertTrue(names.add(role.path("name").asText()), "duplicate IAM role " + role.path("name").asText());
            }
        }
        assertTrue(names.contains(env + "-dr-app-host") && names.contains(env + "-app-host"), names.toString());
    }

    @Test
    void failoverChangesOneLineKeepsCommentsAndTheResynthShowsTheSwap() throws Exception {
        Path home = SynthFixture.copyOfProject(Map.of());
        Path file = home.resolve("environments/prod.yaml");
        List<String> before = Files.readAllLines(file);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, Main.execute(new PrintWriter(out), new PrintWriter(err), "failover", "prod", "--project-dir",
                home.toString()), err.toString());
        List<String> after = Files.readAllLines(file);
        assertEquals(before.size(), after.size());
        List<Integer> changed = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).equals(after.get(i))) {
                changed.add(i);
            }
        }
        assertEquals(1, changed.size(), "exactly one line changes");
        String line = after.get(changed.get(0));
        assertTrue(line.startsWith("  activeRegion: dr") && line.contains("# primary | dr"), line);
        assertTrue(out.toString().contains("npx cdktf-cli@0.19.2 deploy prod-dr-data prod-dr-app"), out.toString());

        Path outDir = home.resolve("out");
        assertEquals(0, Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "synth", "prod",
                "--out", outDir.toString(), "--project-dir", home.toString()), err.toString());
        JsonNode dr = SynthFixture.read(outDir.resolve("stacks/prod-dr-app/cdk.tf.json"));
        assertEquals("PRIMARY", dr.at("/resource/aws_route53_record/failover-dr/failover_routing_policy/type").asText());

        assertEquals(0, Main.execute(new PrintWriter(out), new PrintWriter(err), "failback", "prod", "--project-dir",
                home.toString()), err.toString());
        assertEquals(before, Files.readAllLines(file), "failback restores the file exactly");
    }

    @Test
    void failsToSwapAnEnvironmentWithoutDr() {
        StringWriter err = new StringWriter();
        assertEquals(2, Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "failover", "dev",
                "--project-dir", SynthFixture.HOME.toString()));
        assertTrue(err.toString().contains("environments/dev.yaml: dr: this environment has no dr section"),
                err.toString());
    }

    /** Found by the deploy rehearsal: an ALB can only use an ACM certificate of its own region. */
    @Test
    void eachRegionsLoadBalancerUsesACertificateOfItsRegion() {
        for (String id : List.of("prod-app", "prod-dr-app")) {
            String region = id.equals("prod-app") ? "us-east-1" : "us-west-2";
            List<String> certificates = new ArrayList<>();
            resources(fx.stack(id), com.hashicorp.cdktf.providers.aws.lb_listener.LbListener.TF_RESOURCE_TYPE)
                    .values().forEach(l -> {
                        if (l.has("certificate_arn")) {
                            certificates.add(l.get("certificate_arn").asText());
                        }
                    });
            assertEquals(1, certificates.size(), id);
            assertTrue(certificates.get(0).startsWith("arn:aws:acm:" + region + ":"), id + ": " + certificates);
        }
    }
}
