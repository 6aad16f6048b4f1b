package io.opsstack.review;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The environment files' own diff: which keys (network.cidr, database.instanceClass, app.tag, ...) changed, from
 * the copies synth keeps in its output ({@value #DIR}/ENV.yaml). These are the causes a reviewer thinks in; the
 * resource changes are their effects.
 */
public final class EnvironmentDiff {

    /** Where synth copies each environment file it synthesized, inside the output. */
    public static final String DIR = "environments";
    /** The key standing for the whole environment (a file only one side has). */
    public static final String WHOLE = "(environment)";

    private EnvironmentDiff() {
    }

    /**
     * Environment to its changed keys (before, after; null where absent). Empty when either side has no copies (an
     * output of an opsstack before them): the review then derives causes from the resource changes alone.
     */
    static Map<String, Map<String, String[]>> of(Path base, Path head, Set<String> notCompared) throws IOException {
        Map<String, Map<String, String[]>> out = new TreeMap<>();
        if (!Files.isDirectory(base) || !Files.isDirectory(head)) {
            return out;
        }
        Map<String, Map<String, String>> a = read(base);
        Map<String, Map<String, String>> b = read(head);
        Set<String> envs = new TreeSet<>(a.keySet());
        envs.addAll(b.keySet());
        for (String env : envs) {
            if (notCompared.contains(env)) {
                continue;
            }
            Map<String, String> x = a.get(env);
            Map<String, String> y = b.get(env);
            Map<String, String[]> changed = new TreeMap<>();
            if (x == null || y == null) {
                changed.put(WHOLE, new String[] {x == null ? null : env + ".yaml", y == null ? null : env + ".yaml"});
            } else {
                Set<String> keys = new TreeSet<>(x.keySet());
                keys.addAll(y.keySet());
                for (String k : keys) {
                    if (!java.util.Objects.equals(x.get(k), y.get(k))) {
                        changed.put(k, new String[] {x.get(k), y.get(k)});
                    }
                }
            }
            if (!changed.isEmpty()) {
                out.put(env, changed);
            }
        }
        return out;
    }

    private static Map<String, Map<String, String>> read(Path dir) throws IOException {
        Map<String, Map<String, String>> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                Object doc = new Yaml(new SafeConstructor(new LoaderOptions()))
                        .load(Files.readString(f, StandardCharsets.UTF_8));
                Map<String, String> flat = new TreeMap<>();
                flatten("", doc, flat);
                out.put(f.getFileName().toString().replaceFirst("\\.yaml$", ""), flat);
            }
        }
        return out;
    }

    /** "network.cidr" -> "10.30.0.0/16"; a list is one value ("[a, b]"): it is one setting. */
    private static void flatten(String prefix, Object node, Map<String, String> out) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, out));
        } else if (node instanceof List<?> list) {
            out.put(prefix, list.toString());
        } else if (node != null) {
            out.put(prefix, String.valueOf(node));
        }
    }
}
