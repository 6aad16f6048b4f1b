package io.opsstack.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * RDS PostgreSQL of an environment (the {@code database} section). Defaults: {@link Defaults}.
 *
 * @param engineVersion             PostgreSQL version, "16.4" or "16"; the parameter group family follows its major
 * @param instanceClass             e.g. db.t4g.medium
 * @param allocatedStorageGb        initial gp3 storage
 * @param maxAllocatedStorageGb     storage autoscaling ceiling
 * @param multiAz                   a synchronous standby in another AZ
 * @param backupRetentionDays       automated backups (and point-in-time recovery) kept this long; 0 = none
 * @param backupWindow              daily UTC window for automated backups, hh:mm-hh:mm
 * @param maintenanceWindow         weekly UTC window, ddd:hh:mm-ddd:hh:mm, not overlapping the backup window
 * @param deletionProtection        the API refuses to delete the instance
 * @param skipFinalSnapshot         destroy without a final snapshot (throw-away environments only)
 * @param performanceInsights       Performance Insights, encrypted with the data key
 * @param monitoringIntervalSeconds enhanced monitoring interval; 0 = off
 * @param slowQueryMs               log_min_duration_statement; -1 = off
 * @param logRetentionDays          retention of the exported PostgreSQL and upgrade logs
 * @param databaseName              the database created in the instance
 * @param masterUsername            the master user; its password is generated and kept in Secrets Manager by RDS
 * @param restoreFromSnapshot       create the instance from this snapshot (id or ARN)
 * @param engine                    postgres (RDS) or sqlite (one file on the single host's encrypted data volume)
 * @param volumeGb                  sqlite: size of the host's data volume
 */
public record DatabaseConfig(String engineVersion, String instanceClass, int allocatedStorageGb,
                             int maxAllocatedStorageGb, boolean multiAz, int backupRetentionDays,
                             String backupWindow, String maintenanceWindow, boolean deletionProtection,
                             boolean skipFinalSnapshot, boolean performanceInsights, int monitoringIntervalSeconds,
                             int slowQueryMs, int logRetentionDays, String databaseName, String masterUsername,
                             Optional<String> restoreFromSnapshot, String engine, int volumeGb) {

    public boolean sqlite() {
        return engine.equals("sqlite");
    }

    /** The engine's major version: "16" for "16.4". */
    public String majorVersion() {
        int dot = engineVersion.indexOf('.');
        return dot < 0 ? engineVersion : engineVersion.substring(0, dot);
    }

    /** The RDS parameter group family: "postgres16". */
    public String parameterGroupFamily() {
        return "postgres" + majorVersion();
    }

    private static final Pattern ENGINE_VERSION = Pattern.compile("(1[2-7])(\\.\\d{1,2})?");
    private static final Pattern INSTANCE_CLASS = Pattern.compile("db\\.[a-z0-9]+\\.[a-z0-9]+");
    private static final Pattern DB_IDENTIFIER = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,62}");
    private static final Pattern SNAPSHOT = Pattern.compile(
            "[a-zA-Z](-?[a-zA-Z0-9])*|arn:aws[a-z-]*:rds:[a-z0-9-]+:\\d{12}:snapshot:[a-zA-Z](-?[a-zA-Z0-9]|:)*");
    private static final List<Integer> MONITORING_INTERVALS = List.of(0, 1, 5, 10, 15, 30, 60);

    /** The {@code database} section: binding and checks, the production guardrails (OPS-RDS-003/004/005) included. */
    static DatabaseConfig bind(YamlMap top, String env, List<Suppression> suppressions) {
        Optional<YamlMap> section = top.map("database");
        YamlMap d = section.orElseGet(() -> top.emptyChild("database"));
        String engine = d.string("engine", Defaults.DB_ENGINE);
        if (env.equals(ConfigLoader.LOCAL) && section.isPresent()) {
            // Locally only the engine is a choice: PostgreSQL runs in a container, SQLite on a named volume.
            for (String key : d.keys()) {
                if (!key.equals("engine")) {
                    d.report(key, "the local environment takes only database.engine (postgres or sqlite); remove it");
                }
            }
        }
        if (!engine.equals("postgres") && !engine.equals("sqlite")) {
            d.report("engine", "\"" + engine + "\" is not an engine opsstack provisions; one of postgres (RDS),"
                    + " sqlite (one file on the host's data volume)");
        }
        int volumeGb = d.integer("volumeGb", Defaults.DB_VOLUME_GB);
        if (volumeGb < 1 || volumeGb > 16384) {
            d.report("volumeGb", volumeGb + " is outside 1..16384");
        }

        String engineVersion = d.matching("engineVersion", Defaults.DB_ENGINE_VERSION, ENGINE_VERSION,
                "a PostgreSQL version opsstack supports (major 12 to 17, optionally a minor: e.g. \"16.4\"; quote it)");
        String instanceClass = d.matching("instanceClass", Defaults.DB_INSTANCE_CLASS, INSTANCE_CLASS,
                "an RDS instance class (they start with db., e.g. db.t4g.medium or db.m6g.large)");
        int allocated = d.integer("allocatedStorageGb", Defaults.DB_ALLOCATED_STORAGE_GB);
        if (allocated < 20 || allocated > 65536) {
            d.report("allocatedStorageGb", allocated + " is outside 20..65536 (gp3 limits)");
        }
        int defaultMax = Math.min(65536, Math.max(allocated, 20) * Defaults.DB_MAX_STORAGE_FACTOR);
        int max = d.integer("maxAllocatedStorageGb", defaultMax);
        if (max > 65536) {
            d.report("maxAllocatedStorageGb", max + " is over 65536 (gp3 limit)");
        } else if (max < allocated) {
            d.report("maxAllocatedStorageGb", max + " is less than allocatedStorageGb (" + allocated
                    + "); the autoscaling ceiling must be at least the initial size");
        } else if (allocated >= 20 && allocated <= 65536 && max * 10L < allocated * 11L) {
            // AWS-RDS-008: RDS refuses a ceiling less than 10 % above the allocated storage (equal included), at
            // apply time; moto accepts it. https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIOPS.Autoscaling.html
            int least = (int) ((allocated * 11L + 9) / 10);
            d.report(d.has("maxAllocatedStorageGb") ? "maxAllocatedStorageGb" : "allocatedStorageGb",
                    "the storage autoscaling ceiling " + max + " is less than 10 % above allocatedStorageGb ("
                    + allocated + "), which RDS refuses (InvalidParameterCombination: The maximum allocated storage"
                    + " must be increased by at least 10 percent.): " + (least <= 65536 ? "set maxAllocatedStorageGb"
                    + " to at least " + least : "lower allocatedStorageGb to at most 59578"));
        }
        boolean multiAz = d.bool("multiAz", Defaults.DB_MULTI_AZ);
        int retention = d.integer("backupRetentionDays", Defaults.DB_BACKUP_RETENTION_DAYS);
        if (retention < 0 || retention > 35) {
            d.report("backupRetentionDays", retention + " is outside 0..35 (the RDS limits)");
        }
        String backupWindow = d.string("backupWindow", Defaults.DB_BACKUP_WINDOW);
        Windows.Span backup = Windows.daily(backupWindow);
        if (backup == null) {
            d.report("backupWindow", "\"" + backupWindow + "\" is not a daily UTC window (expected hh:mm-hh:mm,"
                    + " e.g. 03:00-04:00)");
        } else if (backup.length() < 30) {
            d.report("backupWindow", "\"" + backupWindow + "\" is shorter than the 30 minutes RDS requires");
        }
        String maintenanceWindow = d.string("maintenanceWindow", Defaults.DB_MAINTENANCE_WINDOW);
        Windows.Span maintenance = Windows.weekly(maintenanceWindow);
        if (maintenance == null) {
            d.report("maintenanceWindow", "\"" + maintenanceWindow + "\" is not a weekly UTC window (expected"
                    + " ddd:hh:mm-ddd:hh:mm, e.g. sun:05:00-sun:06:00)");
        } else if (maintenance.length() < 30) {
            d.report("maintenanceWindow", "\"" + maintenanceWindow + "\" is shorter than the 30 minutes RDS"
                    + " requires");
        } else if (backup != null && backup.length() >= 30 && Windows.overlap(backup, maintenance)) {
            d.report("maintenanceWindow", "\"" + maintenanceWindow + "\" overlaps the backup window \""
                    + backupWindow + "\"; move one of them");
        }
        boolean deletionProtection = d.bool("deletionProtection", Defaults.DB_DELETION_PROTECTION);
        boolean skipFinalSnapshot = d.bool("skipFinalSnapshot", Defaults.DB_SKIP_FINAL_SNAPSHOT);
        boolean performanceInsights = d.bool("performanceInsights", Defaults.DB_PERFORMANCE_INSIGHTS);
        if (performanceInsights && instanceClass.matches("db\\.t[234]g?\\.(micro|small)")) {
            d.report(d.has("performanceInsights") ? "performanceInsights"
                    : "instanceClass", "Performance Insights is not available on " + instanceClass
                    + "; set performanceInsights: false or use a medium or larger class");
        }
        int monitoring = d.integer("monitoringIntervalSeconds", Defaults.DB_MONITORING_INTERVAL_SECONDS);
        if (!MONITORING_INTERVALS.contains(monitoring)) {
            d.report("monitoringIntervalSeconds", monitoring + " is not an enhanced monitoring interval; one of "
                    + MONITORING_INTERVALS.stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + " (0 = off)");
        }
        int slowQueryMs = d.integer("slowQueryMs", Defaults.DB_SLOW_QUERY_MS);
        if (slowQueryMs < -1) {
            d.report("slowQueryMs", slowQueryMs + " is not valid: milliseconds, or -1 to turn slow-query logging off");
        } else if (slowQueryMs == -1 && !engine.equals("sqlite") && !env.equals(ConfigLoader.LOCAL)
                && suppressions.stream().noneMatch(s -> s.rule().equals("OPS-RDS-009"))) {
            // OPS-RDS-009 requires slow statements in the log: refuse here what synth's policy would refuse anyway.
            d.report("slowQueryMs", "-1 turns slow-statement logging off, which OPS-RDS-009 requires (slow statements"
                    + " are the runbooks' first performance signal); set a threshold in milliseconds (e.g. 500), or add"
                    + " a suppression with a reason: {rule: OPS-RDS-009, resource: " + env + "-data/database, reason:"
                    + " \"...\"}");
        }
        int logRetention = d.integer("logRetentionDays", Defaults.DB_LOG_RETENTION_DAYS);
        ConfigLoader.checkRetention(d, "logRetentionDays", logRetention);
        String databaseName = d.matching("databaseName", Defaults.DB_DATABASE_NAME, DB_IDENTIFIER,
                "a valid database name (a letter, then up to 62 letters, digits or underscores)");
        String masterUsername = d.string("masterUsername", Defaults.DB_MASTER_USERNAME);
        if (!DB_IDENTIFIER.matcher(masterUsername).matches() || masterUsername.equalsIgnoreCase("rdsadmin")) {
            d.report("masterUsername", "\"" + masterUsername + "\" is not a valid master username (a letter, then"
                    + " up to 62 letters, digits or underscores; not rdsadmin)");
        }
        Optional<String> snapshot = Optional.ofNullable(d.matching("restoreFromSnapshot", null, SNAPSHOT,
                "a snapshot identifier or ARN (e.g. prod-postgres-2026-01-31 or"
                        + " arn:aws:rds:us-east-1:123456789012:snapshot:name)"));
        if (section.isPresent()) {
            d.finish();
        }

        if (Guardrails.isProduction(env) && !engine.equals("sqlite")) {
            requireInProduction(top, d, "multiAz", multiAz, Guardrails.RDS_MULTI_AZ, env, suppressions,
                    "multiAz: false");
            requireInProduction(top, d, "deletionProtection", deletionProtection, Guardrails.RDS_DELETION_PROTECTION,
                    env, suppressions, "deletionProtection: false");
            requireInProduction(top, d, "backupRetentionDays", retention >= 7, Guardrails.RDS_BACKUP_RETENTION, env,
                    suppressions, "backupRetentionDays: " + retention);
        } else if (!env.equals("dev") && !env.equals(ConfigLoader.LOCAL) && !engine.equals("sqlite") && retention < 7
                && Guardrails.suppression(suppressions, Guardrails.RDS_BACKUP_RETENTION, env).isEmpty()) {
            // OPS-RDS-003 holds outside dev, not only in production: refuse here what synth would refuse anyway.
            d.report(d.has("backupRetentionDays") ? "backupRetentionDays" : "engine", "backupRetentionDays: "
                    + retention + " is not allowed outside dev (" + Guardrails.RDS_BACKUP_RETENTION.id() + ": databases"
                    + " keep automated backups for at least 7 days); fix the value, or add a suppression with a"
                    + " reason: {rule: " + Guardrails.RDS_BACKUP_RETENTION.id() + ", resource: "
                    + Guardrails.RDS_BACKUP_RETENTION.resourceFor(env) + ", reason: \"...\"}");
        }
        return new DatabaseConfig(engineVersion, instanceClass, allocated, max, multiAz, retention, backupWindow,
                maintenanceWindow, deletionProtection, skipFinalSnapshot, performanceInsights, monitoring, slowQueryMs,
                logRetention, databaseName, masterUsername, snapshot, engine, volumeGb);
    }

    private static void requireInProduction(YamlMap top, YamlMap d, String key, boolean ok, Guardrails.Rule rule,
                                            String env, List<Suppression> suppressions, String setting) {
        // A value that did not bind (multiAz: yes) was already reported; its default is no second finding.
        if (ok || d.hasProblem(key) || Guardrails.suppression(suppressions, rule, env).isPresent()) {
            return;
        }
        (d.has(key) ? d : top).report(d.has(key) ? key : "database", setting + " is not allowed in production ("
                + rule.id() + ": " + rule.requirement() + "); fix the value, or add a suppression with a reason:"
                + " {rule: " + rule.id() + ", resource: " + rule.resourceFor(env) + ", reason: \"...\"}");
    }
}
