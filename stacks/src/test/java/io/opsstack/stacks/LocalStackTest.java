package io.opsstack.stacks;

import static io.opsstack.synth.SynthFixture.resources;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.providers.docker.Container;
import com.hashicorp.cdktf.providers.docker.Image;
import com.hashicorp.cdktf.providers.docker.Network;
import com.hashicorp.cdktf.providers.docker.Volume;
import io.opsstack.config.ConfigException;
import io.opsstack.config.ConfigLoader;
import io.opsstack.config.ConfigProblem;
import io.opsstack.synth.SynthFixture;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@code local} stack: the service on Docker (synth only: there is no Docker engine on CI machines). */
class LocalStackTest {

    static SynthFixture fx;
    static Map<String, JsonNode> containers;

    @BeforeAll
    static void synth() {
        fx = SynthFixture.shared();
        containers = resources(fx.stack("local"), Container.TF_RESOURCE_TYPE);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void everyServiceRunsAsAContainerOnAppNetwork() {
        assertEquals(new TreeSet<>(List.of("db", "migrate", "app-1", "app-2", "nginx", "prometheus", "grafana",
                "node-exporter")), new TreeSet<>(containers.keySet()));
        String network = "${docker_network.app-network.name}";
        assertEquals("app-network", resources(fx.stack("local"), Network.TF_RESOURCE_TYPE).get("app-network")
                .path("name").asText());
        for (Map.Entry<String, JsonNode> c : containers.entrySet()) {
            assertEquals(network, c.getValue().at("/networks_advanced/0/name").asText(), c.getKey());
        }
        // Replicas are separate containers that all answer to "app".
        assertEquals(List.of("app", "app-2"), texts(containers.get("app-2").at("/networks_advanced/0/aliases")));
        assertEquals(List.of("db"), texts(containers.get("db").at("/networks_advanced/0/aliases")));
    }

    @Test
    void imagesArePinnedAndDataLivesInNamedVolumes() {
        Map<String, String> images = new TreeMap<>();
        resources(fx.stack("local"), Image.TF_RESOURCE_TYPE).forEach((k, v) -> images.put(k, v.path("name").asText()));
        assertEquals("postgres:16.6-alpine", images.get("image-postgres"));
        assertEquals("ghcr.io/acme/fastapi-app:1.4.2", images.get("image-app"));
        assertTrue(images.values().stream().noneMatch(i -> i.endsWith(":latest") || !i.contains(":")), images.toString());
        assertEquals(new TreeSet<>(List.of("opsstack-postgres-data", "opsstack-prometheus-data", "opsstack-grafana-data")),
                new TreeSet<>(resources(fx.stack("local"), Volume.TF_RESOURCE_TYPE).values().stream()
                        .map(v -> v.path("name").asText()).toList()));
        assertEquals("/var/lib/postgresql/data", containers.get("db").at("/volumes/0/container_path").asText());
    }

    @Test
    void healthchecksOnTheDatabaseAndEveryAppReplica() {
        assertTrue(containers.get("db").at("/healthcheck/test/1").asText().startsWith("pg_isready"));
        for (String app : List.of("app-1", "app-2")) {
            assertTrue(containers.get(app).at("/healthcheck/test").toString().contains("localhost:8000/health"), app);
        }
    }

    @Test
    void migrationsMustSucceedBeforeAnyAppContainerStarts() {
        JsonNode migrate = containers.get("migrate");
        assertTrue(migrate.path("attach").asBoolean(), "the apply waits for migrate to exit");
        assertFalse(migrate.path("must_run").asBoolean(true));
        assertEquals("${self.exit_code == 0}", migrate.at("/lifecycle/postcondition/0/condition").asText());
        assertEquals(List.of("docker_container.db"), texts(migrate.path("depends_on")));
        assertTrue(migrate.at("/command/2").asText().contains("alembic upgrade head"));
        for (String app : List.of("app-1", "app-2")) {
            assertEquals(List.of("docker_container.migrate"), texts(containers.get(app).path("depends_on")), app);
        }
        assertEquals(List.of("docker_container.app-1", "docker_container.app-2"),
                texts(containers.get("nginx").path("depends_on")));
    }

    @Test
    void onlyNginxPrometheusAndGrafanaArePublishedOnLoopback() {
        Map<String, String> published = new TreeMap<>();
        containers.forEach((name, c) -> c.path("ports").forEach(p -> published.put(name,
                p.path("ip").asText() + ":" + p.path("external").asInt() + "->" + p.path("internal").asInt())));
        assertEquals(Map.of("nginx", "127.0.0.1:8080->80", "prometheus", "127.0.0.1:9090->9090",
                "grafana", "127.0.0.1:3000->3000"), published);
    }

    @Test
    void uploadedConfigsAreTheRenderedFilesByteForByte() throws Exception {
        Map<String, String> expected = Map.of(
                "nginx:/etc/nginx/nginx.conf", "nginx/nginx.conf",
                "prometheus:/etc/prometheus/prometheus.yml", "prometheus/prometheus.yml",
                "prometheus:/etc/prometheus/rules/alerts.yml", "prometheus/rules/alerts.yml",
                "grafana:/etc/grafana/provisioning/datasources/prometheus.yml",
                "grafana/provisioning/datasources/prometheus.yml",
                "grafana:/var/lib/grafana/dashboards/service.json", "grafana/dashboards/service.json");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String[] where = e.getKey().split(":", 2);
            String content = null;
            for (JsonNode u : containers.get(where[0]).path("upload")) {
                if (u.path("file").asText().equals(where[1])) {
                    content = u.path("content").asText();
                }
            }
            assertEquals(Files.readString(fx.out.resolve("config/local").resolve(e.getValue())), content, e.getKey());
        }
    }

