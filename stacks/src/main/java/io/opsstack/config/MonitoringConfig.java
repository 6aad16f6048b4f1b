package io.opsstack.config;

import java.math.BigDecimal;
import java.util.List;

/**
 * Prometheus, Grafana and the alert thresholds (the {@code monitoring} section).
 *
 * @param adminCidrs                who may reach Prometheus (9090) and Grafana (3000) on the hosts
 * @param prometheusRetention       Prometheus TSDB retention, a Prometheus duration such as 15d
 * @param scrapeIntervalSeconds     how often Prometheus scrapes
 * @param evaluationIntervalSeconds how often it evaluates alert rules
 * @param slo                       the runbooks' SLOs, which set the alert thresholds
 */
public record MonitoringConfig(List<String> adminCidrs, String prometheusRetention, int scrapeIntervalSeconds,
                               int evaluationIntervalSeconds, Slo slo) {

    public MonitoringConfig {
        adminCidrs = List.copyOf(adminCidrs);
    }

    /**
     * @param latencyP95Seconds p95 latency objective (runbooks: 200 ms)
     * @param errorRatePercent  share of 5xx responses allowed (runbooks: 1 %)
     * @param memoryPercent     host memory use that pages (runbooks: 90 %)
     * @param cpuPercent        host CPU use that pages
     * @param diskPercent       host disk use that pages (runbooks: 80 %)
     */
    public record Slo(BigDecimal latencyP95Seconds, BigDecimal errorRatePercent, int memoryPercent, int cpuPercent,
                      int diskPercent) {
    }
}
