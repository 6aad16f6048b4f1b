package io.opsstack.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docs/configuration.md documents every key the loader binds, with the default the loader really applies. */
class ConfigurationDocsTest {

    static final Path HOME = ConfigLoaderTest.HOME;
    static final Pattern ROW = Pattern.compile("^\\| `([a-zA-Z0-9.\\[\\]]+)` \\| [^|]+ \\| ([^|]+) \\|", Pattern.MULTILINE);
    static Map<String, String> documentedDefaults;

    @BeforeAll
    static void readDocs() throws Exception {
        String docs = Files.readString(HOME.resolve("docs/configuration.md"));
        documentedDefaults = new LinkedHashMap<>();
        // Only the key tables (header "| key | type | default | checks |"), not the explanatory ones.
        for (String block : docs.split("\n\n")) {
            if (!block.startsWith("| key | type | default | checks |")) {
                continue;
            }
            Matcher m = ROW.matcher(block);
            while (m.find()) {
                documentedDefaults.put(m.group(1), m.group(2).strip());
            }
        }
        assertTrue(documentedDefaults.size() > 10, "found only " + documentedDefaults.keySet());
    }

    @Test
    void everyKeyTheLoaderBindsIsDocumented() throws Exception {
        ConfigLoader loader = new ConfigLoader(HOME);
        loader.load(List.of());
        loader.parse("environments/local.yaml", "local", "name: local\ndocker:\n  host: unix:///x.sock\n");
        loader.parse("environments/w.yaml", "w", "name: w\nregion: us-east-1\napp:\n  image: a/b\n  tag: \"1\"\n"
                + "frontend:\n  kind: server\n  image: a/w\n  tag: \"1\"\n");
        loader.parse("environments/x.yaml", "x", "name: x\nregion: us-east-1\n"
                + "app:\n  image: ghcr.io/acme/app\n  tag: \"1\"\n  certificateArn: null\n  ami: null\n"
                + "dns:\n  zoneId: Z1\n  name: a.example.com\n");
        loader.parse("environments/x.yaml", "x", "name: x\nregion: us-east-1\napp:\n  image: a/b\n  tag: \"1\"\n"
                + "  mode: asg\ndr:\n  region: us-west-2\n  vpcCidr: 10.9.0.0/16\n  state:\n    bucket: b-usw2\n"
                + "    lockTable: locks\n");
        loader.parse("environments/prod.yaml", "prod", "name: prod\nregion: us-east-1\ndatabase:\n  multiAz: false\n"
                + "suppressions:\n  - {rule: OPS-RDS-005, resource: prod-data/database, reason: \"single-AZ pilot\"}\n");
        List<String> missing = new ArrayList<>();
        for (String path : loader.knownPaths()) {
            if (!documentedDefaults.containsKey(path)) {
                missing.add(path);
            }
        }
        assertEquals(List.of(), missing, "keys bound by the loader but not in docs/configuration.md");
        for (String documented : documentedDefaults.keySet()) {
            assertTrue(loader.knownPaths().contains(documented), "docs describe a key the loader does not bind: "
                    + documented);
        }
    }

