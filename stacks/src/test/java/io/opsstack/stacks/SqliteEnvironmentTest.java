package io.opsstack.stacks;

import static io.opsstack.synth.SynthFixture.resources;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.providers.aws.cloudwatch_metric_alarm.CloudwatchMetricAlarm;
import com.hashicorp.cdktf.providers.aws.db_instance.DbInstance;
import com.hashicorp.cdktf.providers.aws.ebs_volume.EbsVolume;
import com.hashicorp.cdktf.providers.aws.iam_role_policy.IamRolePolicy;
import com.hashicorp.cdktf.providers.aws.instance.Instance;
import com.hashicorp.cdktf.providers.aws.volume_attachment.VolumeAttachment;
import com.hashicorp.cdktf.providers.aws.vpc_security_group_egress_rule.VpcSecurityGroupEgressRule;
import io.opsstack.config.ConfigException;
import io.opsstack.config.ConfigLoader;
import io.opsstack.synth.SynthFixture;

import java.nio.file.Files;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The P09 environment (poc.yaml): one container, SQLite on an encrypted data volume, hourly backups. */
class SqliteEnvironmentTest {

    static SynthFixture fx;

    @BeforeAll
    static void synth() {
        fx = SynthFixture.shared();
    }

    private static JsonNode one(String stack, String type) {
        Map<String, JsonNode> all = resources(fx.stack(stack), type);
        assertEquals(1, all.size(), stack + ": " + type + " " + all.keySet());
        return all.values().iterator().next();
    }

    @Test
    void noDatabaseServerButTheKeyAndTheBackupsBucket() {
        assertTrue(resources(fx.stack("poc-data"), DbInstance.TF_RESOURCE_TYPE).isEmpty());
        assertTrue(resources(fx.stack("poc-data"), "aws_kms_key").size() == 1);
        assertEquals(java.util.Set.of("backups/bucket", "backups/access-logs"),
                resources(fx.stack("poc-data"), "aws_s3_bucket").keySet(), "the backups bucket and its access logs");
        assertTrue(resources(fx.stack("poc-app"), CloudwatchMetricAlarm.TF_RESOURCE_TYPE).keySet().stream()
                .noneMatch(k -> k.contains("db-")), "no RDS alarms");
        assertTrue(resources(fx.stack("poc-app"), VpcSecurityGroupEgressRule.TF_RESOURCE_TYPE).values().stream()
                .noneMatch(r -> r.path("from_port").asInt() == 5432), "no PostgreSQL egress");
        String policy = one("poc-app", IamRolePolicy.TF_RESOURCE_TYPE).path("policy").asText();
        assertFalse(policy.contains("rds:") || policy.contains("secretsmanager:"), policy);
    }

    @Test
    void theDataVolumeIsEncryptedWithTheDataKeyAndAttachedToTheHost() {
        JsonNode volume = one("poc-app", EbsVolume.TF_RESOURCE_TYPE);
        assertTrue(volume.path("encrypted").asBoolean());
        assertTrue(volume.path("kms_key_id").asText().contains("aws_kms_key"), volume.toString());
        assertEquals("gp3", volume.path("type").asText());
        assertEquals(20, volume.path("size").asInt());
        JsonNode host = one("poc-app", Instance.TF_RESOURCE_TYPE);
        String hostRef = "${aws_instance." + host.at("/~1~1/metadata/uniqueId").asText();
        assertTrue(volume.path("availability_zone").asText().startsWith(hostRef), "same AZ as the host");
        JsonNode attachment = one("poc-app", VolumeAttachment.TF_RESOURCE_TYPE);
        assertTrue(attachment.path("instance_id").asText().startsWith(hostRef));
        assertEquals("/dev/sdf", attachment.path("device_name").asText());
    }

