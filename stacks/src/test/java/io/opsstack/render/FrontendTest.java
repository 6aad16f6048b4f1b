package io.opsstack.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.config.ConfigException;
import io.opsstack.config.ConfigLoader;
import io.opsstack.config.EnvironmentConfig;
import io.opsstack.synth.SynthFixture;
import io.opsstack.synth.Synthesizer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The frontend kinds (runbooks 001 and 003): server (Next.js style) and static (files nginx serves). */
class FrontendTest {

    static final String APP = "app:\n  image: ghcr.io/acme/fastapi-app\n  tag: \"1.4.2\"\n";
    static final Map<String, String> ENVS = Map.of(
            "web", "name: web\nregion: us-east-1\n" + APP + "  mode: asg\n"
                    + "frontend:\n  kind: server\n  image: ghcr.io/acme/web\n  tag: \"2.0.1\"\n  port: 3000\n"
                    + "dns:\n  zoneId: Z0WEB\n  name: web.example.com\n",
            "site", "name: site\nregion: us-east-1\n" + APP
                    + "frontend:\n  kind: static\n  image: ghcr.io/acme/site\n  tag: \"3.1.0\"\n");
    static Path home;
    static Path dir;

    @BeforeAll
    static void render() throws Exception {
        home = SynthFixture.copyOfProject(ENVS);
        dir = Files.createTempDirectory("opsstack-frontend-");
        new Renderer(home.resolve("templates")).renderInto(new ConfigLoader(home).load(List.of("web", "site")), dir);
        for (String env : List.of("web", "site")) {
            Files.writeString(dir.resolve(env).resolve("app.env"), "ENVIRONMENT=" + env + "\n");
        }
    }

    @Test
    void nginxRoutesTheApiToTheBackendAndTheRestToTheFrontend() throws Exception {
        Tools.require("nginx", "nginx");
        for (String env : List.of("web", "site")) {
            Path conf = dir.resolve(env).resolve("nginx/nginx.conf").toAbsolutePath();
            Tools.Result r = Tools.run(dir, "nginx", "-t", "-c", conf.toString(), "-g", "pid " + dir.resolve(env)
                    .resolve("nginx.pid") + ";");
            assertEquals(0, r.exit(), env + ":\n" + r.output());
            String text = Files.readString(conf);
            assertTrue(text.contains("location /api/ {\n            proxy_pass $app;"), env);
            assertTrue(text.contains("location = /health {") && text.contains("location ~ ^/(live|ready)$ {"), env);
        }
        assertTrue(Files.readString(dir.resolve("web/nginx/nginx.conf")).contains(
                "set $frontend http://frontend:3000;"));
        assertTrue(Files.readString(dir.resolve("site/nginx/nginx.conf")).contains(
                "root /usr/share/nginx/frontend;\n            try_files $uri $uri/ /index.html;"));
    }

    @Test
    void composeRunsTheFrontendAndMovesGrafanaOffItsPort() throws Exception {
        Tools.require("docker-compose", "docker-compose");
        for (String env : List.of("web", "site")) {
            Tools.Result r = Tools.run(dir.resolve(env), "docker-compose", "-f", "docker-compose.yml", "config", "-q");
            assertEquals(0, r.exit(), env + ":\n" + r.output());
        }
        String web = Files.readString(dir.resolve("web/docker-compose.yml"));
        assertTrue(web.contains("  frontend:\n    image: ghcr.io/acme/web:2.0.1"), web);
        assertTrue(web.contains("NEXT_PUBLIC_API_BASE_URL: \"/api\""));
        assertTrue(web.contains("ports: [\"3001:3000\"]"), "Grafana moves to 3001 next to a server frontend on 3000");
        String site = Files.readString(dir.resolve("site/docker-compose.yml"));
        assertTrue(site.contains("  frontend-files:") && site.contains("frontend-static:/usr/share/nginx/frontend:ro"));
        assertTrue(site.contains("condition: service_completed_successfully"));
        assertTrue(site.contains("ports: [\"3000:3000\"]"), "a static frontend needs no port: Grafana stays");
        assertTrue(Files.readString(dir.resolve("web/bin/fetch-secrets.sh")).contains(
                "echo \"CORS_ORIGINS=https://web.example.com\" >> \"/opt/opsstack/app.env\""));
        assertFalse(Files.readString(dir.resolve("site/bin/fetch-secrets.sh")).contains("CORS_ORIGINS"));
    }

    @Test
    void failsOnAFrontendPortTheHostsUseOrAnUnknownKind() {
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(home).parse(
                "environments/x.yaml", "x", "name: x\nregion: us-east-1\n" + APP
                        + "frontend:\n  kind: spa\n  image: a/b\n  tag: \"1\"\n  port: 9090\n"));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("\"spa\" is not a frontend kind"), e.getMessage());
        assertTrue(e.getMessage().contains("9090 is taken on the hosts"), e.getMessage());
    }

    @Test
    void theLocalStackRunsTheFrontendToo() throws Exception {
        Path local = SynthFixture.copyOfProject(Map.of());
        Files.writeString(local.resolve("environments/local.yaml"), Files.readString(local.resolve(
                "environments/local.yaml")) + "\nfrontend:\n  kind: server\n  image: ghcr.io/acme/web\n  tag: \"2.0.1\"\n");
        Path out = local.resolve("out");
        new Synthesizer(local).synth(new ConfigLoader(local).load(List.of("local")), out);
        JsonNode containers = SynthFixture.read(out.resolve("stacks/local/cdk.tf.json"))
                .path("resource").path("docker_container");
        assertEquals("[\"frontend\",\"frontend-1\"]", containers.at("/frontend-1/networks_advanced/0/aliases")
                .toString());
        assertTrue(containers.at("/nginx/depends_on").toString().contains("docker_container.frontend-1"));
        SortedMap<String, String> files = new Renderer(local.resolve("templates")).render(
                new ConfigLoader(local).load(List.of("local")).get(0));
        assertTrue(files.get("nginx/nginx.conf").contains("set $frontend http://frontend:3000;"));
    }
}
