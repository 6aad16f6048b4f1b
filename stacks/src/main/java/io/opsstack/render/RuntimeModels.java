package io.opsstack.render;

import io.opsstack.config.AppConfig;
import io.opsstack.config.EnvironmentConfig;
import io.opsstack.config.MonitoringConfig;
import io.opsstack.constructs.MasterSecret;
import io.opsstack.render.Models.AlertRule;
import io.opsstack.render.Models.Option;
import io.opsstack.render.Models.Panel;

import java.util.List;

/**
 * Computes each template's model from an environment's config. Everything a reviewer might ask "where does this
 * number come from?" about is decided here, with the reason beside it.
 */
public final class RuntimeModels {

    /** Where everything lives on a host. */
    public static final String DIR = "/opt/opsstack";
    public static final String ENV_FILE = "app.env";
    public static final String SECRETS_DIR = "secrets";
    public static final int APP_PORT = 8000;
    /** docker compose v2 plugin installed by cloud-init (Amazon Linux 2023 ships Docker but not the plugin). */
    public static final String COMPOSE_VERSION = "v2.29.7";
    /** SQLite: the data volume's mount point and the database file (WAL mode is the app's choice; see runbook). */
    public static final String DATA = "/data";
    public static final String SQLITE_FILE = DATA + "/app.db";

    private final EnvironmentConfig env;
    private final AppConfig app;
    private final MonitoringConfig monitoring;

    public RuntimeModels(EnvironmentConfig env) {
        this.env = env;
        this.app = env.app().orElseThrow(() -> new IllegalArgumentException(env.name() + " has no app section"));
        this.monitoring = env.monitoring();
    }

    public Models.Compose compose() {
        return new Models.Compose(env.name(), app.imageRef(), app.replicasPerHost(), app.cpus(),
                app.memoryMb() + "M",
                // Container logs go to CloudWatch from dockerd itself (the host's role), one group per environment;
                // non-blocking so a CloudWatch hiccup never stalls the app.
                "awslogs",
                List.of(new Option("awslogs-region", env.region()),
                        new Option("awslogs-group", "/opsstack/" + env.resourcePrefix() + "/containers"),
                        new Option("tag", "{{.Name}}"),
                        new Option("mode", "non-blocking"),
                        new Option("max-buffer-size", "4m")),
                Images.NGINX, "80:80",
                // Published on the host; the security group admits only monitoring.adminCidrs to these ports.
                Images.PROMETHEUS, "9090:9090", monitoring.prometheusRetention(),
                Images.GRAFANA, env.grafanaHostPort() + ":3000",
                Images.NODE_EXPORTER,
                // SQLite: the file lives on the host's data volume, mounted at /data.
                env.database().sqlite() ? DATA + ":" + DATA : "",
                env.frontend().map(f -> new Models.Frontend(f.server(), f.imageRef(), f.port(), f.replicas(),
                        "http://localhost:" + f.port() + f.healthPath(), f.apiBaseUrl(), f.staticPath())).orElse(null));
    }

    /** Where the static frontend's files are, inside the nginx container. */
    public static final String STATIC_ROOT = "/usr/share/nginx/frontend";

    public Models.Prometheus prometheus() {
        return new Models.Prometheus(monitoring.scrapeIntervalSeconds() + "s",
                monitoring.evaluationIntervalSeconds() + "s", env.name(), env.region(), "app", APP_PORT);
    }

    public Models.AlertRules alertRules() {
        MonitoringConfig.Slo slo = monitoring.slo();
        String errorRatio = "sum(rate(http_requests_total{job=\"app\",status=~\"5..\"}[5m]))"
                + " / sum(rate(http_requests_total{job=\"app\"}[5m])) * 100";
        String p95 = "histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job=\"app\"}[5m])))";
        String fs = "fstype!~\"tmpfs|overlay|squashfs\"";
        return new Models.AlertRules("opsstack-" + env.name(), List.of(
                new AlertRule("AppDown", "up{job=\"app\"} == 0", "1m", "P0",
                        "App replica {{ $labels.instance }} is down",
                        "Prometheus cannot scrape {{ $labels.instance }}: the container is stopped, unhealthy or"
                                + " restarting.", "app-down"),
                new AlertRule("ErrorRateOverSlo", errorRatio + " > " + slo.errorRatePercent().toPlainString(), "5m",
                        "P1", "5xx ratio is over the " + slo.errorRatePercent().toPlainString() + "% SLO",
                        "More than " + slo.errorRatePercent().toPlainString() + "% of requests failed over 5 minutes.",
                        "high-error-rate"),
                new AlertRule("ErrorRateCritical", errorRatio + " > 5", "2m", "P0",
                        "5xx ratio is over 5%",
                        "Most likely a bad deploy or the database: check logs, roll back by tag if it started with"
                                + " a deploy.", "high-error-rate"),
                new AlertRule("LatencyP95OverSlo", p95 + " > " + slo.latencyP95Seconds().toPlainString(), "10m", "P1",
                        "p95 latency is over the " + slo.latencyP95Seconds().toPlainString() + " s SLO",
                        "The 95th percentile of request duration has been over the SLO for 10 minutes.",
                        "high-latency"),
                new AlertRule("LatencyP95Critical", p95 + " > 1", "5m", "P0",
                        "p95 latency is over 1 s",
                        "Requests are failing their users; check the database and host resources.", "high-latency"),
                new AlertRule("HostMemoryHigh", "(1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes)"
                        + " * 100 > " + slo.memoryPercent(), "5m", "P3",
                        "Memory use on {{ $labels.instance }} is over " + slo.memoryPercent() + "%",
                        "Look for a leak (docker stats), then add hosts or raise app.resources.memoryMb.",
                        "host-resources"),
                new AlertRule("HostCpuHigh", "100 - avg by (instance) (rate(node_cpu_seconds_total{mode=\"idle\"}[5m]))"
                        + " * 100 > " + slo.cpuPercent(), "10m", "P2",
                        "CPU use on {{ $labels.instance }} is over " + slo.cpuPercent() + "%",
                        "Scale out: raise app.desiredCapacity or app.replicasPerHost.", "host-resources"),
                new AlertRule("HostDiskHigh", "(1 - node_filesystem_avail_bytes{" + fs + "}"
                        + " / node_filesystem_size_bytes{" + fs + "}) * 100 > " + slo.diskPercent(), "10m", "P2",
                        "Disk {{ $labels.mountpoint }} on {{ $labels.instance }} is over " + slo.diskPercent() + "%",
                        "Prune old images (docker image prune -a) and check log growth; grow app.rootVolumeGb.",
                        "host-resources"),
                // The runbooks' SLO: fewer than 3 container restarts a day. A restarted app process has a new
                // start time, which is what prometheus_client exports: no cAdvisor needed.
                new AlertRule("AppRestarting", "changes(process_start_time_seconds{job=\"app\"}[1d]) >= 3", "0m",
                        "P2", "App replica {{ $labels.instance }} restarted 3 or more times today",
                        "Over the SLO of fewer than 3 restarts a day: look for crashes or OOM kills in the logs.",
                        "restarts")));
    }

