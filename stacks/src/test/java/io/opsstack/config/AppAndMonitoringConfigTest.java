package io.opsstack.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The app and monitoring sections. */
class AppAndMonitoringConfigTest {

    private static final String DEV = "name: dev\nregion: us-east-1\n";
    private static final String APP = "app:\n  image: ghcr.io/acme/fastapi-app\n  tag: \"1.4.2\"\n";

    private static List<String> problems(String env, String yaml) {
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(ConfigLoaderTest.HOME)
                .parse("environments/" + env + ".yaml", env, yaml), "expected problems for:\n" + yaml);
        return e.problems().stream().map(ConfigProblem::format).toList();
    }

    private static EnvironmentConfig load(String yaml) throws ConfigException {
        return new ConfigLoader(ConfigLoaderTest.HOME).parse("environments/dev.yaml", "dev", yaml);
    }

    @Test
    void appIsOptionalButImageAndTagAreRequiredWhenPresent() throws ConfigException {
        assertTrue(load(DEV).app().isEmpty());
        assertEquals(List.of(
                "environments/dev.yaml:4:3: app.image: required key is missing (add e.g. `image:"
                        + " ghcr.io/acme/fastapi-app`)",
                "environments/dev.yaml:4:3: app.tag: required key is missing (add e.g. `tag: \"1.4.2\"`)"),
                problems("dev", DEV + "app:\n  mode: single\n"));
    }

    @Test
    void failsOnACertificateOfAnotherRegion() throws ConfigException {
        // ACM certificates are regional; AWS answers CertificateNotFound when the listener is created.
        assertEquals(List.of("environments/dev.yaml:6:19: app.certificateArn: the certificate is in eu-west-1; the load"
                        + " balancer in us-east-1 can only use an ACM certificate of us-east-1 (request or import one"
                        + " there)"),
                problems("dev", DEV + APP + "  certificateArn: arn:aws:acm:eu-west-1:123456789012:certificate/0a1b\n"));
        assertTrue(load(DEV + APP + "  certificateArn: arn:aws:acm:us-east-1:123456789012:certificate/0a1b\n").app()
                .orElseThrow().certificateArn().isPresent());
    }

    @Test
    void failsOnTheLatestTagBecauseRollbackNeedsImmutableTags() {
        List<String> p = problems("dev", DEV + "app:\n  image: ghcr.io/acme/fastapi-app\n  tag: latest\n");
        assertEquals(1, p.size());
        assertTrue(p.get(0).startsWith("environments/dev.yaml:5:8: app.tag: \"latest\" is not allowed: rolling back"),
                p.get(0));
    }

    @Test
    void failsOnSizesThatAutoScalingWouldRefuse() {
        assertEquals(List.of("environments/dev.yaml:6:12: app.minSize: minSize 5 is greater than maxSize 3"),
                problems("dev", DEV + APP + "  minSize: 5\n  maxSize: 3\n  desiredCapacity: 4\n"));
        assertEquals(List.of("environments/dev.yaml:8:20: app.desiredCapacity: desiredCapacity 9 is outside"
                        + " [minSize, maxSize] = [1, 3]"),
                problems("dev", DEV + APP + "  minSize: 1\n  maxSize: 3\n  desiredCapacity: 9\n"));
    }

    @Test
    void failsOnSshOpenToTheWorldUnlessSuppressedAsSynthWould() throws ConfigException {
        String prod = "name: prod\nregion: us-east-1\ndatabase:\n  multiAz: true\n" + APP + "  sshCidrs: [0.0.0.0/0]\n";
        List<String> p = problems("prod", prod);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("environments/prod.yaml:8:13: app.sshCidrs: SSH open to the world (0.0.0.0/0)"
                + " is not allowed in production (OPS-SG-002)"), p.get(0));
        // OPS-SG-002 fails synth in every environment, so validate refuses it everywhere too.
        p = problems("dev", DEV + APP + "  sshCidrs: [0.0.0.0/0]\n");
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).contains("app.sshCidrs: SSH open to the world (0.0.0.0/0) is not allowed (OPS-SG-002)"),
                p.get(0));
        assertEquals(List.of("0.0.0.0/0"), load(DEV + APP + "  sshCidrs: [0.0.0.0/0]\nsuppressions:\n"
                + "  - {rule: OPS-SG-002, resource: dev-app, reason: \"lab host, torn down nightly\"}\n").app()
                .orElseThrow().sshCidrs());
    }

    @Test
    void failsOnBadModeResourcesAndCidrs() {
        List<String> p = problems("dev", DEV + APP + "  mode: asgg\n  resources: {cpus: 1.0.0, memoryMb: 16}\n"
                + "  allowedCidrs: [10.0.0.1/8]\n");
        assertEquals(4, p.size(), String.join("\n", p));
        assertTrue(p.get(0).contains("app.mode: \"asgg\" is not an app mode (did you mean asg?)"), p.get(0));
        assertTrue(p.get(1).contains("app.resources.cpus: \"1.0.0\" is not a CPU limit"), p.get(1));
        assertTrue(p.get(2).contains("app.resources.memoryMb: 16 is outside 64..262144"), p.get(2));
        assertTrue(p.get(3).contains("app.allowedCidrs[0]: \"10.0.0.1/8\" has host bits set (did you mean"
                + " 10.0.0.0/8?)"), p.get(3));
    }

    @Test
    void monitoringDefaultsComeFromTheRunbooksSloTable() throws ConfigException {
        MonitoringConfig m = load(DEV).monitoring();
        assertEquals(new BigDecimal("0.2"), m.slo().latencyP95Seconds());
        assertEquals(new BigDecimal("1"), m.slo().errorRatePercent());
        assertEquals(90, m.slo().memoryPercent());
        assertEquals(80, m.slo().diskPercent());
        assertEquals(List.of(), m.adminCidrs());
        assertEquals(30, load(DEV + "monitoring:\n  scrapeIntervalSeconds: 30\n").monitoring()
                .evaluationIntervalSeconds(), "evaluation follows scrape by default");
    }

    @Test
    void failsOnMonitoringOpenToTheWorldAndMalformedValues() {
        List<String> p = problems("dev", DEV + "monitoring:\n  adminCidrs: [0.0.0.0/0]\n  prometheusRetention: 15 days\n"
                + "  slo:\n    latencyP95Seconds: fast\n    errorRatePercent: 7\n    cpuPercent: 100\n");
        assertEquals(5, p.size(), String.join("\n", p));
        assertTrue(p.get(0).contains("monitoring.adminCidrs: Prometheus and Grafana must not be open to the world"),
                p.get(0));
        assertTrue(p.get(1).contains("monitoring.prometheusRetention: \"15 days\" is not a Prometheus retention"),
                p.get(1));
        assertTrue(p.get(2).contains("monitoring.slo.latencyP95Seconds: expected a plain decimal number, found"
                + " \"fast\""), p.get(2));
        assertTrue(p.get(3).contains("monitoring.slo.errorRatePercent: 7 is outside (0, 5)"), p.get(3));
        assertTrue(p.get(4).contains("monitoring.slo.cpuPercent: 100 is outside 1..99"), p.get(4));
    }

    @Test
    void failsOnBadAlertEmailsAndIncompleteDns() throws ConfigException {
        List<String> p = problems("dev", DEV + "alerts:\n  emails: [oncall]\ndns:\n  zoneId: zone-1\n");
        assertEquals(3, p.size(), String.join("\n", p));
        assertEquals("environments/dev.yaml:4:12: alerts.emails[0]: \"oncall\" is not an email address", p.get(0));
        assertEquals("environments/dev.yaml:6:3: dns.name: required key is missing (add e.g. `name: app.example.com`)",
                p.get(1));
        assertTrue(p.get(2).startsWith("environments/dev.yaml:6:11: dns.zoneId: \"zone-1\" is not a Route 53 hosted"
                + " zone id"), p.get(2));
        assertTrue(load(DEV).dns().isEmpty());
        assertEquals(List.of(), load(DEV).alerts().emails());
    }
}