    @Test
    void documentedDefaultsAreTheOnesApplied() throws Exception {
        EnvironmentConfig env = new ConfigLoader(HOME).parse("environments/x.yaml", "x",
                "name: x\nregion: eu-west-1\nstate:\n  bucket: b-tfstate\n  lockTable: locks\n");
        Map<String, String> applied = Map.of(
                "network.cidr", "`" + env.network().cidr() + "`",
                "network.azCount", "`" + env.network().azCount() + "`",
                "network.nat", "`" + env.network().nat().yamlName() + "`",
                "network.flowLogs.retentionDays", "`" + env.network().flowLogs().retentionDays() + "`",
                "state.keyPrefix", "`" + env.state().orElseThrow().keyPrefix() + "`");
        applied.forEach((key, value) -> assertEquals(value, documentedDefaults.get(key), "default of " + key));
        DatabaseConfig db = env.database();
        Map<String, String> database = new java.util.TreeMap<>(Map.ofEntries(
                Map.entry("database.engineVersion", db.engineVersion()),
                Map.entry("database.instanceClass", db.instanceClass()),
                Map.entry("database.allocatedStorageGb", String.valueOf(db.allocatedStorageGb())),
                Map.entry("database.multiAz", String.valueOf(db.multiAz())),
                Map.entry("database.backupRetentionDays", String.valueOf(db.backupRetentionDays())),
                Map.entry("database.backupWindow", db.backupWindow()),
                Map.entry("database.maintenanceWindow", db.maintenanceWindow()),
                Map.entry("database.deletionProtection", String.valueOf(db.deletionProtection())),
                Map.entry("database.skipFinalSnapshot", String.valueOf(db.skipFinalSnapshot())),
                Map.entry("database.performanceInsights", String.valueOf(db.performanceInsights())),
                Map.entry("database.monitoringIntervalSeconds", String.valueOf(db.monitoringIntervalSeconds())),
                Map.entry("database.slowQueryMs", String.valueOf(db.slowQueryMs())),
                Map.entry("database.logRetentionDays", String.valueOf(db.logRetentionDays())),
                Map.entry("database.databaseName", db.databaseName()),
                Map.entry("database.masterUsername", db.masterUsername()),
                Map.entry("backups.glacierAfterDays", String.valueOf(env.backups().glacierAfterDays())),
                Map.entry("backups.expireNoncurrentAfterDays",
                        String.valueOf(env.backups().expireNoncurrentAfterDays()))));
        database.forEach((key, value) -> assertEquals("`" + value + "`", documentedDefaults.get(key),
                "default of " + key));
        assertEquals(100, db.maxAllocatedStorageGb(), "documented: 5 x allocatedStorageGb");
        assertTrue(db.restoreFromSnapshot().isEmpty());

        var app = new ConfigLoader(HOME).parse("environments/x.yaml", "x", "name: x\nregion: eu-west-1\n"
                + "app:\n  image: ghcr.io/acme/app\n  tag: \"1\"\n").app().orElseThrow();
        var monitoring = env.monitoring();
        Map<String, String> more = new java.util.TreeMap<>(Map.ofEntries(
                Map.entry("app.mode", app.mode().yamlName()),
                Map.entry("app.instanceType", app.instanceType()),
                Map.entry("app.minSize", String.valueOf(app.minSize())),
                Map.entry("app.maxSize", String.valueOf(app.maxSize())),
                Map.entry("app.desiredCapacity", String.valueOf(app.desiredCapacity())),
                Map.entry("app.replicasPerHost", String.valueOf(app.replicasPerHost())),
                Map.entry("app.resources.cpus", app.cpus()),
                Map.entry("app.resources.memoryMb", String.valueOf(app.memoryMb())),
                Map.entry("app.rootVolumeGb", String.valueOf(app.rootVolumeGb())),
                Map.entry("app.allowedCidrs", "[" + String.join(", ", app.allowedCidrs()) + "]"),
                Map.entry("app.sshCidrs", "[" + String.join(", ", app.sshCidrs()) + "]"),
                Map.entry("app.containersUseInstanceRole", String.valueOf(app.containersUseInstanceRole())),
                Map.entry("monitoring.adminCidrs", "[" + String.join(", ", monitoring.adminCidrs()) + "]"),
                Map.entry("monitoring.prometheusRetention", monitoring.prometheusRetention()),
                Map.entry("monitoring.scrapeIntervalSeconds", String.valueOf(monitoring.scrapeIntervalSeconds())),
                Map.entry("monitoring.slo.latencyP95Seconds", monitoring.slo().latencyP95Seconds().toPlainString()),
                Map.entry("monitoring.slo.errorRatePercent", monitoring.slo().errorRatePercent().toPlainString()),
                Map.entry("monitoring.slo.memoryPercent", String.valueOf(monitoring.slo().memoryPercent())),
                Map.entry("monitoring.slo.cpuPercent", String.valueOf(monitoring.slo().cpuPercent())),
                Map.entry("monitoring.slo.diskPercent", String.valueOf(monitoring.slo().diskPercent())),
                Map.entry("app.logRetentionDays", String.valueOf(app.logRetentionDays())),
                Map.entry("alerts.emails", "[" + String.join(", ", env.alerts().emails()) + "]"),
                Map.entry("alerts.dbConnections", String.valueOf(env.alerts().dbConnections()))));
        more.forEach((key, value) -> assertEquals("`" + value + "`", documentedDefaults.get(key), "default of " + key));
        assertEquals(monitoring.scrapeIntervalSeconds(), monitoring.evaluationIntervalSeconds());
        assertTrue(documentedDefaults.get("network.availabilityZones").startsWith("`[]`"));
        assertEquals("the environment's `region`", documentedDefaults.get("state.region"));
        assertEquals("eu-west-1", env.state().orElseThrow().region());
        assertEquals("`" + env.state().orElseThrow().lockfile() + "`", documentedDefaults.get("state.lockfile"));
        assertTrue(documentedDefaults.get("state.lockTable").startsWith("absent"));
        for (String required : List.of("name", "region", "state.bucket")) {
            assertEquals("required", documentedDefaults.get(required), required);
        }
    }
}
