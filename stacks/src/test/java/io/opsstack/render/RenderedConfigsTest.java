package io.opsstack.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsstack.config.ConfigLoader;
import io.opsstack.config.EnvironmentConfig;
import io.opsstack.synth.SynthFixture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Every environment's rendered host files, checked by the tools that read them in production. */
class RenderedConfigsTest {

    static final Path HOME = SynthFixture.HOME;
    static final int USER_DATA_LIMIT = 16 * 1024;
    static Path dir;
    static Map<String, SortedMap<String, String>> rendered = new TreeMap<>();

    @BeforeAll
    static void render() throws Exception {
        dir = Files.createTempDirectory("opsstack-render-");
        List<EnvironmentConfig> envs = new ConfigLoader(HOME).load(List.of());
        Renderer renderer = new Renderer(HOME.resolve("templates"));
        renderer.renderInto(envs, dir);
        for (EnvironmentConfig env : envs) {
            rendered.put(env.name(), renderer.render(env));
            // docker-compose refuses a missing env_file; on hosts fetch-secrets.sh writes it at boot.
            Files.writeString(dir.resolve(env.name()).resolve("app.env"), "ENVIRONMENT=" + env.name() + "\n");
        }
    }

    @ParameterizedTest(name = "{0}: promtool check config and rules")
    @ValueSource(strings = {"dev", "staging", "prod", "local", "poc"})
    void prometheusConfigAndRulesPassPromtool(String env) throws Exception {
        Tools.require("promtool", "prometheus");
        Path d = dir.resolve(env);
        Tools.Result config = Tools.run(d, "promtool", "check", "config", "prometheus/prometheus.yml");
        assertEquals(0, config.exit(), env + ":\n" + config.output());
        assertTrue(config.output().contains("1 rule files found"), config.output());
        Tools.Result rules = Tools.run(d, "promtool", "check", "rules", "prometheus/rules/alerts.yml");
        assertEquals(0, rules.exit(), env + ":\n" + rules.output());
        assertTrue(rules.output().contains("SUCCESS: 9 rules found"), rules.output());
    }

    @ParameterizedTest(name = "{0}: docker-compose config -q")
    @ValueSource(strings = {"dev", "staging", "prod", "poc"})
    void composeFilePassesDockerCompose(String env) throws Exception {
        Tools.require("docker-compose", "docker-compose");
        Tools.Result r = Tools.run(dir.resolve(env), "docker-compose", "-f", "docker-compose.yml", "config", "-q");
        assertEquals(0, r.exit(), env + ":\n" + r.output());
    }

    @ParameterizedTest(name = "{0}: nginx -t")
    @ValueSource(strings = {"dev", "staging", "prod", "local", "poc"})
    void nginxConfPassesNginxTest(String env) throws Exception {
        Tools.require("nginx", "nginx");
        Path conf = dir.resolve(env).resolve("nginx/nginx.conf").toAbsolutePath();
        // The name "app" does not resolve here: the variable upstream makes that fine.
        Tools.Result r = Tools.run(dir, "nginx", "-t", "-c", conf.toString(), "-g", "pid " + dir.resolve(env)
                .resolve("nginx.pid") + ";");
        assertEquals(0, r.exit(), env + ":\n" + r.output());
        assertTrue(r.output().contains("test is successful"), r.output());
    }

    @ParameterizedTest(name = "{0}: cloud-init is #cloud-config YAML, writes every file, fits user data gzipped")
    @ValueSource(strings = {"dev", "staging", "prod", "poc"})
    void cloudInitParsesCarriesEveryFileAndFitsTheUserDataLimit(String env) throws Exception {
        String text = rendered.get(env).get(Renderer.CLOUD_INIT);
        assertTrue(text.startsWith("#cloud-config\n"), "first line must be #cloud-config");
        Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> files = (List<Map<String, Object>>) doc.get("write_files");
        Map<String, String> written = new TreeMap<>();
        for (Map<String, Object> f : files) {
            written.put((String) f.get("path"), (String) f.get("content"));
        }
        for (Map.Entry<String, String> f : rendered.get(env).entrySet()) {
            if (f.getKey().equals(Renderer.CLOUD_INIT)) {
                continue;
            }
            String path = f.getKey().startsWith("systemd/") ? "/etc/systemd/system/" + f.getKey().substring(8)
                    : "/opt/opsstack/" + f.getKey();
            assertEquals(f.getValue(), written.get(path), env + ": cloud-init content of " + path);
        }
        assertEquals(rendered.get(env).size() - 1, written.size());
        String commands = String.valueOf(doc.get("runcmd"));
        assertTrue(commands.contains("dnf install -y docker") && commands.contains("docker-compose")
                && commands.contains("systemctl enable --now opsstack.service opsstack-backup.timer"), commands);

        int gzipped = gzip(text).length;
        System.out.println(env + ": cloud-init " + text.length() + " bytes, " + gzipped + " gzipped");
        assertTrue(gzipped < USER_DATA_LIMIT, env + ": gzipped user data " + gzipped + " >= 16 KB");
    }

