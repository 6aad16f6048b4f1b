package io.opsstack.config;

/**
 * The local environment's Docker settings (the {@code docker} section; only the environment named local takes it).
 *
 * @param host           the Docker daemon
 * @param bindAddress    host address published ports bind to
 * @param nginxPort      host port of nginx (the service)
 * @param prometheusPort host port of Prometheus
 * @param grafanaPort    host port of Grafana
 */
public record DockerConfig(String host, String bindAddress, int nginxPort, int prometheusPort, int grafanaPort) {
}