    @Test
    void passwordsAreReadFromGitIgnoredFilesAtApplyTime() throws Exception {
        JsonNode db = containers.get("db");
        assertTrue(texts(db.path("env")).contains("POSTGRES_PASSWORD_FILE=/run/secrets/db_password"));
        assertEquals("${file(\"../../../.opsstack/local-db-password\")}", db.at("/upload/0/content").asText());
        assertTrue(texts(containers.get("app-1").path("env")).get(0).startsWith(
                "DATABASE_URL=postgresql://app_admin:${file(\"../../../.opsstack/local-db-password\")}@db:5432/app"));
        assertTrue(Files.readString(fx.home.resolve(".opsstack/local-db-password")).length() >= 24,
                "synth generated the password beside the output directory");
        assertTrue(Files.readString(SynthFixture.HOME.resolve(".gitignore")).contains(".opsstack/"));
    }

    private static List<String> problems(String env, String yaml) {
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(SynthFixture.HOME)
                .parse("environments/" + env + ".yaml", env, yaml));
        return e.problems().stream().map(ConfigProblem::format).toList();
    }

    @Test
    void failsOnSectionsALocalEnvironmentDoesNotTake() {
        List<String> p = problems("local", "name: local\nregion: us-east-1\nnetwork:\n  cidr: 10.0.0.0/16\n"
                + "backups:\n  glacierAfterDays: 30\n");
        assertEquals(3, p.size(), String.join("\n", p));
        assertEquals("environments/local.yaml:2:9: region: the local environment runs on your Docker, so it takes no"
                + " `region` section; remove it (it takes: name, tags, app, monitoring, docker, frontend,"
                + " database.engine)", p.get(0));
        assertTrue(p.get(1).startsWith("environments/local.yaml:4:3: network: the local environment"), p.get(1));
        assertTrue(p.get(2).startsWith("environments/local.yaml:6:3: backups: the local environment"), p.get(2));
    }

    @Test
    void failsOnLocalOnlyMechanismsInAnAwsEnvironment() {
        assertEquals(List.of("environments/dev.yaml:4:3: docker: only the environment named local runs on Docker;"
                        + " remove this section (AWS environments get their credentials from Secrets Manager)"),
                problems("dev", "name: dev\nregion: us-east-1\ndocker:\n  nginxPort: 8080\n"));
        assertTrue(problems("local", "name: local\ndocker:\n  nginxPort: 3000\n").get(0)
                .contains("nginxPort, prometheusPort and grafanaPort must differ"));
    }
}