    @Test
    void hostsMountTheVolumeAndBackUpHourlyWithSqlite3() throws Exception {
        String cloudInit = Files.readString(fx.out.resolve("config/poc/cloud-init.yaml"));
        assertTrue(cloudInit.indexOf("/opt/opsstack/bin/mount-data.sh") < cloudInit.indexOf("dnf install -y docker"),
                "the volume is mounted before Docker starts");
        assertTrue(cloudInit.contains("dnf install -y sqlite"));
        assertTrue(Files.readString(fx.out.resolve("config/poc/systemd/opsstack-backup.timer")).contains(
                "OnCalendar=hourly"), "RPO 1 h");
        String backup = Files.readString(fx.out.resolve("config/poc/bin/backup.sh"));
        assertTrue(backup.contains("sqlite3 \"/data/app.db\" \".backup '$copy'\"") && backup.contains("integrity_check"),
                backup);
        assertTrue(Files.readString(fx.out.resolve("config/poc/bin/fetch-secrets.sh")).contains(
                "DATABASE_URL=sqlite:////data/app.db"));
        String compose = Files.readString(fx.out.resolve("config/poc/docker-compose.yml"));
        assertEquals(2, compose.split("volumes: \\[\"/data:/data\"]", -1).length - 1, "app and migrate mount /data");
        assertTrue(compose.contains("replicas: 1"));
        // Daily pg_dump stays the PostgreSQL environments' schedule.
        assertTrue(Files.readString(fx.out.resolve("config/prod/systemd/opsstack-backup.timer")).contains(
                "OnCalendar=*-*-* 01:00:00 UTC"));
    }

    @Test
    void failsOnSqliteBehindALoadBalancerOrWithSeveralReplicas() {
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(SynthFixture.HOME).parse(
                "environments/poc.yaml", "poc", "name: poc\nregion: us-east-1\ndatabase:\n  engine: sqlite\n"
                        + "app:\n  image: a/b\n  tag: \"1\"\n  mode: asg\n  replicasPerHost: 2\n"));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("engine sqlite needs app.mode: single"), e.getMessage());
        assertTrue(e.getMessage().contains("engine sqlite needs app.replicasPerHost: 1"), e.getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> new ConfigLoader(SynthFixture.HOME).parse(
                "environments/poc.yaml", "poc", "name: poc\nregion: us-east-1\ndatabase:\n  engine: mysql\n"))
                .getMessage().contains("\"mysql\" is not an engine opsstack provisions"));
    }

    @Test
    void locallySqliteLivesOnANamedVolumeAndThereIsNoDatabaseContainer() throws Exception {
        java.nio.file.Path home = SynthFixture.copyOfProject(Map.of());
        java.nio.file.Path local = home.resolve("environments/local.yaml");
        Files.writeString(local, Files.readString(local).replace("replicasPerHost: 2 ", "replicasPerHost: 1 ")
                + "\ndatabase:\n  engine: sqlite\n");
        java.nio.file.Path out = home.resolve("out");
        new io.opsstack.synth.Synthesizer(home).synth(new ConfigLoader(home).load(java.util.List.of("local")), out);
        JsonNode stack = SynthFixture.read(out.resolve("stacks/local/cdk.tf.json"));
        JsonNode containers = stack.path("resource").path("docker_container");
        assertTrue(containers.path("db").isMissingNode(), "no PostgreSQL container");
        assertEquals("DATABASE_URL=sqlite:////data/app.db", containers.at("/app-1/env/0").asText());
        assertEquals("/data", containers.at("/migrate/volumes/0/container_path").asText());
        assertEquals(containers.at("/migrate/volumes/0/volume_name").asText(),
                containers.at("/app-1/volumes/0/volume_name").asText(), "migrate and app share the file");
        assertTrue(stack.toString().contains("\"name\":\"opsstack-sqlite-data\""));

        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(SynthFixture.HOME).parse(
                "environments/local.yaml", "local", "name: local\ndatabase:\n  engine: sqlite\n  multiAz: true\n"));
        assertTrue(e.getMessage().contains("database.multiAz: the local environment takes only database.engine"),
                e.getMessage());
    }
}
