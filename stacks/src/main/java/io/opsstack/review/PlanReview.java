package io.opsstack.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The review from saved plans ({@code terraform show -json plan}), as Atlantis, tfcmt and Infracost read them: what
 * Terraform itself will do, with the live state. Actions from {@code resource_changes[].change.actions}, values from
 * {@code before}/{@code after} ({@code after_unknown}: known after apply; {@code before_sensitive}/{@code
 * after_sensitive}: masked), replace-forcing attributes from {@code replace_paths}. The construct path comes from
 * the synth output when one is given (the resource's cdktf name in its stack), else the plan file names the stack.
 */
public final class PlanReview {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PlanReview() {
    }

    /** @param synth the synth output the plans were made from, or null: maps addresses to construct paths */
    public static Review of(List<Path> plans, Path synth) throws IOException {
        Review review = new Review();
        review.source = "plan";
        Map<String, List<Resource>> byName = new TreeMap<>();
        if (synth != null) {
            for (Resource r : new Synthesized(synth).all()) {
                byName.computeIfAbsent(r.type() + "." + r.name(), k -> new ArrayList<>()).add(r);
            }
        }
        for (Path plan : plans) {
            JsonNode doc = JSON.readTree(plan.toFile());
            if (!doc.has("resource_changes") && !doc.has("format_version")) {
                throw new IOException(plan + " is not `terraform show -json` output of a saved plan");
            }
            String fileStack = plan.getFileName().toString().replaceFirst("\\.json$", "")
                    .replaceFirst("\\.(tf)?plan$", "");
            for (JsonNode rc : doc.path("resource_changes")) {
                if (rc.path("mode").asText("managed").equals("data")) {
                    continue;
                }
                String action = action(rc.path("change").path("actions"));
                if (action == null) {
                    continue;
                }
                add(review, rc, action, fileStack, byName);
            }
        }
        review.resources.sort(java.util.Comparator.comparing(Review.ResourceChange::stack)
                .thenComparing(Review.ResourceChange::path).thenComparing(Review.ResourceChange::action));
        review.resources.forEach(c -> review.stackEnvironments.putIfAbsent(c.stack(),
                c.stack().replaceAll("-(dr-)?(network|data|app)$", "")));
        review.causes.addAll(Causes.of(review));
        return review;
    }

    /** Terraform's actions as the review's: null for no-op and read. */
    static String action(JsonNode actions) {
        List<String> a = new ArrayList<>();
        actions.forEach(x -> a.add(x.asText()));
        if (a.equals(List.of("create"))) {
            return "create";
        }
        if (a.equals(List.of("update"))) {
            return "update";
        }
        if (a.equals(List.of("delete"))) {
            return "destroy";
        }
        if (a.contains("delete") && a.contains("create")) {
            return "replace";
        }
        return null;
    }

    private static void add(Review review, JsonNode rc, String action, String fileStack,
                            Map<String, List<Resource>> byName) {
        String type = rc.path("type").asText();
        String name = rc.path("name").asText();
        String address = rc.path("address").asText();
        List<Resource> known = byName.getOrDefault(type + "." + name, List.of());
        Resource synthesized = known.size() == 1 ? known.get(0) : null;
        String stack = synthesized != null ? synthesized.stack() : fileStack;
        String index = rc.has("index") ? "[" + rc.path("index").asText() + "]" : "";
        String path = synthesized != null ? synthesized.path() + index : stack + "/" + address;
        JsonNode change = rc.path("change");
        JsonNode before = change.path("before").isNull() ? MissingNode.getInstance() : change.path("before");
        JsonNode after = change.path("after").isNull() ? MissingNode.getInstance() : change.path("after");
        review.bodies.put(path, new JsonNode[] {before, after});
        Set<String> sensitive = trueKeys(change.path("before_sensitive"));
        sensitive.addAll(trueKeys(change.path("after_sensitive")));
        Set<String> unknown = trueKeys(change.path("after_unknown"));
        Set<String> forcing = new TreeSet<>();
        change.path("replace_paths").forEach(p -> {
            StringBuilder s = new StringBuilder();
            p.forEach(step -> s.append(step.isNumber() ? "[" + step.asText() + "]" : (s.length() == 0 ? "" : ".")
                    + step.asText()));
            forcing.add(s.toString());
        });
        List<Review.Change> changes = new ArrayList<>();
        String userData = null;
        if (action.equals("update") || action.equals("replace")) {
            Map<String, String> x = values(before);
            Map<String, String> y = values(after);
            unknown.forEach(k -> y.put(k, "(known after apply)"));
            Set<String> keys = new TreeSet<>(x.keySet());
            keys.addAll(y.keySet());
            // A value Terraform marks sensitive in one attribute is masked wherever it shows: terraform_data's
            // output repeats its sensitive input unmarked in before.
            Set<String> secrets = new TreeSet<>();
            for (String k : keys) {
                if (sensitive.stream().anyMatch(s -> s.isEmpty() || k.equals(s) || k.startsWith(s + ".")
                        || k.startsWith(s + "["))) {
                    java.util.stream.Stream.of(x.get(k), y.get(k)).filter(v -> v != null && v.length() >= 4
                            && !v.equals("(known after apply)")).forEach(secrets::add);
                }
            }
            for (String k : keys) {
                String v1 = x.get(k);
                String v2 = y.get(k);
                if (v1 != null && v1.equals(v2) || Review.META_ARGUMENTS.contains(k.split("[./\\[]", 2)[0])) {
                    continue;
                }
                boolean replaces = forcing.stream().anyMatch(f -> k.equals(f) || k.startsWith(f + ".")
                        || k.startsWith(f + "["));
                boolean secret = sensitive.stream().anyMatch(s -> s.isEmpty() || k.equals(s) || k.startsWith(s + ".")
                        || k.startsWith(s + "[")) || v1 != null && secrets.contains(v1)
                        || v2 != null && secrets.contains(v2);
                if (secret) {
                    changes.add(new Review.Change(k, v1 == null ? "(none)" : "(sensitive)", v2 == null ? "(none)"
                            : "(sensitive, changed)", replaces));
                    continue;
                }
                if (k.equals("user_data") || k.equals("user_data_base64")) {
                    String d1 = Review.decode(v1);
                    String d2 = v2 == null || v2.equals("(known after apply)") ? "" : Review.decode(v2);
                    userData = LineDiff.unified("user_data (decoded)", d1, d2);
                    review.userDataTexts.put(path, new String[] {d1, d2});
                    changes.add(new Review.Change(k, "(cloud-init)", "(cloud-init, see the decoded diff)", replaces));
                    continue;
                }
                List<Review.Change> statements = PolicyDiff.changes(k, v1, v2, replaces);
                if (statements != null) {
                    changes.addAll(statements);
                } else {
                    changes.add(new Review.Change(k, Review.summarize(k, v1, null), Review.summarize(k, v2, v1),
                            replaces, Review.textDiff(k, v1, v2)));
                }
            }
        }
        List<String> notes = new ArrayList<>();
        if (action.equals("destroy") || action.equals("replace")) {
            String loss = Impacts.dataLoss(type, before);
            if (loss != null) {
                notes.add(loss);
            }
        } else if (action.equals("update")) {
            Set<String> changed = new TreeSet<>();
            changes.forEach(c -> changed.add(c.attribute().split("[./\\[ ]", 2)[0]));
            notes.addAll(Impacts.inPlace(new Resource(stack, type, name, path, after), changed, List.of()));
        }
        String reason = action.equals("replace") ? (forcing.isEmpty() ? "Terraform replaces it ("
                + rc.path("action_reason").asText("replace") + ")" : "a change to " + forcing
                + " cannot be made in place") : null;
        review.resources.add(new Review.ResourceChange(stack, type, path, action, changes, reason, userData, notes));
    }

    /** Attribute path to its value, nulls left out (a plan writes every unset argument as null). */
    private static Map<String, String> values(JsonNode body) {
        Map<String, String> out = new TreeMap<>();
        Review.flatten(body).forEach((k, v) -> {
            if (!v.equals("null")) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** The attribute paths a before_sensitive/after_unknown document marks true ("" for the whole value). */
    private static Set<String> trueKeys(JsonNode marks) {
        Set<String> out = new TreeSet<>();
        if (marks.isBoolean()) {
            if (marks.asBoolean()) {
                out.add("");
            }
            return out;
        }
        Review.flatten(marks).forEach((k, v) -> {
            if (v.equals("true")) {
                out.add(k);
            }
        });
        return out;
    }
}
