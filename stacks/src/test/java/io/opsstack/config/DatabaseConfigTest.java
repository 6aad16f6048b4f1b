package io.opsstack.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The database, backups and suppressions sections: checks and the production rules. */
class DatabaseConfigTest {

    private static List<String> problems(String env, String yaml) {
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(ConfigLoaderTest.HOME)
                .parse("environments/" + env + ".yaml", env, yaml), "expected problems for:\n" + yaml);
        return e.problems().stream().map(ConfigProblem::format).toList();
    }

    private static EnvironmentConfig load(String env, String yaml) throws ConfigException {
        return new ConfigLoader(ConfigLoaderTest.HOME).parse("environments/" + env + ".yaml", env, yaml);
    }

    private static final String DEV = "name: dev\nregion: us-east-1\n";
    private static final String PROD = "name: prod\nregion: us-east-1\n";
    private static final String SAFE_PROD_DB = "database:\n  multiAz: true\n";

    @Test
    void failsOnMalformedEngineClassAndStorage() {
        List<String> p = problems("dev", DEV + "database:\n  engineVersion: \"9.6\"\n  instanceClass: m6g.large\n"
                + "  allocatedStorageGb: 10\n  maxAllocatedStorageGb: 70000\n");
        assertEquals(4, p.size(), String.join("\n", p));
        assertTrue(p.get(0).startsWith("environments/dev.yaml:4:18: database.engineVersion: \"9.6\" is not a"
                + " PostgreSQL version opsstack supports"), p.get(0));
        assertTrue(p.get(1).startsWith("environments/dev.yaml:5:18: database.instanceClass: \"m6g.large\" is not an"
                + " RDS instance class"), p.get(1));
        assertEquals("environments/dev.yaml:6:23: database.allocatedStorageGb: 10 is outside 20..65536 (gp3 limits)",
                p.get(2));
        assertEquals("environments/dev.yaml:7:26: database.maxAllocatedStorageGb: 70000 is over 65536 (gp3 limit)",
                p.get(3));
    }

    @Test
    void failsWhenTheAutoscalingCeilingIsBelowTheInitialSize() {
        assertEquals(List.of("environments/dev.yaml:5:26: database.maxAllocatedStorageGb: 100 is less than"
                        + " allocatedStorageGb (200); the autoscaling ceiling must be at least the initial size"),
                problems("dev", DEV + "database:\n  allocatedStorageGb: 200\n  maxAllocatedStorageGb: 100\n"));
    }

    @Test
    void failsWhenTheAutoscalingCeilingIsNotTenPercentAboveTheInitialSize() {
        // RDS: "InvalidParameterCombination: The maximum allocated storage must be increased by at least 10 percent."
        assertEquals(List.of("environments/dev.yaml:5:26: database.maxAllocatedStorageGb: the storage autoscaling"
                        + " ceiling 200 is less than 10 % above allocatedStorageGb (200), which RDS refuses"
                        + " (InvalidParameterCombination: The maximum allocated storage must be increased by at least"
                        + " 10 percent.): set maxAllocatedStorageGb to at least 220"),
                problems("dev", DEV + "database:\n  allocatedStorageGb: 200\n  maxAllocatedStorageGb: 200\n"));
        assertEquals(220, assertDoesNotThrow(() -> load("dev", DEV + "database:\n  allocatedStorageGb: 200\n"
                + "  maxAllocatedStorageGb: 220\n")).database().maxAllocatedStorageGb());
        // The default ceiling (5x, capped at 65536) is too low for the largest volumes: the fix names the key set.
        assertEquals(List.of("environments/dev.yaml:4:23: database.allocatedStorageGb: the storage autoscaling"
                        + " ceiling 65536 is less than 10 % above allocatedStorageGb (60000), which RDS refuses"
                        + " (InvalidParameterCombination: The maximum allocated storage must be increased by at least"
                        + " 10 percent.): lower allocatedStorageGb to at most 59578"),
                problems("dev", DEV + "database:\n  allocatedStorageGb: 60000\n"));
    }

    @Test
    void failsOnAPasswordVersionBelowOne() {
        assertEquals(List.of("environments/dev.yaml:4:20: database.passwordVersion: 0 is not a password version: a"
                + " whole number from 1 up; raise it by one to rotate the master password"),
                problems("dev", DEV + "database:\n  passwordVersion: 0\n"));
    }

    @Test
    void thePasswordVersionDefaultsToOneAndIsRead() throws ConfigException {
        assertEquals(1, load("dev", DEV).database().passwordVersion());
        assertEquals(4, load("dev", DEV + "database:\n  passwordVersion: 4\n").database().passwordVersion());
    }

    @Test
    void defaultCeilingIsFiveTimesTheInitialSize() throws ConfigException {
        assertEquals(1000, load("dev", DEV + "database:\n  allocatedStorageGb: 200\n").database()
                .maxAllocatedStorageGb());
        assertEquals(65536, load("dev", DEV + "database:\n  allocatedStorageGb: 20000\n").database()
                .maxAllocatedStorageGb());
    }

    @Test
    void failsOnRetentionOutsideTheRdsRange() {
        assertEquals(List.of("environments/dev.yaml:4:24: database.backupRetentionDays: 36 is outside 0..35 (the RDS"
                + " limits)"), problems("dev", DEV + "database:\n  backupRetentionDays: 36\n"));
    }

    @Test
    void failsOnMalformedShortOrOverlappingWindows() {
        assertEquals(List.of("environments/dev.yaml:4:17: database.backupWindow: \"3:00-4:00\" is not a daily UTC"
                        + " window (expected hh:mm-hh:mm, e.g. 03:00-04:00)"),
                problems("dev", DEV + "database:\n  backupWindow: 3:00-4:00\n"));
        assertEquals(List.of("environments/dev.yaml:4:17: database.backupWindow: \"03:00-03:15\" is shorter than"
                        + " the 30 minutes RDS requires"),
                problems("dev", DEV + "database:\n  backupWindow: \"03:00-03:15\"\n"));
        assertEquals(List.of("environments/dev.yaml:5:22: database.maintenanceWindow: \"sun:03:30-sun:04:30\""
                        + " overlaps the backup window \"03:00-04:00\"; move one of them"),
                problems("dev", DEV + "database:\n  backupWindow: \"03:00-04:00\"\n"
                        + "  maintenanceWindow: \"sun:03:30-sun:04:30\"\n"));
        // Wrapping past midnight (and past Sunday) is still compared correctly.
        assertEquals(1, problems("dev", DEV + "database:\n  backupWindow: \"23:30-00:30\"\n"
                + "  maintenanceWindow: \"mon:00:00-mon:01:00\"\n").size());
        assertEquals(1, problems("dev", DEV + "database:\n  backupWindow: \"00:00-00:30\"\n"
                + "  maintenanceWindow: \"sun:23:45-mon:00:15\"\n").size());
    }

    @Test
    void acceptsAdjacentWindows() throws ConfigException {
        DatabaseConfig db = load("dev", DEV + "database:\n  backupWindow: \"03:00-04:00\"\n"
                + "  maintenanceWindow: \"tue:04:00-tue:05:00\"\n").database();
        assertEquals("tue:04:00-tue:05:00", db.maintenanceWindow());
    }

    @Test
    void failsOnMonitoringIntervalAndPerformanceInsightsOnSmallClasses() {
        List<String> p = problems("dev", DEV + "database:\n  instanceClass: db.t4g.micro\n"
                + "  monitoringIntervalSeconds: 20\n");
        assertEquals(2, p.size(), String.join("\n", p));
        assertEquals("environments/dev.yaml:4:18: database.instanceClass: Performance Insights is not available on"
                + " db.t4g.micro; set performanceInsights: false or use a medium or larger class", p.get(0));
        assertTrue(p.get(1).startsWith("environments/dev.yaml:5:30: database.monitoringIntervalSeconds: 20 is not"
                + " an enhanced monitoring interval; one of 0, 1, 5, 10, 15, 30, 60"), p.get(1));
    }

    @Test
    void failsOnBadNamesAndSnapshotIdentifiers() {
        List<String> p = problems("dev", DEV + "database:\n  databaseName: 1app\n  masterUsername: rdsadmin\n"
                + "  restoreFromSnapshot: \"snap--shot\"\n");
        assertEquals(3, p.size(), String.join("\n", p));
        assertTrue(p.get(0).contains("database.databaseName: \"1app\" is not a valid database name"), p.get(0));
        assertTrue(p.get(1).contains("database.masterUsername: \"rdsadmin\" is not a valid master username"), p.get(1));
        assertTrue(p.get(2).contains("database.restoreFromSnapshot: \"snap--shot\" is not a snapshot identifier"),
                p.get(2));
    }

    @Test
    void failsOnUnknownDatabaseKeys() {
        assertEquals(List.of("environments/dev.yaml:4:3: database.multiAZ: unknown key (did you mean multiAz?)"),
                problems("dev", DEV + "database:\n  multiAZ: true\n"));
        assertEquals(List.of("environments/dev.yaml:4:3: backups.glacierDays: unknown key (did you mean"
                + " glacierAfterDays?)"), problems("dev", DEV + "backups:\n  glacierDays: 30\n"));
    }

    @Test
    void failsInProductionWithoutMultiAzDeletionProtectionOrAWeekOfBackups() {
        List<String> p = problems("prod", PROD + "database:\n  multiAz: false\n  deletionProtection: false\n"
                + "  backupRetentionDays: 3\n");
        assertEquals(List.of(
                "environments/prod.yaml:4:12: database.multiAz: multiAz: false is not allowed in production"
                        + " (OPS-RDS-005: production databases run multi-AZ); fix the value, or add a suppression"
                        + " with a reason: {rule: OPS-RDS-005, resource: prod-data/database, reason: \"...\"}",
                "environments/prod.yaml:5:23: database.deletionProtection: deletionProtection: false is not allowed"
                        + " in production (OPS-RDS-004: production databases have deletion protection); fix the"
                        + " value, or add a suppression with a reason: {rule: OPS-RDS-004, resource:"
                        + " prod-data/database, reason: \"...\"}",
                "environments/prod.yaml:6:24: database.backupRetentionDays: backupRetentionDays: 3 is not allowed"
                        + " in production (OPS-RDS-003: production databases keep automated backups for at least 7"
                        + " days); fix the value, or add a suppression with a reason: {rule: OPS-RDS-003,"
                        + " resource: prod-data/database, reason: \"...\"}"), p);
        // The same settings are fine outside production.
        assertTrue(problems("dev", DEV + "database:\n  multiAz: false\n  deletionProtection: false\n"
                + "  backupRetentionDays: 3\n  bogus: 1\n").stream().allMatch(s -> s.contains("bogus")));
    }

    @Test
    void suppressionWithAReasonAcceptsTheFinding() throws ConfigException {
        EnvironmentConfig env = load("prod", PROD + "database:\n  multiAz: false\nsuppressions:\n"
                + "  - rule: OPS-RDS-005\n    resource: prod-data/database\n"
                + "    reason: \"single-AZ until the Q3 capacity review (PLAT-42)\"\n");
        assertEquals(List.of(new Suppression("OPS-RDS-005", "prod-data/database",
                "single-AZ until the Q3 capacity review (PLAT-42)")), env.suppressions());
        assertEquals(false, env.database().multiAz());
    }

    @Test
    void failsOnSuppressionsWithoutReasonOrForUnknownRulesAndResources() {
        List<String> p = problems("prod", PROD + SAFE_PROD_DB + "suppressions:\n"
                + "  - rule: OPS-RDS-005\n    resource: prod-data/database\n"
                + "  - rule: RDS-50\n    resource: prod-data/database\n    reason: \"a reason long enough\"\n"
                + "  - rule: OPS-RDS-004\n    resource: prod-app/alb\n    reason: \"a reason long enough\"\n"
                + "  - rule: OPS-RDS-003\n    resource: prod-data/database\n    reason: ok\n");
        assertEquals(4, p.size(), String.join("\n", p));
        assertEquals("environments/prod.yaml:6:5: suppressions[0].reason: required key is missing (add e.g."
                + " `reason: \"why this is acceptable, and until when\"`)", p.get(0));
        // Any id not in the policy registry is refused here, with its place (validate runs no synth).
        assertTrue(p.get(1).startsWith("environments/prod.yaml:8:11: suppressions[1].rule: \"RDS-50\" is not a"
                + " rule id (like OPS-RDS-004; docs/rules.md lists them)"), p.get(1));
        assertEquals("environments/prod.yaml:12:15: suppressions[2].resource: \"prod-app/alb\" is not a resource"
                + " OPS-RDS-004 applies to in this environment (expected prod-data/database)", p.get(2));
        assertTrue(p.get(3).startsWith("environments/prod.yaml:16:13: suppressions[3].reason: give a real reason"),
                p.get(3));
    }

    @Test
    void failsOnBackupsLifecycleOutOfRange() {
        assertEquals(List.of("environments/dev.yaml:4:21: backups.glacierAfterDays: 0 is outside 1..3650"),
                problems("dev", DEV + "backups:\n  glacierAfterDays: 0\n"));
    }
}
