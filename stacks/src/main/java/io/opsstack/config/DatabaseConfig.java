package io.opsstack.config;

import java.util.Optional;

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
}
