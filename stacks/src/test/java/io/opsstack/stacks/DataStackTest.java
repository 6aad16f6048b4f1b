package io.opsstack.stacks;

import static io.opsstack.synth.SynthFixture.ref;
import static io.opsstack.synth.SynthFixture.resources;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.providers.aws.cloudwatch_log_group.CloudwatchLogGroup;
import com.hashicorp.cdktf.providers.aws.db_instance.DbInstance;
import com.hashicorp.cdktf.providers.aws.db_parameter_group.DbParameterGroup;
import com.hashicorp.cdktf.providers.aws.db_subnet_group.DbSubnetGroup;
import com.hashicorp.cdktf.providers.aws.iam_role.IamRole;
import com.hashicorp.cdktf.providers.aws.kms_alias.KmsAlias;
import com.hashicorp.cdktf.providers.aws.kms_key.KmsKey;
import com.hashicorp.cdktf.providers.aws.s3_bucket.S3Bucket;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfiguration;
import com.hashicorp.cdktf.providers.aws.s3_bucket_ownership_controls.S3BucketOwnershipControls;
import com.hashicorp.cdktf.providers.aws.s3_bucket_policy.S3BucketPolicy;
import com.hashicorp.cdktf.providers.aws.s3_bucket_public_access_block.S3BucketPublicAccessBlock;
import com.hashicorp.cdktf.providers.aws.s3_bucket_server_side_encryption_configuration.S3BucketServerSideEncryptionConfigurationA;
import com.hashicorp.cdktf.providers.aws.s3_bucket_versioning.S3BucketVersioningA;
import com.hashicorp.cdktf.providers.aws.secretsmanager_secret.SecretsmanagerSecret;
import com.hashicorp.cdktf.providers.aws.secretsmanager_secret_version.SecretsmanagerSecretVersion;
import com.hashicorp.cdktf.providers.aws.vpc_security_group_ingress_rule.VpcSecurityGroupIngressRule;
import io.opsstack.synth.SynthFixture;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The synthesized {@code <env>-data} stacks: every property the data-tier issue asks for, per environment. */
class DataStackTest {

    static SynthFixture fx;

    @BeforeAll
    static void synth() {
        fx = SynthFixture.shared();
    }

    private static JsonNode one(String env, String type) {
        Map<String, JsonNode> all = resources(fx.stack(env + "-data"), type);
        assertEquals(1, all.size(), env + ": expected one " + type + ", have " + all.keySet());
        return all.values().iterator().next();
    }

    private static JsonNode at(String env, String type, String path) {
        JsonNode r = resources(fx.stack(env + "-data"), type).get(path);
        assertTrue(r != null, env + ": no " + type + " at " + path);
        return r;
    }

    private static JsonNode db(String env) {
        return one(env, DbInstance.TF_RESOURCE_TYPE);
    }

    private static String key(String env) {
        return ref(KmsKey.TF_RESOURCE_TYPE, one(env, KmsKey.TF_RESOURCE_TYPE), "arn");
    }

    @ParameterizedTest(name = "{0}: KMS key with rotation and alias")
    @ValueSource(strings = {"dev", "staging", "prod"})
    void dataKeyRotatesAndHasTheEnvironmentAlias(String env) throws Exception {
        JsonNode k = one(env, KmsKey.TF_RESOURCE_TYPE);
        assertTrue(k.path("enable_key_rotation").asBoolean(), env + ": rotation");
        assertEquals(30, k.path("deletion_window_in_days").asInt());
        assertEquals("alias/opsstack/" + env + "/data", one(env, KmsAlias.TF_RESOURCE_TYPE).path("name").asText());

        JsonNode policy = new ObjectMapper().readTree(k.path("policy").asText());
        String text = policy.toString();
        assertTrue(text.contains("rds.us-east-1.amazonaws.com") && text.contains("s3.us-east-1.amazonaws.com")
                && text.contains("secretsmanager.us-east-1.amazonaws.com"), env + ": RDS, S3, Secrets Manager");
        assertTrue(text.contains("\"logs.us-east-1.amazonaws.com\""), env + ": CloudWatch Logs");
        JsonNode use = policy.at("/Statement/1");
        assertEquals("UseThroughDataServices", use.path("Sid").asText());
        assertFalse(use.at("/Condition/StringEquals/kms:CallerAccount").isMissingNode(),
                "a wildcard principal is only acceptable limited to this account");
    }