    public Models.GrafanaDatasource grafanaDatasource() {
        return new Models.GrafanaDatasource("Prometheus", "prometheus", "http://prometheus:9090");
    }

    public Models.GrafanaDashboards grafanaDashboards() {
        return new Models.GrafanaDashboards("opsstack", "/var/lib/grafana/dashboards");
    }

    public Models.Dashboard dashboard() {
        String rate = "sum(rate(http_requests_total{job=\"app\"}[5m]))";
        String quantile = "histogram_quantile(%s, sum by (le) (rate(http_request_duration_seconds_bucket{job=\"app\"}[5m])))";
        return new Models.Dashboard("opsstack-" + env.name(), "opsstack " + env.name() + ": service", "prometheus",
                List.of(
                        new Panel(1, "Request rate", rate, "requests/s", "reqps", 0, 0, 12, 8),
                        new Panel(2, "5xx ratio", "sum(rate(http_requests_total{job=\"app\",status=~\"5..\"}[5m])) / "
                                + rate, "5xx share", "percentunit", 12, 0, 12, 8),
                        new Panel(3, "Latency p50", String.format(quantile, "0.5"), "p50", "s", 0, 8, 12, 8),
                        new Panel(4, "Latency p95", String.format(quantile, "0.95"), "p95", "s", 12, 8, 12, 8),
                        new Panel(5, "CPU", "100 - avg by (instance) (rate(node_cpu_seconds_total{mode=\"idle\"}[5m]))"
                                + " * 100", "{{instance}}", "percent", 0, 16, 8, 8),
                        new Panel(6, "Memory", "(1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes)"
                                + " * 100", "{{instance}}", "percent", 8, 16, 8, 8),
                        new Panel(7, "Disk", "(1 - node_filesystem_avail_bytes{mountpoint=\"/\"}"
                                + " / node_filesystem_size_bytes{mountpoint=\"/\"}) * 100", "{{instance}}", "percent",
                                16, 16, 8, 8)));
    }

    public Models.Nginx nginx() {
        // 127.0.0.11 is Docker's embedded DNS: with a variable upstream nginx re-resolves "app" as replicas come
        // and go, and nginx -t does not need the name to resolve.
        return new Models.Nginx("http://app:" + APP_PORT, "127.0.0.11", "10m", 5, 60,
                env.frontend().filter(f -> f.server()).map(f -> "http://frontend:" + f.port()).orElse(""),
                env.frontend().filter(f -> !f.server()).map(f -> STATIC_ROOT).orElse(""));
    }

    public Models.FetchSecrets fetchSecrets() {
        // The secret is the primary's (MasterSecret) in both regions: the DR hosts read its replica in theirs.
        return new Models.FetchSecrets(env.name(), env.region(), env.resourcePrefix() + "-postgres",
                MasterSecret.secretName(env.name()), env.database().databaseName(),
                "/opsstack/" + env.resourcePrefix() + "/grafana/admin-password",
                DIR + "/" + ENV_FILE, DIR + "/" + SECRETS_DIR, env.database().sqlite(), "sqlite:///" + SQLITE_FILE,
                // The browser's origin is the public URL; without a DNS name nginx serves both on one origin.
                env.frontend().isPresent() && env.dns().isPresent() ? "https://" + env.dns().get().name() : "");
    }

    public Models.Backup backup() {
        return new Models.Backup(env.name(), env.region(), "opsstack-" + env.resourcePrefix() + "-backups-",
                Images.postgresClient(env.database().majorVersion()), DIR + "/" + ENV_FILE, env.database().sqlite(),
                SQLITE_FILE);
    }

    public Models.Systemd systemd() {
        // PostgreSQL: daily at 01:00 UTC, before the RDS backup window (RDS snapshots and PITR do the rest).
        // SQLite: hourly, the runbook's RPO of 1 hour.
        return new Models.Systemd(DIR, DIR + "/docker-compose.yml",
                env.database().sqlite() ? "hourly" : "*-*-* 01:00:00 UTC");
    }

    public Models.MountData mountData() {
        return new Models.MountData(DATA);
    }
}
