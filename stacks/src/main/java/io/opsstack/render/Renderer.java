package io.opsstack.render;

import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import io.opsstack.config.EnvironmentConfig;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Renders the files each host runs from {@code templates/}, with one shared, strict FreeMarker configuration:
 * a missing value is an error (never an empty string), numbers and booleans print as code ("1000", "true"), and
 * templates cannot reach Java classes. No jsii: {@code opsstack render} is fast.
 */
public final class Renderer {

    /** Output path (relative to config/&lt;env&gt;/), template, model: one model per template. */
    private record Output(String path, String template, Function<RuntimeModels, Object> model) {
    }

    private static final List<Output> OUTPUTS = List.of(
            new Output("docker-compose.yml", "docker-compose.yml.ftl", RuntimeModels::compose),
            new Output("prometheus/prometheus.yml", "prometheus.yml.ftl", RuntimeModels::prometheus),
            new Output("prometheus/rules/alerts.yml", "alerts.yml.ftl", RuntimeModels::alertRules),
            new Output("grafana/provisioning/datasources/prometheus.yml", "grafana-datasource.yml.ftl",
                    RuntimeModels::grafanaDatasource),
            new Output("grafana/provisioning/dashboards/dashboards.yml", "grafana-dashboards.yml.ftl",
                    RuntimeModels::grafanaDashboards),
            new Output("grafana/dashboards/service.json", "grafana-dashboard.json.ftl", RuntimeModels::dashboard),
            new Output("nginx/nginx.conf", "nginx.conf.ftl", RuntimeModels::nginx),
            new Output("bin/fetch-secrets.sh", "fetch-secrets.sh.ftl", RuntimeModels::fetchSecrets),
            new Output("bin/backup.sh", "backup.sh.ftl", RuntimeModels::backup),
            new Output("systemd/opsstack.service", "opsstack.service.ftl", RuntimeModels::systemd),
            new Output("systemd/opsstack-backup.service", "opsstack-backup.service.ftl", RuntimeModels::systemd),
            new Output("systemd/opsstack-backup.timer", "opsstack-backup.timer.ftl", RuntimeModels::systemd));

    public static final String CLOUD_INIT = "cloud-init.yaml";

    /** What the local environment's containers use (no Compose, host scripts or cloud-init: no host). */
    static final List<String> LOCAL_FILES = List.of("prometheus/prometheus.yml", "prometheus/rules/alerts.yml",
            "grafana/provisioning/datasources/prometheus.yml", "grafana/provisioning/dashboards/dashboards.yml",
            "grafana/dashboards/service.json", "nginx/nginx.conf");

    private final Configuration freemarker;

    /** @param templates the project's templates/ directory */
    public Renderer(Path templates) throws IOException {
        Configuration c = new Configuration(Configuration.VERSION_2_3_34);
        c.setDirectoryForTemplateLoading(templates.toFile());
        c.setDefaultEncoding(StandardCharsets.UTF_8.name());
        c.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        c.setLogTemplateExceptions(false);
        c.setWrapUncheckedExceptions(true);
        c.setFallbackOnNullLoopVariable(false);
        c.setNumberFormat("c");
        c.setBooleanFormat("c");
        c.setAPIBuiltinEnabled(false);
        c.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        this.freemarker = c;
    }

    /**
     * Every file of one environment, by path relative to {@code config/<env>/}, sorted. An environment without an
     * {@code app} section has no host and gets no files.
     */
    public SortedMap<String, String> render(EnvironmentConfig env) throws RenderException {
        SortedMap<String, String> files = new TreeMap<>();
        if (env.app().isEmpty()) {
            return files;
        }
        RuntimeModels models = new RuntimeModels(env);
        for (Output o : OUTPUTS) {
            if (env.isLocal() && !LOCAL_FILES.contains(o.path())) {
                continue;
            }
            files.put(o.path(), apply(o.template(), o.model().apply(models)));
        }
        if (!env.isLocal() && env.database().sqlite()) {
            files.put("bin/mount-data.sh", apply("mount-data.sh.ftl", models.mountData()));
        }
        if (!env.isLocal()) {
            files.put(CLOUD_INIT, apply("cloud-init.yaml.ftl", cloudInit(env, files)));
        }
        return Collections.unmodifiableSortedMap(files);
    }

