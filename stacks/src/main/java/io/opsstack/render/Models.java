package io.opsstack.render;

import java.util.List;

/**
 * One model record per template (MapStruct style): the template's {@code @ftlvariable} header names it, the model
 * computes every value, the template only prints and loops.
 */
public final class Models {

    private Models() {
    }

    /** A logging driver option. */
    public record Option(String name, String value) {
    }

    /** docker-compose.yml. */
    public record Compose(String environment, String appImage, int appReplicas, String appCpus, String appMemory,
                          String loggingDriver, List<Option> loggingOptions, String nginxImage, String nginxPorts,
                          String prometheusImage, String prometheusPorts, String prometheusRetention,
                          String grafanaImage, String grafanaPorts, String nodeExporterImage, String dataMount,
                          Frontend frontend) {
    }

    /** The frontend's Compose service(s); null when there is none. */
    public record Frontend(boolean server, String image, int port, int replicas, String healthUrl, String apiBaseUrl,
                           String staticPath) {
    }

    /** prometheus/prometheus.yml. */
    public record Prometheus(String scrapeInterval, String evaluationInterval, String environment, String region,
                             String appService, int appPort) {
    }

    /** One alerting rule. */
    public record AlertRule(String alert, String expr, String forDuration, String severity, String summary,
                            String description, String runbook) {
    }

    /** prometheus/rules/alerts.yml. */
    public record AlertRules(String group, List<AlertRule> rules) {
    }

    /** grafana/provisioning/datasources/prometheus.yml. */
    public record GrafanaDatasource(String name, String uid, String url) {
    }

    /** grafana/provisioning/dashboards/dashboards.yml. */
    public record GrafanaDashboards(String folder, String path) {
    }

    /** One time-series panel of the dashboard, on a 24-column grid. */
    public record Panel(int id, String title, String expr, String legend, String unit, int x, int y, int w, int h) {
    }

    /** grafana/dashboards/service.json. */
    public record Dashboard(String uid, String title, String datasourceUid, List<Panel> panels) {
    }

    /** nginx/nginx.conf. */
    public record Nginx(String appUpstream, String resolver, String clientMaxBodySize, int connectTimeoutSeconds,
                        int readTimeoutSeconds, String frontendUpstream, String staticRoot) {
    }

    /** bin/fetch-secrets.sh. */
    public record FetchSecrets(String environment, String region, String dbIdentifier, String dbSecretName,
                               String databaseName, String grafanaPasswordParameter, String envFile,
                               String secretsDir, boolean sqlite, String sqliteUrl, String corsOrigins) {
    }

    /** bin/backup.sh. */
    public record Backup(String environment, String region, String bucketPrefix, String pgDumpImage,
                         String envFile, boolean sqlite, String sqliteFile) {
    }

    /** systemd/*.service and *.timer. */
    public record Systemd(String directory, String composeFile, String onCalendar) {
    }

    /** bin/mount-data.sh (sqlite): format once and mount the data volume. */
    public record MountData(String mountPoint) {
    }

    /** A file cloud-init writes. */
    public record WriteFile(String path, String permissions, String content) {
    }

    /** cloud-init.yaml. */
    public record CloudInit(String environment, String composeVersion, List<WriteFile> files, List<String> commands) {
    }
}
