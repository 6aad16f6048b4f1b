package io.opsstack.render;

/**
 * Container images of the supporting services, pinned by tag in one place (the app's image comes from config).
 * Bump them here, in a commit of their own: the rendered configs and the review diff then show the change.
 */
public final class Images {

    public static final String NGINX = "nginx:1.27.3-alpine";
    public static final String PROMETHEUS = "prom/prometheus:v2.53.3";
    public static final String GRAFANA = "grafana/grafana:11.3.1";
    public static final String NODE_EXPORTER = "prom/node-exporter:v1.8.2";

    private Images() {
    }

    /** pg_dump must be at least the server's major version; the client image follows the engine major. */
    public static String postgresClient(String major) {
        return "postgres:" + major + "-alpine";
    }
}