    @Test
    void hostScriptsAreValidBashAndDashboardIsJson() throws Exception {
        for (String env : rendered.keySet()) {
            if (env.equals("local")) {
                // No host: only the files its containers use.
                assertEquals(Renderer.LOCAL_FILES.stream().sorted().toList(), List.copyOf(rendered.get(env).keySet()));
                continue;
            }
            for (String script : rendered.get(env).keySet().stream().filter(f -> f.endsWith(".sh")).toList()) {
                Tools.Result r = Tools.run(dir.resolve(env), "bash", "-n", script);
                assertEquals(0, r.exit(), env + " " + script + ":\n" + r.output());
                assertTrue(Files.isExecutable(dir.resolve(env).resolve(script)), script + " is executable");
            }
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(rendered.get(env)
                    .get("grafana/dashboards/service.json"));
        }
    }

    @Test
    void renderingIsDeterministicAndFollowsConfig() throws Exception {
        Renderer renderer = new Renderer(HOME.resolve("templates"));
        EnvironmentConfig prod = new ConfigLoader(HOME).load(List.of("prod")).get(0);
        assertEquals(rendered.get("prod"), renderer.render(prod));
        String compose = rendered.get("prod").get("docker-compose.yml");
        assertTrue(compose.contains("image: ghcr.io/acme/fastapi-app:1.4.2"), "app image:tag");
        assertTrue(compose.contains("replicas: 2"));
        assertTrue(compose.contains("--storage.tsdb.retention.time=15d"));
        assertTrue(rendered.get("dev").get("docker-compose.yml").contains("replicas: 1"));
        assertTrue(rendered.get("dev").get("prometheus/prometheus.yml").contains("scrape_interval: 30s"));
        assertNotEquals(rendered.get("dev").get("prometheus/prometheus.yml"),
                rendered.get("prod").get("prometheus/prometheus.yml"));
    }

    @Test
    void aBrokenTemplateFailsItsValidator() throws Exception {
        Tools.require("nginx", "nginx");
        Tools.require("promtool", "prometheus");
        Path templates = copyTemplates();
        String nginx = Files.readString(templates.resolve("nginx.conf.ftl"));
        Files.writeString(templates.resolve("nginx.conf.ftl"), nginx.replace("server_tokens off;", "server_tokens off"));
        String prom = Files.readString(templates.resolve("alerts.yml.ftl"));
        Files.writeString(templates.resolve("alerts.yml.ftl"), prom.replace("for: ${r.forDuration}", "for: soon"));
        Path out = Files.createTempDirectory("opsstack-broken-");
        new Renderer(templates).renderInto(new ConfigLoader(HOME).load(List.of("prod")), out);
        Path conf = out.resolve("prod/nginx/nginx.conf").toAbsolutePath();
        Tools.Result n = Tools.run(out, "nginx", "-t", "-c", conf.toString(), "-g", "pid " + out.resolve("x.pid") + ";");
        assertNotEquals(0, n.exit(), "nginx -t must fail on the broken template:\n" + n.output());
        Tools.Result p = Tools.run(out.resolve("prod"), "promtool", "check", "rules", "prometheus/rules/alerts.yml");
        assertNotEquals(0, p.exit(), "promtool must fail on the broken rules:\n" + p.output());
    }

    @Test
    void failsOnAMissingValueInsteadOfPrintingNothing() throws Exception {
        Path templates = copyTemplates();
        Files.writeString(templates.resolve("nginx.conf.ftl"), "resolver ${resolverr};\n");
        EnvironmentConfig prod = new ConfigLoader(HOME).load(List.of("prod")).get(0);
        RenderException e = assertThrows(RenderException.class, () -> new Renderer(templates).render(prod));
        assertTrue(e.getMessage().startsWith("templates/nginx.conf.ftl: ") && e.getMessage().contains("resolverr"),
                e.getMessage());
    }

    @Test
    void environmentsWithoutAnAppSectionRenderNothing() throws Exception {
        EnvironmentConfig bare = new ConfigLoader(HOME).parse("environments/bare.yaml", "bare",
                "name: bare\nregion: us-east-1\n");
        assertEquals(Map.of(), new Renderer(HOME.resolve("templates")).render(bare));
    }

    @Test
    void synthWritesTheSameFilesAsRender() throws IOException {
        SynthFixture fx = SynthFixture.shared();
        for (String env : rendered.keySet()) {
            for (Map.Entry<String, String> f : rendered.get(env).entrySet()) {
                Path synthesized = fx.out.resolve("config").resolve(env).resolve(f.getKey());
                assertEquals(f.getValue(), Files.readString(synthesized), env + ": " + f.getKey());
            }
        }
    }

    @Test
    void everyAlertLinksAnExistingRunbookSection() throws IOException {
        String runbook = Files.readString(HOME.resolve("docs/runbook.md"));
        java.util.Set<String> anchors = new java.util.TreeSet<>();
        for (String line : runbook.split("\n")) {
            if (line.startsWith("#")) {
                // GitHub's anchor: lowercase, spaces to hyphens, punctuation dropped.
                anchors.add(line.replaceFirst("^#+ ", "").toLowerCase(java.util.Locale.ROOT)
                        .replaceAll("[^a-z0-9 -]", "").replace(' ', '-'));
            }
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("docs/runbook.md#([a-z0-9-]+)")
                .matcher(rendered.get("prod").get("prometheus/rules/alerts.yml"));
        int links = 0;
        while (m.find()) {
            assertTrue(anchors.contains(m.group(1)), "no section for #" + m.group(1) + " in docs/runbook.md");
            links++;
        }
        assertEquals(9, links, "one runbook link per alert");
    }

    static Path copyTemplates() throws IOException {
        Path copy = Files.createTempDirectory("opsstack-templates-");
        try (Stream<Path> files = Files.list(HOME.resolve("templates"))) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
