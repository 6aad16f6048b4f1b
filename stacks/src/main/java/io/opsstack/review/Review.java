package io.opsstack.review;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Finding;
import io.opsstack.policy.Policy;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Rule;
import io.opsstack.policy.Synthesized;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * What a change does to the infrastructure, from two synth outputs alone: no state, no credentials, no Terraform.
 * Everything is sorted, so the same inputs give the same report.
 */
public final class Review {

    /** One attribute that changes; values already summarized for display. */
    public record Change(String attribute, String before, String after, boolean replaces) {
    }

    /** One resource that is created, destroyed or changed. */
    public record ResourceChange(String stack, String type, String path, String action, List<Change> changes,
                                 String replaceReason, String userDataDiff) {

        public boolean replaced() {
            return replaceReason != null;
        }
    }

    public final List<String> stacksAdded = new ArrayList<>();
    public final List<String> stacksRemoved = new ArrayList<>();
    public final List<ResourceChange> resources = new ArrayList<>();
    /** Rendered config file (relative to config/) to its unified diff. */
    public final Map<String, String> configDiffs = new TreeMap<>();
    public final Set<String> findingsIntroduced = new TreeSet<>();
    public final Set<String> findingsResolved = new TreeSet<>();

    public static Review compare(Path base, Path head) throws IOException {
        Review review = new Review();
        Synthesized a = new Synthesized(base);
        Synthesized b = new Synthesized(head);
        for (String s : b.stacks().keySet()) {
            if (!a.stacks().containsKey(s)) {
                review.stacksAdded.add(s);
            }
        }
        for (String s : a.stacks().keySet()) {
            if (!b.stacks().containsKey(s)) {
                review.stacksRemoved.add(s);
            }
        }
        review.diffResources(a, b);
        review.diffConfigs(base.resolve("config"), head.resolve("config"));
        Set<String> before = findings(a);
        Set<String> after = findings(b);
        after.stream().filter(f -> !before.contains(f)).forEach(review.findingsIntroduced::add);
        before.stream().filter(f -> !after.contains(f)).forEach(review.findingsResolved::add);
        return review;
    }

    private void diffResources(Synthesized a, Synthesized b) {
        Map<String, Resource> before = index(a);
        Map<String, Resource> after = index(b);
        List<Resource> removed = before.entrySet().stream().filter(e -> !after.containsKey(e.getKey()))
                .map(Map.Entry::getValue).toList();
        List<Resource> added = after.entrySet().stream().filter(e -> !before.containsKey(e.getKey()))
                .map(Map.Entry::getValue).toList();
        for (Resource r : removed) {
            boolean stackGone = !b.stacks().containsKey(r.stack());
            String twin = added.stream().filter(x -> x.stack().equals(r.stack()) && x.type().equals(r.type()))
                    .map(Resource::path).findFirst().orElse(null);
            resources.add(new ResourceChange(r.stack(), r.type(), r.path(), "destroy", List.of(), stackGone ? null
                    : twin != null ? "construct id changed (now " + twin + "): destroyed and created anew"
                    : "removed", null));
        }
        for (Resource r : added) {
            String twin = removed.stream().filter(x -> x.stack().equals(r.stack()) && x.type().equals(r.type()))
                    .map(Resource::path).findFirst().orElse(null);
            resources.add(new ResourceChange(r.stack(), r.type(), r.path(), "create", List.of(),
                    twin != null ? "construct id changed (was " + twin + ")" : null, null));
        }
        for (Map.Entry<String, Resource> e : before.entrySet()) {
            Resource old = e.getValue();
            Resource now = after.get(e.getKey());
            if (now == null) {
                continue;
            }
            Map<String, String> x = flatten(old.body());
            Map<String, String> y = flatten(now.body());
            Set<String> keys = new TreeSet<>(x.keySet());
            keys.addAll(y.keySet());
            List<Change> changes = new ArrayList<>();
            String userData = null;
            boolean replaced = false;
            for (String k : keys) {
                String v1 = x.get(k);
                String v2 = y.get(k);
                if (v1 != null && v1.equals(v2)) {
                    continue;
                }
                boolean forces = Replacements.forces(old.type(), k);
                replaced |= forces;
                if (k.equals("user_data") || k.equals("user_data_base64")) {
                    userData = LineDiff.unified("user_data (decoded)", decode(v1), decode(v2));
                    changes.add(new Change(k, "(cloud-init)", "(cloud-init, see the decoded diff)", forces));
                } else {
                    changes.add(new Change(k, summarize(k, v1), summarize(k, v2), forces));
                }
            }
            if (!changes.isEmpty()) {
                resources.add(new ResourceChange(old.stack(), old.type(), old.path(), replaced ? "replace" : "update",
                        changes, replaced ? "a change to " + changes.stream().filter(Change::replaces)
                        .map(Change::attribute).distinct().toList() + " cannot be made in place" : null, userData));
            }
        }
        resources.sort(java.util.Comparator.comparing(ResourceChange::stack).thenComparing(ResourceChange::path)
                .thenComparing(ResourceChange::action));
    }

    private static Map<String, Resource> index(Synthesized s) {
        Map<String, Resource> out = new TreeMap<>();
        for (Resource r : s.all()) {
            out.put(r.stack() + " " + r.type() + " " + r.name(), r);
        }
        return out;
    }

    /** Attribute path to its JSON text, without cdktf's "//" metadata. */
    static Map<String, String> flatten(JsonNode body) {
        Map<String, String> out = new TreeMap<>();
        flatten("", body, out);
        return out;
    }

    private static void flatten(String prefix, JsonNode n, Map<String, String> out) {
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!f.getKey().equals("//")) {
                    flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), out);
                }
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                flatten(prefix + "[" + i + "]", n.get(i), out);
            }
        } else {
            out.put(prefix, n.isTextual() ? n.asText() : n.toString());
        }
    }

    static String summarize(String attribute, String value) {
        if (value == null) {
            return "(none)";
        }
        if (attribute.toLowerCase(java.util.Locale.ROOT).matches(".*(password|secret|token|private_key).*")) {
            return "(sensitive)";
        }
        if (value.length() > 120) {
            return "(" + value.length() + " characters)";
        }
        return value;
    }

    static String decode(String base64Gzip) {
        if (base64Gzip == null) {
            return "";
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(base64Gzip)))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | IllegalArgumentException e) {
            return base64Gzip;
        }
    }

    private void diffConfigs(Path a, Path b) throws IOException {
        Map<String, String> x = files(a);
        Map<String, String> y = files(b);
        Set<String> names = new TreeSet<>(x.keySet());
        names.addAll(y.keySet());
        for (String name : names) {
            String v1 = x.getOrDefault(name, "");
            String v2 = y.getOrDefault(name, "");
            if (!v1.equals(v2)) {
                configDiffs.put(name, LineDiff.unified("config/" + name, v1, v2));
            }
        }
    }

    private static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(f).toString(), Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** Unsuppressed view of every rule: "OPS-X-001 resource" strings. */
    private static Set<String> findings(Synthesized s) {
        Set<String> out = new TreeSet<>();
        for (Rule rule : Policy.RULES) {
            for (Finding f : rule.check(s)) {
                out.add(rule.id() + " " + f.resource() + ": " + f.message());
            }
        }
        return out;
    }

    public long count(String action) {
        return resources.stream().filter(r -> r.action().equals(action)).count();
    }
}