    @ParameterizedTest(name = "{0}: PostgreSQL only from the app hosts")
    @ValueSource(strings = {"dev", "staging", "prod"})
    void databaseIngressIsPostgresFromTheAppGroupOnly(String env) {
        Map<String, JsonNode> rules = resources(fx.stack(env + "-data"), VpcSecurityGroupIngressRule.TF_RESOURCE_TYPE);
        assertEquals(1, rules.size(), env + ": " + rules.keySet());
        JsonNode rule = rules.values().iterator().next();
        assertEquals("tcp", rule.path("ip_protocol").asText());
        assertEquals(5432, rule.path("from_port").asInt());
        assertEquals(5432, rule.path("to_port").asInt());
        assertTrue(rule.path("cidr_ipv4").isMissingNode() && rule.path("cidr_ipv6").isMissingNode());
        assertTrue(rule.path("security_group_id").asText().contains("network_database-sg"), env);
        assertTrue(rule.path("referenced_security_group_id").asText().contains("network_app-sg"), env);
        assertEquals(List.of(rule.path("security_group_id").asText()),
                List.of(db(env).path("vpc_security_group_ids").get(0).asText()), "the instance uses that group");
    }

    @ParameterizedTest(name = "{0}: {1} {2}, multi-AZ {3}, retention {4}, deletion protection {5}")
    @CsvSource({
            "dev,     db.t4g.small,  20,  50, false, 1,  false",
            "staging, db.t4g.medium, 20, 100, true,  7,  true",
            "prod,    db.m6g.large, 100, 500, true,  14, true"})
    void instanceFollowsConfig(String env, String cls, int storage, int maxStorage, boolean multiAz, int retention,
                               boolean deletionProtection) {
        JsonNode d = db(env);
        String w = env + ": ";
        assertEquals(env + "-postgres", d.path("identifier").asText());
        assertEquals("postgres", d.path("engine").asText());
        assertEquals("16.4", d.path("engine_version").asText());
        assertEquals(cls, d.path("instance_class").asText(), w + "class");
        assertEquals("gp3", d.path("storage_type").asText());
        assertEquals(storage, d.path("allocated_storage").asInt(), w + "storage");
        assertEquals(maxStorage, d.path("max_allocated_storage").asInt(), w + "autoscaling ceiling");
        assertEquals(multiAz, d.path("multi_az").asBoolean(), w + "multi-AZ");
        assertEquals(retention, d.path("backup_retention_period").asInt(), w + "retention");
        assertEquals(deletionProtection, d.path("deletion_protection").asBoolean(), w + "deletion protection");
        assertEquals("03:00-04:00", d.path("backup_window").asText());
        assertEquals("sun:05:00-sun:06:00", d.path("maintenance_window").asText());
    }

    @ParameterizedTest(name = "{0}: encrypted, private, write-only password, IAM auth, logs")
    @ValueSource(strings = {"dev", "staging", "prod", "restored"})
    void instanceIsSafeByDefault(String env) {
        JsonNode d = db(env);
        String w = env + ": ";
        String key = key(env);
        assertTrue(d.path("storage_encrypted").asBoolean(), w + "storage_encrypted");
        assertEquals(key, d.path("kms_key_id").asText(), w + "storage key");
        assertTrue(d.has("publicly_accessible") && !d.path("publicly_accessible").asBoolean(true),
                w + "publicly_accessible must be written, and false");
        // AWS creates no read replica of a source with an RDS-managed password: none, in any environment.
        assertTrue(d.path("manage_master_user_password").isMissingNode(), w + "no RDS-managed password");
        assertTrue(d.path("master_user_secret_kms_key_id").isMissingNode(), w + "no RDS-managed secret");
        assertTrue(d.path("password").isMissingNode(), w + "no password attribute at all");
        assertEquals("${ephemeral.aws_secretsmanager_random_password.database_master_password.random_password}",
                d.path("password_wo").asText(), w + "write-only, from the ephemeral password");
        assertEquals(env.equals("restored") ? 3 : 1, d.path("password_wo_version").asInt(-1),
                w + "database.passwordVersion (restored.yaml sets 3)");
        assertTrue(d.path("iam_database_authentication_enabled").asBoolean(), w + "IAM auth");
        assertTrue(d.path("auto_minor_version_upgrade").asBoolean(), w + "minor upgrades");
        assertTrue(d.path("copy_tags_to_snapshot").asBoolean(), w + "copy tags");
        assertEquals(List.of("postgresql", "upgrade"), texts(d.path("enabled_cloudwatch_logs_exports")), w + "logs");
        assertEquals(ref(DbSubnetGroup.TF_RESOURCE_TYPE, one(env, DbSubnetGroup.TF_RESOURCE_TYPE), "name"),
                d.path("db_subnet_group_name").asText());
        // The exported logs go to groups we own, with retention and the data key, created before the instance.
        Map<String, JsonNode> groups = resources(fx.stack(env + "-data"), CloudwatchLogGroup.TF_RESOURCE_TYPE);
        for (String log : List.of("postgresql", "upgrade")) {
            JsonNode g = groups.get("database/log-" + log);
            assertEquals("/aws/rds/instance/" + env + "-postgres/" + log, g.path("name").asText());
            assertTrue(g.path("retention_in_days").asInt() > 0, w + log + " retention");
            assertEquals(key, g.path("kms_key_id").asText());
            assertTrue(texts(d.path("depends_on")).contains("aws_cloudwatch_log_group."
                    + g.at("/~1~1/metadata/uniqueId").asText()), w + "instance depends on " + log + " group");
        }
    }

