package io.opsstack.config;

import io.opsstack.net.NatMode;

import java.util.List;

/**
 * Every default of the environment file, in one place. docs/configuration.md documents each of them; the
 * loader is the only reader. Change a default here and in the docs together (a test compares them).
 */
public final class Defaults {

    /** network.cidr: the conventional VPC block; two environments that peer or fail over need distinct ones. */
    public static final String NETWORK_CIDR = "10.0.0.0/16";
    /** network.azCount: two AZs survive one AZ's outage at the lowest cost. */
    public static final int NETWORK_AZ_COUNT = 2;
    /** network.nat: one NAT gateway; prod files set per-az. */
    public static final NatMode NETWORK_NAT = NatMode.SINGLE;
    /** network.availabilityZones: empty = the first azCount zones the region reports as available. */
    public static final List<String> NETWORK_AVAILABILITY_ZONES = List.of();
    /** network.flowLogs.retentionDays: three months covers most incident investigations. */
    public static final int FLOW_LOGS_RETENTION_DAYS = 90;
    /** state.keyPrefix: state key = keyPrefix/env/stack.tfstate. */
    public static final String STATE_KEY_PREFIX = "opsstack";
    /** state.lockfile: S3 native locking (use_lockfile) needs Terraform 1.10+ and no DynamoDB table. */
    public static final boolean STATE_LOCKFILE = true;
    /** tags: none beyond the ones opsstack always sets (Name, environment, managed-by). */
    public static final java.util.Map<String, String> TAGS = java.util.Map.of();

    /** database.engineVersion: a current PostgreSQL 16 minor. */
    public static final String DB_ENGINE_VERSION = "16.4";
    /** database.instanceClass: burstable Graviton, enough for a small service; prod files set a larger class. */
    public static final String DB_INSTANCE_CLASS = "db.t4g.medium";
    /** database.allocatedStorageGb: the gp3 minimum. */
    public static final int DB_ALLOCATED_STORAGE_GB = 20;
    /** database.maxAllocatedStorageGb: when absent, this many times allocatedStorageGb (at most 65536). */
    public static final int DB_MAX_STORAGE_FACTOR = 5;
    public static final boolean DB_MULTI_AZ = false;
    /** database.backupRetentionDays: a week of point-in-time recovery. */
    public static final int DB_BACKUP_RETENTION_DAYS = 7;
    /** database.backupWindow (UTC, daily). */
    public static final String DB_BACKUP_WINDOW = "03:00-04:00";
    /** database.maintenanceWindow (UTC, weekly), after the backup window. */
    public static final String DB_MAINTENANCE_WINDOW = "sun:05:00-sun:06:00";
    /** database.deletionProtection: on unless a throw-away environment turns it off. */
    public static final boolean DB_DELETION_PROTECTION = true;
    public static final boolean DB_SKIP_FINAL_SNAPSHOT = false;
    public static final boolean DB_PERFORMANCE_INSIGHTS = true;
    public static final int DB_MONITORING_INTERVAL_SECONDS = 60;
    /** database.slowQueryMs: the runbooks' p95 SLO is 200 ms; statements over 500 ms are worth a log line. */
    public static final int DB_SLOW_QUERY_MS = 500;
    public static final int DB_LOG_RETENTION_DAYS = 30;
    public static final String DB_DATABASE_NAME = "app";
    public static final String DB_MASTER_USERNAME = "app_admin";
    /** The master password's first version; raising it rotates the password. */
    public static final int DB_PASSWORD_VERSION = 1;
    /** database.engine: RDS PostgreSQL. */
    public static final String DB_ENGINE = "postgres";
    /** database.volumeGb (sqlite): the data volume. */
    public static final int DB_VOLUME_GB = 20;
    /** backups.glacierAfterDays. */
    public static final int BACKUPS_GLACIER_AFTER_DAYS = 30;
    /** backups.expireNoncurrentAfterDays: a year of replaced or deleted backup versions. */
    public static final int BACKUPS_EXPIRE_NONCURRENT_AFTER_DAYS = 365;

    /** app.mode: one host, no load balancer. */
    public static final String APP_MODE = "single";
    public static final String APP_INSTANCE_TYPE = "t3.medium";
    /** app.minSize / maxSize / desiredCapacity (asg mode). */
    public static final int APP_MIN_SIZE = 2;
    public static final int APP_MAX_SIZE = 4;
    public static final int APP_DESIRED_CAPACITY = 2;
    /** app.replicasPerHost: two app containers per host, so one can restart while the other serves. */
    public static final int APP_REPLICAS_PER_HOST = 2;
    public static final String APP_CPUS = "1.0";
    public static final int APP_MEMORY_MB = 1024;
    public static final int APP_ROOT_VOLUME_GB = 30;
    /**
     * app.deletionProtection: on unless a throw-away environment turns it off, as database.deletionProtection.
     * Deleting the load balancer changes the DNS name clients and the DNS record point at.
     */
    public static final boolean APP_DELETION_PROTECTION = true;
    public static final java.util.List<String> APP_ALLOWED_CIDRS = java.util.List.of("0.0.0.0/0");
    public static final java.util.List<String> APP_SSH_CIDRS = java.util.List.of();
    public static final boolean APP_CONTAINERS_USE_INSTANCE_ROLE = false;
    public static final int APP_LOG_RETENTION_DAYS = 30;
    public static final java.util.List<String> ALERTS_EMAILS = java.util.List.of();
    /** alerts.dbConnections: a conservative level for db.t4g/m6g medium..large classes; raise it for bigger ones. */
    public static final int ALERTS_DB_CONNECTIONS = 100;
    /** monitoring.adminCidrs: nobody; reach Prometheus and Grafana through SSM port forwarding. */
    public static final java.util.List<String> MONITORING_ADMIN_CIDRS = java.util.List.of();
    public static final String MONITORING_PROMETHEUS_RETENTION = "15d";
    public static final int MONITORING_SCRAPE_INTERVAL_SECONDS = 15;
    /** monitoring.slo.*: the runbooks' SLO table. */
    public static final String SLO_LATENCY_P95_SECONDS = "0.2";
    public static final String SLO_ERROR_RATE_PERCENT = "1";
    public static final int SLO_MEMORY_PERCENT = 90;
    public static final int SLO_CPU_PERCENT = 80;
    public static final int SLO_DISK_PERCENT = 80;

    /** docker.*: the local environment. */
    public static final String DOCKER_HOST = "unix:///var/run/docker.sock";
    /** docker.bindAddress: published ports answer on this machine only. */
    public static final String DOCKER_BIND_ADDRESS = "127.0.0.1";
    public static final int DOCKER_NGINX_PORT = 8080;
    public static final int DOCKER_PROMETHEUS_PORT = 9090;
    public static final int DOCKER_GRAFANA_PORT = 3000;

    private Defaults() {
    }
}