    /**
     * Every environment's files by directory name: {@code <env>} for the primary region's hosts and, with a dr
     * section, {@code <env>-dr} for the DR region's (the same files but for the region).
     */
    public SortedMap<String, SortedMap<String, String>> renderAll(List<EnvironmentConfig> environments)
            throws RenderException {
        SortedMap<String, SortedMap<String, String>> all = new TreeMap<>();
        for (EnvironmentConfig env : environments) {
            all.put(env.name(), render(env));
            if (env.dr().isPresent() && env.app().isPresent()) {
                all.put(env.name() + DR_SUFFIX, render(env.inDrRegion()));
            }
        }
        return all;
    }

    public static final String DR_SUFFIX = "-dr";

    /** Renders and writes every environment's files under {@code dir/<env>/} (and {@code dir/<env>-dr/}). */
    public void renderInto(List<EnvironmentConfig> environments, Path dir) throws RenderException, IOException {
        write(renderAll(environments), dir);
    }

    /** Writes already rendered files (environment to path to content) under {@code dir/<env>/}. */
    public static void write(Map<String, SortedMap<String, String>> rendered, Path dir) throws IOException {
        for (Map.Entry<String, SortedMap<String, String>> env : rendered.entrySet()) {
            for (Map.Entry<String, String> f : env.getValue().entrySet()) {
                Path target = dir.resolve(env.getKey()).resolve(f.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
                if (f.getKey().endsWith(".sh")) {
                    target.toFile().setExecutable(true, false);
                }
            }
        }
    }

    private static Models.CloudInit cloudInit(EnvironmentConfig env, SortedMap<String, String> files) {
        List<Models.WriteFile> writes = new ArrayList<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            String path = f.getKey().startsWith("systemd/")
                    ? "/etc/systemd/system/" + f.getKey().substring("systemd/".length())
                    : RuntimeModels.DIR + "/" + f.getKey();
            String mode = f.getKey().endsWith(".sh") ? "0755" : "0644";
            writes.add(new Models.WriteFile(path, mode, indent(f.getValue(), "      ")));
        }
        String plugins = "/usr/local/lib/docker/cli-plugins";
        List<String> commands = new ArrayList<>();
        if (env.database().sqlite()) {
            // The data volume first: the containers' /data must be the volume, never the root disk.
            commands.add("dnf install -y sqlite");
            commands.add(RuntimeModels.DIR + "/bin/mount-data.sh");
        }
        commands.addAll(List.of(
                "dnf install -y docker",
                "mkdir -p " + plugins,
                "curl -fsSL -o " + plugins + "/docker-compose https://github.com/docker/compose/releases/download/"
                        + RuntimeModels.COMPOSE_VERSION + "/docker-compose-linux-$(uname -m)",
                "chmod 0755 " + plugins + "/docker-compose",
                "mkdir -p -m 0700 " + RuntimeModels.DIR + "/" + RuntimeModels.SECRETS_DIR,
                "systemctl enable --now docker",
                "systemctl daemon-reload",
                "systemctl enable --now opsstack.service opsstack-backup.timer"));
        return new Models.CloudInit(env.name(), RuntimeModels.COMPOSE_VERSION, writes, commands);
    }

    /** Indents every non-empty line, for a YAML block scalar. */
    private static String indent(String text, String prefix) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            out.append(line.isEmpty() ? "" : prefix + line).append('\n');
        }
        // split(-1) yields a trailing empty element for text ending in \n: drop the extra newline it adds.
        return out.substring(0, out.length() - 1).stripTrailing() + "\n";
    }

    private String apply(String template, Object model) throws RenderException {
        try {
            Template t = freemarker.getTemplate(template);
            StringWriter out = new StringWriter();
            t.process(model, out);
            return out.toString();
        } catch (TemplateException e) {
            throw new RenderException("templates/" + template + ": " + e.getMessageWithoutStackTop().strip());
        } catch (IOException e) {
            throw new RenderException("templates/" + template + ": " + e.getMessage());
        }
    }
}