    @Test
    void finalSnapshotNameIsOnePerInstanceGeneration() {
        // issue 22: the fixed name made a second restore fail with DBSnapshotAlreadyExists.
        assertEquals("prod-postgres-final", io.opsstack.constructs.Database.finalSnapshotName("prod-postgres", null));
        String first = io.opsstack.constructs.Database.finalSnapshotName("prod-postgres", "prod-postgres-before-1-5-0");
        String second = io.opsstack.constructs.Database.finalSnapshotName("prod-postgres", "prod-postgres-pitr-0900");
        assertEquals("prod-postgres-final-prod-postgres-before-1-5-0", first);
        assertNotEquals(first, second);
        assertNotEquals("prod-postgres-final", first);
        assertEquals("prod-postgres-final-prod-postgres-2026-11-30-03-10",
                io.opsstack.constructs.Database.finalSnapshotName("prod-postgres", "rds:prod-postgres-2026-11-30-03-10"));
        assertEquals("prod-postgres-final-snap-1", io.opsstack.constructs.Database.finalSnapshotName("prod-postgres",
                "arn:aws:rds:us-east-1:123456789012:snapshot:Snap--1"));
        String longest = io.opsstack.constructs.Database.finalSnapshotName("prod-postgres", "s" + "-x".repeat(200));
        assertTrue(longest.length() <= 255 && !longest.endsWith("-"), longest);
        assertTrue(longest.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*"), longest);
    }

    @Test
    void finalSnapshotOnDestroyExceptWhereSkipped() {
        for (String env : List.of("staging", "prod")) {
            assertFalse(db(env).path("skip_final_snapshot").asBoolean(true), env);
            assertEquals(env + "-postgres-final", db(env).path("final_snapshot_identifier").asText(), env);
        }
        assertTrue(db("dev").path("skip_final_snapshot").asBoolean(), "dev.yaml sets skipFinalSnapshot: true");
        assertTrue(db("dev").path("final_snapshot_identifier").isMissingNode());
    }

    @Test
    void performanceInsightsAndEnhancedMonitoringFollowConfig() {
        JsonNode prod = db("prod");
        assertTrue(prod.path("performance_insights_enabled").asBoolean());
        assertEquals(key("prod"), prod.path("performance_insights_kms_key_id").asText());
        assertEquals(60, prod.path("monitoring_interval").asInt());
        JsonNode role = resources(fx.stack("prod-data"), IamRole.TF_RESOURCE_TYPE).get("database/monitoring-role");
        assertEquals(ref(IamRole.TF_RESOURCE_TYPE, role, "arn"), prod.path("monitoring_role_arn").asText());
        assertTrue(role.path("assume_role_policy").asText().contains("monitoring.rds.amazonaws.com"));

        JsonNode dev = db("dev");
        assertFalse(dev.path("performance_insights_enabled").asBoolean(true));
        assertTrue(dev.path("performance_insights_kms_key_id").isMissingNode());
        assertEquals(0, dev.path("monitoring_interval").asInt());
        assertTrue(dev.path("monitoring_role_arn").isMissingNode());
        assertTrue(resources(fx.stack("dev-data"), IamRole.TF_RESOURCE_TYPE).isEmpty(), "no role without monitoring");
    }

    @ParameterizedTest(name = "{0}: parameter group family {1}")
    @CsvSource({"prod, postgres16, 500", "dev, postgres16, 200", "restored, postgres15, 500"})
    void parameterGroupFamilyFollowsTheEngineMajor(String env, String family, int slowMs) {
        JsonNode pg = one(env, DbParameterGroup.TF_RESOURCE_TYPE);
        assertEquals(family, pg.path("family").asText(), env);
        assertEquals(env + "-" + family, pg.path("name").asText());
        assertTrue(pg.at("/lifecycle/create_before_destroy").asBoolean(), "replaced groups are created first");
        Map<String, String> params = new java.util.TreeMap<>();
        pg.path("parameter").forEach(p -> params.put(p.path("name").asText(), p.path("value").asText()));
        assertEquals(Map.of("rds.force_ssl", "1", "log_min_duration_statement", String.valueOf(slowMs),
                "log_connections", "1", "log_disconnections", "1", "log_statement", "ddl"), params, env);
        assertEquals(ref(DbParameterGroup.TF_RESOURCE_TYPE, pg, "name"), db(env).path("parameter_group_name").asText());
    }

    @Test
    void restoreFromSnapshotCreatesTheInstanceFromIt() {
        JsonNode restored = db("restored");
        assertEquals("prod-postgres-2026-11-01", restored.path("snapshot_identifier").asText());
        assertTrue(restored.path("username").isMissingNode() && restored.path("db_name").isMissingNode(),
                "the snapshot carries the user and database");
        assertEquals("15.7", restored.path("engine_version").asText());
        assertTrue(db("prod").path("snapshot_identifier").isMissingNode());
        assertEquals("app_admin", db("prod").path("username").asText());
        assertEquals("app", db("prod").path("db_name").asText());
    }

    @ParameterizedTest(name = "{0}: backups bucket locked down with lifecycle {1}/{2} days")
    @CsvSource({"dev, 30, 30", "staging, 30, 90", "prod, 30, 365"})
    void backupsBucketIsVersionedEncryptedPrivateTlsOnlyWithLifecycle(String env, int glacier, int expire)
            throws Exception {
        JsonNode bucket = at(env, S3Bucket.TF_RESOURCE_TYPE, "backups/bucket");
        String id = ref(S3Bucket.TF_RESOURCE_TYPE, bucket, "id");
        assertTrue(bucket.path("bucket").asText().startsWith("opsstack-" + env + "-backups-${data.aws_caller_identity."),
                bucket.path("bucket").asText());
        assertTrue(bucket.path("bucket").asText().endsWith("-us-east-1"));
        assertFalse(bucket.path("force_destroy").asBoolean(true));

        JsonNode versioning = at(env, S3BucketVersioningA.TF_RESOURCE_TYPE, "backups/versioning");
        assertEquals(id, versioning.path("bucket").asText());
        assertEquals("Enabled", versioning.at("/versioning_configuration/status").asText());

        JsonNode sse = at(env, S3BucketServerSideEncryptionConfigurationA.TF_RESOURCE_TYPE, "backups/encryption").path("rule").get(0);
        assertEquals("aws:kms", sse.at("/apply_server_side_encryption_by_default/sse_algorithm").asText());
        assertEquals(key(env), sse.at("/apply_server_side_encryption_by_default/kms_master_key_id").asText());
        assertTrue(sse.path("bucket_key_enabled").asBoolean());

        JsonNode pab = at(env, S3BucketPublicAccessBlock.TF_RESOURCE_TYPE, "backups/public-access-block");
        for (String setting : List.of("block_public_acls", "block_public_policy", "ignore_public_acls",
                "restrict_public_buckets")) {
            assertTrue(pab.path(setting).asBoolean(), env + ": " + setting);
        }
        assertEquals("BucketOwnerEnforced", at(env, S3BucketOwnershipControls.TF_RESOURCE_TYPE, "backups/ownership")
                .at("/rule/object_ownership").asText());

        JsonNode policy = new ObjectMapper().readTree(at(env, S3BucketPolicy.TF_RESOURCE_TYPE, "backups/policy").path("policy").asText());
        JsonNode deny = policy.at("/Statement/0");
        assertEquals("Deny", deny.path("Effect").asText());
        assertEquals("false", deny.at("/Condition/Bool/aws:SecureTransport").asText());
        String arn = ref(S3Bucket.TF_RESOURCE_TYPE, bucket, "arn");
        assertEquals(List.of(arn, arn + "/*"), texts(deny.path("Resource")));

        JsonNode rule = at(env, S3BucketLifecycleConfiguration.TF_RESOURCE_TYPE, "backups/lifecycle").path("rule").get(0);
        assertEquals("Enabled", rule.path("status").asText());
        assertEquals(glacier, rule.at("/transition/0/days").asInt());
        assertEquals("GLACIER", rule.at("/transition/0/storage_class").asText());
        assertEquals(expire, rule.at("/noncurrent_version_expiration/noncurrent_days").asInt());
        assertEquals(7, rule.at("/abort_incomplete_multipart_upload/days_after_initiation").asInt());

        // Server access logs go to the log bucket, once its policy lets S3 log delivery write.
        JsonNode logging = at(env, "aws_s3_bucket_logging", "backups/logging");
        assertEquals(id, logging.path("bucket").asText());
        assertEquals(ref(S3BucketPolicy.TF_RESOURCE_TYPE, at(env, S3BucketPolicy.TF_RESOURCE_TYPE,
                "backups/access-logs-policy"), "bucket"), logging.path("target_bucket").asText());
        assertEquals("s3-access/", logging.path("target_prefix").asText());
    }

    @ParameterizedTest(name = "{0}: the backups bucket's access-log bucket is hardened")
    @ValueSource(strings = {"dev", "staging", "prod"})
    void backupsAccessLogBucketIsPrivateTlsOnlyWritableOnlyByS3LogDeliveryAndExpires(String env) throws Exception {
        JsonNode logs = at(env, S3Bucket.TF_RESOURCE_TYPE, "backups/access-logs");
        String id = ref(S3Bucket.TF_RESOURCE_TYPE, logs, "id");
        String arn = ref(S3Bucket.TF_RESOURCE_TYPE, logs, "arn");
        assertTrue(logs.path("bucket").asText().startsWith("opsstack-" + env + "-backup-logs-"), logs.toString());
        assertFalse(logs.path("force_destroy").asBoolean(true));
        assertEquals("Enabled", at(env, S3BucketVersioningA.TF_RESOURCE_TYPE, "backups/access-logs-versioning")
                .at("/versioning_configuration/status").asText());
        // S3 log delivery cannot write to an SSE-KMS bucket.
        assertEquals("AES256", at(env, S3BucketServerSideEncryptionConfigurationA.TF_RESOURCE_TYPE,
                "backups/access-logs-encryption").at("/rule/0/apply_server_side_encryption_by_default/sse_algorithm")
                .asText());
        JsonNode pab = at(env, S3BucketPublicAccessBlock.TF_RESOURCE_TYPE, "backups/access-logs-public-access-block");
        for (String setting : List.of("block_public_acls", "block_public_policy", "ignore_public_acls",
                "restrict_public_buckets")) {
            assertTrue(pab.path(setting).asBoolean(), env + ": " + setting);
            assertEquals(id, pab.path("bucket").asText());
        }
        assertEquals("BucketOwnerEnforced", at(env, S3BucketOwnershipControls.TF_RESOURCE_TYPE,
                "backups/access-logs-ownership").at("/rule/object_ownership").asText());

        JsonNode policy = new ObjectMapper().readTree(at(env, S3BucketPolicy.TF_RESOURCE_TYPE,
                "backups/access-logs-policy").path("policy").asText());
        JsonNode write = policy.at("/Statement/0");
        assertEquals("Allow", write.path("Effect").asText());
        assertEquals("logging.s3.amazonaws.com", write.at("/Principal/Service").asText());
        assertEquals(List.of(arn + "/s3-access/*"), texts(write.path("Resource")));
        String backupsArn = ref(S3Bucket.TF_RESOURCE_TYPE, at(env, S3Bucket.TF_RESOURCE_TYPE, "backups/bucket"), "arn");
        assertEquals(backupsArn, write.at("/Condition/ArnLike/aws:SourceArn").asText(), "only our backups bucket");
        assertTrue(write.at("/Condition/StringEquals/aws:SourceAccount").asText().startsWith("${data.aws_caller_identity."));
        JsonNode deny = policy.at("/Statement/1");
        assertEquals("Deny", deny.path("Effect").asText());
        assertEquals("false", deny.at("/Condition/Bool/aws:SecureTransport").asText());

        JsonNode rule = at(env, S3BucketLifecycleConfiguration.TF_RESOURCE_TYPE, "backups/access-logs-lifecycle")
                .path("rule").get(0);
        assertEquals("Enabled", rule.path("status").asText());
        assertEquals(365, rule.at("/expiration/days").asInt());
        assertEquals(30, rule.at("/noncurrent_version_expiration/noncurrent_days").asInt());
        assertEquals(7, rule.at("/abort_incomplete_multipart_upload/days_after_initiation").asInt());
    }

    @ParameterizedTest(name = "{0}: outputs for the app and DR stacks")
    @ValueSource(strings = {"dev", "prod"})
    void outputs(String env) {
        JsonNode out = fx.stack(env + "-data").path("output");
        for (String name : List.of("db_endpoint", "db_port", "db_instance_arn", "db_master_secret_arn", "kms_key_arn",
                "backups_bucket_name", "backups_bucket_arn")) {
            assertFalse(out.path(name).isMissingNode(), env + ": output " + name);
        }
        assertEquals(ref(SecretsmanagerSecret.TF_RESOURCE_TYPE, one(env, SecretsmanagerSecret.TF_RESOURCE_TYPE),
                "arn"), out.at("/db_master_secret_arn/value").asText(), env + ": opsstack's secret, not RDS's");
    }

    @ParameterizedTest(name = "{0}: the master secret, its version and the ephemeral password")
    @ValueSource(strings = {"dev", "staging", "prod", "restored"})
    void masterSecretKeepsTheWriteOnlyPassword(String env) {
        String w = env + ": ";
        JsonNode stack = fx.stack(env + "-data");
        JsonNode secret = one(env, SecretsmanagerSecret.TF_RESOURCE_TYPE);
        assertEquals("opsstack/" + env + "/database/master", secret.path("name").asText(), w + "name");
        assertEquals(key(env), secret.path("kms_key_id").asText(), w + "encrypted with the data key");
        // dev skips the final snapshot: nothing left to open with the password, so it goes at once.
        assertEquals(env.equals("dev") ? 0 : 30, secret.path("recovery_window_in_days").asInt(-1), w + "recovery");
        assertTrue(secret.path("secret_string").isMissingNode(), w + "no value on the secret itself");

        JsonNode version = one(env, SecretsmanagerSecretVersion.TF_RESOURCE_TYPE);
        assertEquals(ref(SecretsmanagerSecret.TF_RESOURCE_TYPE, secret, "arn"), version.path("secret_id").asText());
        assertTrue(version.path("secret_string").isMissingNode(), w + "no secret_string: it would be in state");
        assertEquals("${jsonencode({username = \"" + "app_admin"
                + "\", password = ephemeral.aws_secretsmanager_random_password.database_master_password"
                + ".random_password})}", version.path("secret_string_wo").asText(), w + "write-only");
        assertEquals(db(env).path("password_wo_version").asInt(), version.path("secret_string_wo_version").asInt(-2),
                w + "the secret and the instance take the password at the same version");
        String instance = resources(stack, DbInstance.TF_RESOURCE_TYPE).values().iterator().next()
                .at("/~1~1/metadata/uniqueId").asText();
        assertEquals(List.of("aws_db_instance." + instance + ".id"),
                texts(version.at("/lifecycle/replace_triggered_by")),
                w + "a bare reference (terraform validate refuses \"${...}\" there): a replaced instance (a restore)"
                        + " rewrites the secret with the password it was created with");

        JsonNode random = stack.at("/ephemeral/aws_secretsmanager_random_password/database_master_password");
        assertEquals(40, random.path("password_length").asInt(), w + "length");
        assertTrue(random.path("exclude_punctuation").asBoolean(), w + "RDS refuses / @ \" and spaces");
    }

    @Test
    void theMasterSecretIsReplicatedToTheDrRegionWithTheDrKeyNamedFromConfig() {
        JsonNode prod = one("prod", SecretsmanagerSecret.TF_RESOURCE_TYPE);
        JsonNode replica = prod.path("replica");
        assertEquals(1, replica.size(), "one replica: the DR region");
        assertEquals("us-west-2", replica.get(0).path("region").asText());
        assertEquals("arn:aws:kms:us-west-2:${data.aws_caller_identity.account.account_id}:alias/opsstack/prod-dr/data",
                replica.get(0).path("kms_key_id").asText(), "the DR data key's alias, not read from the DR state");
        assertTrue(prod.path("force_overwrite_replica_secret").asBoolean(),
                "a replica promoted during an outage is taken back");
        for (String env : List.of("dev", "staging")) {
            assertTrue(one(env, SecretsmanagerSecret.TF_RESOURCE_TYPE).path("replica").isMissingNode(),
                    env + ": no DR region, no replica");
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            out.add(it.next().asText());
        }
        return out;
    }
}
