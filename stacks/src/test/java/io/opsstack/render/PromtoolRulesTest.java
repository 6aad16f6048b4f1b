package io.opsstack.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsstack.config.ConfigLoader;
import io.opsstack.config.EnvironmentConfig;
import io.opsstack.config.MonitoringConfig;
import io.opsstack.synth.SynthFixture;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code promtool test rules} over the rendered alert rules: for every alert, series that must make it fire and
 * series that must not, with values chosen from the environment's own SLO thresholds (read from config, not from
 * the rules), so a wrong expression or a wrong threshold in the rules fails here.
 */
class PromtoolRulesTest {

    /** Each alert's annotation templates, read from the rendered rules. */
    private static java.util.Map<String, java.util.Map<String, String>> annotations;

    @SuppressWarnings("unchecked")
    private static java.util.Map<String, java.util.Map<String, String>> annotationsByAlert(String rules) {
        java.util.Map<String, Object> doc = new org.yaml.snakeyaml.Yaml(new org.yaml.snakeyaml.constructor
                .SafeConstructor(new org.yaml.snakeyaml.LoaderOptions())).load(rules);
        java.util.Map<String, java.util.Map<String, String>> out = new java.util.TreeMap<>();
        for (Object group : (List<Object>) doc.get("groups")) {
            for (Object rule : (List<Object>) ((java.util.Map<String, Object>) group).get("rules")) {
                java.util.Map<String, Object> r = (java.util.Map<String, Object>) rule;
                out.put((String) r.get("alert"), (java.util.Map<String, String>) r.get("annotations"));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}: every alert fires above its threshold and stays quiet below")
    @ValueSource(strings = {"dev", "staging", "prod"})
    void everyAlertFiresWhenItShouldAndOnlyThen(String name) throws Exception {
        Tools.require("promtool", "prometheus");
        EnvironmentConfig env = new ConfigLoader(SynthFixture.HOME).load(List.of(name)).get(0);
        Path dir = Files.createTempDirectory("opsstack-promtool-");
        String rules = new Renderer(SynthFixture.HOME.resolve("templates")).render(env).get("prometheus/rules/alerts.yml");
        Files.writeString(dir.resolve("alerts.yml"), rules);
        annotations = annotationsByAlert(rules);
        Files.writeString(dir.resolve("alerts.test.yml"), testFile(env.monitoring().slo()));
        Tools.Result r = Tools.run(dir, "promtool", "test", "rules", "alerts.test.yml");
        assertEquals(0, r.exit(), name + ":\n" + r.output() + "\n--- test file:\n" + testFile(env.monitoring().slo()));
        assertTrue(r.output().contains("SUCCESS"), r.output());
    }

    /** Total requests grow 100/min; 5xx grow by errorsPerMinute/min: the 5xx share is errorsPerMinute %. */
    private static String requests(String instance, double errorsPerMinute) {
        return series("http_requests_total{job=\"app\",instance=\"" + instance + "\",status=\"2xx\"}",
                "0+" + (100 - errorsPerMinute) + "x20")
                + series("http_requests_total{job=\"app\",instance=\"" + instance + "\",status=\"5xx\"}",
                "0+" + errorsPerMinute + "x20");
    }

    /** Histogram where every request of the instance takes {@code seconds} (all in the first bucket >= it). */
    private static String latency(String instance, double seconds) {
        StringBuilder out = new StringBuilder();
        for (String le : List.of("0.1", "0.25", "0.5", "1", "2.5", "+Inf")) {
            boolean inBucket = le.equals("+Inf") || Double.parseDouble(le) >= seconds;
            out.append(series("http_request_duration_seconds_bucket{job=\"app\",instance=\"" + instance
                    + "\",le=\"" + le + "\"}", inBucket ? "0+100x20" : "0+0x20"));
        }
        return out.toString();
    }

    private static String series(String name, String values) {
        return "      - series: '" + name + "'\n        values: '" + values + "'\n";
    }

    private static String alert(String name, String at, String expectations) {
        return "      - eval_time: " + at + "\n        alertname: " + name + "\n        exp_alerts:" + expectations + "\n";
    }

    /**
     * One expected alert: its severity, extra labels ("k: v" pairs), and its annotations with every
     * {{ $labels.k }} replaced by the expected label value (so promtool checks the templates expand).
     */
    private static String firing(String alert, String severity, String... labels) {
        StringBuilder exp = new StringBuilder("\n          - exp_labels: {severity: " + severity);
        java.util.Map<String, String> values = new java.util.TreeMap<>();
        for (String l : labels) {
            String[] kv = l.split(": ", 2);
            values.put(kv[0], kv[1]);
            exp.append(", ").append(kv[0]).append(": '").append(kv[1]).append("'");
        }
        exp.append("}\n            exp_annotations:");
        annotations.get(alert).forEach((k, v) -> {
            String text = v;
            for (java.util.Map.Entry<String, String> e : values.entrySet()) {
                text = text.replace("{{ $labels." + e.getKey() + " }}", e.getValue());
            }
            exp.append("\n              ").append(k).append(": \"").append(text.replace("\\", "\\\\")
                    .replace("\"", "\\\"")).append("\"");
        });
        return exp.toString();
    }

    static String testFile(MonitoringConfig.Slo slo) {
        double errorSlo = slo.errorRatePercent().doubleValue();
        double latencySlo = slo.latencyP95Seconds().doubleValue();
        // Latencies in distinct histogram buckets: just over the SLO, and well under it.
        double slow = slo.latencyP95Seconds().compareTo(new BigDecimal("0.25")) < 0 ? 0.25 : 2.5;
        double fast = 0.1;
        StringBuilder t = new StringBuilder("rule_files: [alerts.yml]\nevaluation_interval: 1m\ntests:\n");

        // Error rate: "hot" at 3x the SLO (but under 5 %, so only the P1 fires, when the SLO allows), "cold" at
        // half of it, "burning" at 10 %.
        double hot = Math.min(errorSlo * 3, 4.5);
        t.append("  - interval: 1m\n    input_series:\n")
                .append(requests("hot:8000", hot)).append(requests("cold:8000", errorSlo / 2));
        t.append("    alert_rule_test:\n");
        // Sums over instances: hot and cold together are (hot + errorSlo/2) / 2 %.
        double combined = (hot + errorSlo / 2) / 2;
        t.append(alert("ErrorRateOverSlo", "15m", combined > errorSlo ? firing("ErrorRateOverSlo", "P1") : " []"));
        t.append(alert("ErrorRateCritical", "15m", " []"));
        t.append("  - interval: 1m\n    input_series:\n").append(requests("burning:8000", 10));
        t.append("    alert_rule_test:\n");
        t.append(alert("ErrorRateOverSlo", "15m", firing("ErrorRateOverSlo", "P1")));
        t.append(alert("ErrorRateCritical", "15m", firing("ErrorRateCritical", "P0")));
        t.append(alert("ErrorRateCritical", "1m", " []"));

        // Latency: every request at `slow` fires the SLO alert (and the critical one only if slow > 1 s).
        t.append("  - interval: 1m\n    input_series:\n").append(latency("a:8000", slow));
        t.append("    alert_rule_test:\n");
        t.append(alert("LatencyP95OverSlo", "15m", slow > latencySlo ? firing("LatencyP95OverSlo", "P1") : " []"));
        t.append(alert("LatencyP95Critical", "15m", slow > 1 ? firing("LatencyP95Critical", "P0") : " []"));
        t.append("  - interval: 1m\n    input_series:\n").append(latency("b:8000", fast));
        t.append("    alert_rule_test:\n");
        t.append(alert("LatencyP95OverSlo", "15m", fast > latencySlo ? firing("LatencyP95OverSlo", "P1") : " []"));

        // App down: one replica's scrape fails for 2 minutes; the other stays up.
        t.append("  - interval: 1m\n    input_series:\n")
                .append(series("up{job=\"app\",instance=\"10.0.0.5:8000\"}", "1 1 0 0 0 0"))
                .append(series("up{job=\"app\",instance=\"10.0.0.6:8000\"}", "1 1 1 1 1 1"));
        t.append("    alert_rule_test:\n");
        t.append(alert("AppDown", "5m", firing("AppDown", "P0", "job: app", "instance: 10.0.0.5:8000")));
        t.append(alert("AppDown", "2m", " []"));

        // Host resources: one host over each threshold, one comfortably under.
        int mem = slo.memoryPercent();
        int cpu = slo.cpuPercent();
        int disk = slo.diskPercent();
        t.append("  - interval: 1m\n    input_series:\n")
                .append(series("node_memory_MemTotal_bytes{instance=\"busy\"}", "100x20"))
                .append(series("node_memory_MemAvailable_bytes{instance=\"busy\"}", (100 - mem - 5) + "x20"))
                .append(series("node_memory_MemTotal_bytes{instance=\"idle\"}", "100x20"))
                .append(series("node_memory_MemAvailable_bytes{instance=\"idle\"}", (100 - mem + 20) + "x20"))
                // idle CPU seconds per second: (100 - cpu - 5) % idle on busy, 90 % idle on idle.
                .append(series("node_cpu_seconds_total{instance=\"busy\",cpu=\"0\",mode=\"idle\"}",
                        "0+" + (60 * (100 - cpu - 5) / 100.0) + "x20"))
                .append(series("node_cpu_seconds_total{instance=\"idle\",cpu=\"0\",mode=\"idle\"}", "0+54x20"))
                .append(series("node_filesystem_size_bytes{instance=\"busy\",mountpoint=\"/\",fstype=\"xfs\"}",
                        "100x20"))
                .append(series("node_filesystem_avail_bytes{instance=\"busy\",mountpoint=\"/\",fstype=\"xfs\"}",
                        (100 - disk - 5) + "x20"))
                .append(series("node_filesystem_size_bytes{instance=\"idle\",mountpoint=\"/\",fstype=\"xfs\"}",
                        "100x20"))
                .append(series("node_filesystem_avail_bytes{instance=\"idle\",mountpoint=\"/\",fstype=\"xfs\"}",
                        "50x20"))
                // tmpfs full is not a disk alert.
                .append(series("node_filesystem_size_bytes{instance=\"idle\",mountpoint=\"/run\",fstype=\"tmpfs\"}",
                        "100x20"))
                .append(series("node_filesystem_avail_bytes{instance=\"idle\",mountpoint=\"/run\",fstype=\"tmpfs\"}",
                        "1x20"));
        t.append("    alert_rule_test:\n");
        t.append(alert("HostMemoryHigh", "15m", firing("HostMemoryHigh", "P3", "instance: busy")));
        t.append(alert("HostCpuHigh", "15m", firing("HostCpuHigh", "P2", "instance: busy")));
        t.append(alert("HostDiskHigh", "15m", firing("HostDiskHigh", "P2", "instance: busy", "mountpoint: /", "fstype: xfs")));

        // Restarts: a new process start time three times within a day on one replica.
        t.append("  - interval: 1h\n    input_series:\n")
                .append(series("process_start_time_seconds{job=\"app\",instance=\"flappy\"}", "1 1 3600 7200 10800 10800"))
                .append(series("process_start_time_seconds{job=\"app\",instance=\"steady\"}", "1 1 1 1 1 1"));
        t.append("    alert_rule_test:\n");
        t.append(alert("AppRestarting", "5h", firing("AppRestarting", "P2", "job: app", "instance: flappy")));
        t.append(alert("AppRestarting", "2h", " []"));
        return t.toString();
    }
}
