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

    /**
     * One attribute that changes; values already summarized for display. {@code diff}: for a long text (a
     * description, a JSON string, a script), what changed in it (a word diff of one line, a unified diff of
     * several), else null.
     */
    public record Change(String attribute, String before, String after, boolean replaces, String diff) {

        public Change(String attribute, String before, String after, boolean replaces) {
            this(attribute, before, after, replaces, null);
        }
    }

    /**
     * One resource that is created, destroyed or changed. {@code notes}: what the change does beyond its diff (data
     * lost, service interrupted, why the user data changes).
     */
    public record ResourceChange(String stack, String type, String path, String action, List<Change> changes,
                                 String replaceReason, String userDataDiff, List<String> notes) {

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
    /**
     * Environments one side holds and the other does not, because that side is a partial synth ({@code synth
     * ENV}): not compared (a missing environment is not a destroyed one), with why.
     */
    public final Map<String, String> notCompared = new TreeMap<>();
    /**
     * Rendered files whose every changed line is a changed line of other files of the same environment (cloud-init
     * embeds docker-compose.yml, ...): file to what it embeds. Their diffs are left out of configDiffs: one change
     * reads once.
     */
    public final Map<String, List<String>> configEmbeds = new TreeMap<>();
    /** Resource path to its decoded user data, before and after: to tell which rendered file it is. */
    final Map<String, String[]> userDataTexts = new TreeMap<>();
    /** Resource path to its JSON before and after (a missing node on the side it is not on): what rules read. */
    final Map<String, JsonNode[]> bodies = new TreeMap<>();
    /** Stack id to the environment it belongs to. */
    final Map<String, String> stackEnvironments = new TreeMap<>();
    /**
     * Resources whose only edits are Terraform meta-arguments ({@code lifecycle}, {@code depends_on}): no argument
     * of the resource in AWS changes, so they are no update. Path to the meta-arguments changed.
     */
    public final Map<String, List<String>> metaOnly = new TreeMap<>();
    /**
     * Per environment, the keys of its environment file that changed (before, after; null on the side without),
     * when both outputs carry the files (synth copies environments/ENV.yaml into the output); else empty.
     */
    public final Map<String, Map<String, String[]>> environmentChanges = new TreeMap<>();
    /** The causes, ordered by consequence: what the headlines say and the details are grouped by. */
    public final List<Cause> causes = new ArrayList<>();
    /** Where the report comes from: "synth" (two synth outputs) or "plan" (terraform show -json). */
    public String source = "synth";

    public static Review compare(Path base, Path head) throws IOException {
        Review review = new Review();
        Synthesized a = new Synthesized(base);
        Synthesized b = new Synthesized(head);
        Set<String> excludedStacks = review.excludePartial(a, b);
        for (String s : b.stacks().keySet()) {
            if (!a.stacks().containsKey(s) && !excludedStacks.contains(s)) {
                review.stacksAdded.add(s);
            }
        }
        for (String s : a.stacks().keySet()) {
            if (!b.stacks().containsKey(s) && !excludedStacks.contains(s)) {
                review.stacksRemoved.add(s);
            }
        }
        review.diffResources(a, b, excludedStacks);
        review.diffConfigs(base.resolve("config"), head.resolve("config"));
        review.groupByCause(files(base.resolve("config")), files(head.resolve("config")));
        Set<String> before = findings(a, excludedStacks);
        Set<String> after = findings(b, excludedStacks);
        after.stream().filter(f -> !before.contains(f)).forEach(review.findingsIntroduced::add);
        before.stream().filter(f -> !after.contains(f)).forEach(review.findingsResolved::add);
        for (Synthesized s : List.of(a, b)) {
            s.stacks().keySet().forEach(id -> review.stackEnvironments.putIfAbsent(id, s.environmentOf(id) != null
                    ? s.environmentOf(id) : id.replaceAll("-(dr-)?(network|data|app)$", "")));
        }
        review.environmentChanges.putAll(EnvironmentDiff.of(base.resolve(EnvironmentDiff.DIR),
                head.resolve(EnvironmentDiff.DIR), review.notCompared.keySet()));
        review.causes.addAll(Causes.of(review));
        return review;
    }

    /**
     * An environment only one side holds is compared (created, or destroyed) only when the other side holds every
     * environment there was; otherwise it is listed as not compared. Returns the stacks left out.
     */
    private Set<String> excludePartial(Synthesized a, Synthesized b) {
        Set<String> excluded = new TreeSet<>();
        Set<String> names = new TreeSet<>(a.environments().keySet());
        names.addAll(b.environments().keySet());
        for (String env : names) {
            boolean inA = a.environments().containsKey(env);
            boolean inB = b.environments().containsKey(env);
            if (inA && !inB && !b.complete()) {
                notCompared.put(env, "only in the base: the head holds only " + String.join(", ",
                        b.environments().keySet()) + " (a partial synth), so " + env + " is not compared");
                excluded.addAll(a.environments().get(env));
            } else if (inB && !inA && !a.complete()) {
                notCompared.put(env, "only in the head: the base holds only " + String.join(", ",
                        a.environments().keySet()) + " (a partial synth), so " + env + " is not compared");
                excluded.addAll(b.environments().get(env));
            }
        }
        return excluded;
    }

    private void diffResources(Synthesized a, Synthesized b, Set<String> excludedStacks) {
        Map<String, Resource> before = index(a, excludedStacks);
        Map<String, Resource> after = index(b, excludedStacks);
        List<Resource> removed = before.entrySet().stream().filter(e -> !after.containsKey(e.getKey()))
                .map(Map.Entry::getValue).toList();
        List<Resource> added = after.entrySet().stream().filter(e -> !before.containsKey(e.getKey()))
                .map(Map.Entry::getValue).toList();
        before.values().forEach(r -> bodies.put(r.path(), new JsonNode[] {r.body(),
                com.fasterxml.jackson.databind.node.MissingNode.getInstance()}));
        after.values().forEach(r -> bodies.merge(r.path(), new JsonNode[] {
                com.fasterxml.jackson.databind.node.MissingNode.getInstance(), r.body()},
                (was, now) -> new JsonNode[] {was[0], now[1]}));
        for (Resource r : removed) {
            boolean stackGone = !b.stacks().containsKey(r.stack());
            String twin = added.stream().filter(x -> x.stack().equals(r.stack()) && x.type().equals(r.type()))
                    .map(Resource::path).findFirst().orElse(null);
            String loss = Impacts.dataLoss(r.type(), r.body());
            resources.add(new ResourceChange(r.stack(), r.type(), r.path(), "destroy", List.of(), stackGone ? null
                    : twin != null ? "construct id changed (now " + twin + "): destroyed and created anew"
                    : "removed", null, loss == null ? List.of() : List.of(loss)));
        }
        for (Resource r : added) {
            String twin = removed.stream().filter(x -> x.stack().equals(r.stack()) && x.type().equals(r.type()))
                    .map(Resource::path).findFirst().orElse(null);
            resources.add(new ResourceChange(r.stack(), r.type(), r.path(), "create", List.of(),
                    twin != null ? "construct id changed (was " + twin + ")" : null, null, List.of()));
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
            Set<String> meta = new TreeSet<>();
            for (String k : keys) {
                String v1 = x.get(k);
                String v2 = y.get(k);
                if (v1 != null && v1.equals(v2)) {
                    continue;
                }
                String argument = k.split("[./\\[]", 2)[0];
                if (META_ARGUMENTS.contains(argument)) {
                    // Terraform's own: no argument of the resource in AWS changes.
                    meta.add(argument);
                    continue;
                }
                boolean forces = Replacements.forces(old.type(), k);
                replaced |= forces;
                List<Change> statements = PolicyDiff.changes(k, v1, v2, forces);
                if (k.equals("user_data") || k.equals("user_data_base64")) {
                    userData = LineDiff.unified("user_data (decoded)", decode(v1), decode(v2));
                    userDataTexts.put(old.path(), new String[] {decode(v1), decode(v2)});
                    changes.add(new Change(k, "(cloud-init)", "(cloud-init, see the decoded diff)", forces));
                } else if (statements != null) {
                    changes.addAll(statements);
                } else {
                    changes.add(new Change(k, summarize(k, v1, null), summarize(k, v2, v1), forces,
                            textDiff(k, v1, v2)));
                }
            }
            if (changes.isEmpty() && !meta.isEmpty()) {
                metaOnly.put(old.path(), List.copyOf(meta));
            }
            if (!changes.isEmpty()) {
                List<String> notes = new ArrayList<>();
                if (replaced) {
                    String loss = Impacts.dataLoss(old.type(), old.body());
                    if (loss != null) {
                        notes.add(loss);
                    }
                } else {
                    Set<String> changed = new TreeSet<>();
                    keys.stream().filter(k -> !java.util.Objects.equals(x.get(k), y.get(k)))
                            .forEach(k -> changed.add(k.split("[./\\[]", 2)[0]));
                    notes.addAll(Impacts.inPlace(now, changed, b.all().stream()
                            .filter(r -> r.stack().equals(now.stack())).toList()));
                }
                resources.add(new ResourceChange(old.stack(), old.type(), old.path(), replaced ? "replace" : "update",
                        changes, replaced ? "a change to " + changes.stream().filter(Change::replaces)
                        .map(Change::attribute).distinct().toList() + " cannot be made in place" : null, userData,
                        notes));
            }
        }
        blastRadius(b, after);
        resources.sort(java.util.Comparator.comparing(ResourceChange::stack).thenComparing(ResourceChange::path)
                .thenComparing(ResourceChange::action));
    }

    /** Terraform meta-arguments: edits of these change no argument of the resource in AWS. */
    static final Set<String> META_ARGUMENTS = Set.of("lifecycle", "depends_on", "provider");

    /** What changed inside a long text (not a secret): a word diff of one line, a unified diff of several. */
    static String textDiff(String attribute, String v1, String v2) {
        if (v1 == null || v2 == null || (v1.length() <= 120 && v2.length() <= 120)
                || summarize(attribute, v1).startsWith("(sensitive") || PolicyDiff.parse(v1) != null) {
            return null;
        }
        if (v1.contains("\n") || v2.contains("\n")) {
            return LineDiff.unified(attribute, v1, v2);
        }
        return LineDiff.words(v1, v2);
    }

    private static final java.util.regex.Pattern LOCAL_REF =
            java.util.regex.Pattern.compile("\\$\\{(aws_[a-z0-9_]+|docker_[a-z0-9_]+)\\.([A-Za-z0-9_-]+)[.}\\[]");
    private static final java.util.regex.Pattern REMOTE_REF = java.util.regex.Pattern.compile(
            "\\$\\{data\\.terraform_remote_state\\.cross-stack-reference-input-([A-Za-z0-9-]+)\\.outputs\\."
                    + "([A-Za-z0-9_-]+)");

    /**
     * Blast radius: a replaced resource gets a new id, so a resource whose replace-forcing argument refers to it
     * (in its own stack, or through cdktf's cross-stack outputs) is replaced too, transitively: a new VPC CIDR
     * replaces the VPC, hence its subnets, security groups, route tables, target groups, and the rules of those
     * groups. A resource that refers to one in an argument it can update is listed as updated.
     */
    private void blastRadius(Synthesized head, Map<String, Resource> after) {
        Map<String, Resource> byAddress = new TreeMap<>();
        Map<String, Resource> byPath = new TreeMap<>();
        for (Resource r : after.values()) {
            byAddress.put(r.stack() + " " + r.type() + "." + r.name(), r);
            byPath.put(r.path(), r);
        }
        // "producer-stack output-name" -> the producer's resource address
        Map<String, String> outputs = new TreeMap<>();
        head.stacks().forEach((id, stack) -> stack.path("output").properties().forEach(o -> {
            java.util.regex.Matcher m = LOCAL_REF.matcher(o.getValue().path("value").asText(""));
            if (m.find()) {
                outputs.put(id + " " + o.getKey(), id + " " + m.group(1) + "." + m.group(2));
            }
        }));
        Set<String> replaced = new TreeSet<>();
        Set<String> untouchable = new TreeSet<>();
        for (ResourceChange c : resources) {
            Resource r = byPath.get(c.path());
            if (r == null) {
                continue;
            }
            if (c.action().equals("replace")) {
                replaced.add(r.stack() + " " + r.type() + "." + r.name());
            } else if (c.action().equals("create")) {
                untouchable.add(r.stack() + " " + r.type() + "." + r.name());
            }
        }
        Map<String, String[]> updates = new TreeMap<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Map.Entry<String, Resource> e : byAddress.entrySet()) {
                if (replaced.contains(e.getKey()) || untouchable.contains(e.getKey())) {
                    continue;
                }
                Resource r = e.getValue();
                for (Map.Entry<String, String> attr : flatten(r.body()).entrySet()) {
                    if (META_ARGUMENTS.contains(attr.getKey().split("[./\\[]", 2)[0])) {
                        continue; // depends_on a replaced resource orders the apply; it changes no argument
                    }
                    String cause = references(r.stack(), attr.getValue(), outputs).stream().filter(replaced::contains)
                            .findFirst().orElse(null);
                    if (cause == null) {
                        continue;
                    }
                    String causePath = byAddress.get(cause).path();
                    if (Replacements.forces(r.type(), attr.getKey())) {
                        markReplaced(r, attr.getKey(), attr.getValue(), causePath);
                        replaced.add(e.getKey());
                        updates.remove(e.getKey());
                        grew = true;
                        break;
                    }
                    updates.putIfAbsent(e.getKey(), new String[] {attr.getKey(), attr.getValue(), causePath});
                }
            }
        }
        updates.forEach((address, u) -> {
            Resource r = byAddress.get(address);
            Change change = new Change(u[0], summarize(u[0], u[1]), "(the new id of " + u[2] + ", known after apply)",
                    false);
            int i = indexOf(r.path());
            if (i < 0) {
                resources.add(new ResourceChange(r.stack(), r.type(), r.path(), "update", List.of(change), null, null,
                        List.of()));
            } else if (resources.get(i).changes().stream().noneMatch(c -> c.attribute().equals(u[0]))) {
                ResourceChange was = resources.get(i);
                List<Change> changes = new ArrayList<>(was.changes());
                changes.add(change);
                resources.set(i, new ResourceChange(was.stack(), was.type(), was.path(), was.action(), changes,
                        was.replaceReason(), was.userDataDiff(), was.notes()));
            }
        });
    }

    private int indexOf(String path) {
        for (int i = 0; i < resources.size(); i++) {
            if (resources.get(i).path().equals(path)) {
                return i;
            }
        }
        return -1;
    }

    /** Marks {@code r} replaced because its {@code attribute} refers to {@code causePath}, which is replaced. */
    private void markReplaced(Resource r, String attribute, String value, String causePath) {
        String reason = "its " + attribute + " refers to " + causePath + ", which is replaced";
        Change change = new Change(attribute, summarize(attribute, value), "(the new id of " + causePath
                + ", known after apply)", true);
        String loss = Impacts.dataLoss(r.type(), r.body());
        int i = indexOf(r.path());
        if (i < 0) {
            resources.add(new ResourceChange(r.stack(), r.type(), r.path(), "replace", List.of(change), reason, null,
                    loss == null ? List.of() : List.of(loss)));
        } else {
            ResourceChange was = resources.get(i);
            List<Change> changes = new ArrayList<>(was.changes());
            changes.add(change);
            List<String> notes = new ArrayList<>(loss == null ? List.of() : List.of(loss));
            resources.set(i, new ResourceChange(was.stack(), was.type(), was.path(), "replace", changes, reason,
                    was.userDataDiff(), notes));
        }
    }

    /** Addresses ("stack type.name") a value refers to, in its stack or through a cross-stack output. */
    private static List<String> references(String stack, String value, Map<String, String> outputs) {
        List<String> out = new ArrayList<>();
        if (value == null || !value.contains("${")) {
            return out;
        }
        java.util.regex.Matcher local = LOCAL_REF.matcher(value);
        while (local.find()) {
            out.add(stack + " " + local.group(1) + "." + local.group(2));
        }
        java.util.regex.Matcher remote = REMOTE_REF.matcher(value);
        while (remote.find()) {
            String address = outputs.get(remote.group(1) + " " + remote.group(2));
            if (address != null) {
                out.add(address);
            }
        }
        return out;
    }

    private static Map<String, Resource> index(Synthesized s, Set<String> excludedStacks) {
        Map<String, Resource> out = new TreeMap<>();
        for (Resource r : s.all()) {
            if (excludedStacks.contains(r.stack())) {
                continue;
            }
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
            for (Map.Entry<String, JsonNode> f : n.properties()) {
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

    /** Sensitive-looking attribute names; a value that is only a flag, a number or a reference is shown anyway. */
    private static final java.util.regex.Pattern SENSITIVE =
            java.util.regex.Pattern.compile(".*(password|secret|token|private_key).*");

    /**
     * A value for display. An attribute named like a secret shows its value when that value cannot be one
     * ({@code manage_master_user_password: true}, a number, a "${...}" reference); a secret shows only that it
     * changed. {@code other}: the value on the other side, when this is the new one.
     */
    static String summarize(String attribute, String value, String other) {
        if (value == null) {
            return "(none)";
        }
        if (SENSITIVE.matcher(attribute.toLowerCase(java.util.Locale.ROOT)).matches() && !notSecret(value)) {
            return other == null ? "(sensitive)" : "(sensitive, changed)";
        }
        if (value.length() > 120) {
            return "(" + value.length() + " characters)";
        }
        return value;
    }

    static String summarize(String attribute, String value) {
        return summarize(attribute, value, null);
    }

    private static boolean notSecret(String value) {
        return value.equals("true") || value.equals("false") || value.matches("-?\\d+(\\.\\d+)?")
                || value.matches("\\$\\{[^{}]+\\}");
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
            String top = name.split("/", 2)[0];
            if (notCompared.containsKey(top) || notCompared.containsKey(top.replaceFirst("-dr$", ""))) {
                continue;
            }
            String v1 = x.getOrDefault(name, "");
            String v2 = y.getOrDefault(name, "");
            if (!v1.equals(v2)) {
                configDiffs.put(name, LineDiff.unified("config/" + name, v1, v2));
            }
        }
    }

    /**
     * One change reads once. User data that is a rendered file (cloud-init.yaml, gzipped) points at that file's
     * diff instead of repeating it; a rendered file whose every changed line is a changed line of files it embeds
     * (cloud-init.yaml writes docker-compose.yml onto the host) names them instead of repeating their diffs.
     */
    private void groupByCause(Map<String, String> baseFiles, Map<String, String> headFiles) {
        for (int i = 0; i < resources.size(); i++) {
            ResourceChange c = resources.get(i);
            String[] texts = userDataTexts.get(c.path());
            if (c.userDataDiff() == null || texts == null) {
                continue;
            }
            String file = headFiles.entrySet().stream().filter(f -> f.getValue().equals(texts[1])
                    && texts[0].equals(baseFiles.get(f.getKey()))).map(Map.Entry::getKey).findFirst().orElse(null);
            if (file == null) {
                continue;
            }
            List<Change> changes = c.changes().stream().map(ch -> ch.attribute().startsWith("user_data")
                    ? new Change(ch.attribute(), ch.before(), "(config/" + file + ", gzipped)", ch.replaces()) : ch)
                    .toList();
            List<String> notes = new ArrayList<>(c.notes());
            notes.add("the user data changes because config/" + file + " changes: it is that file, gzipped (its diff"
                    + " is under the rendered configs)");
            resources.set(i, new ResourceChange(c.stack(), c.type(), c.path(), c.action(), changes,
                    c.replaceReason(), null, notes));
        }
        Map<String, Set<String>> changedLines = new TreeMap<>();
        configDiffs.forEach((name, diff) -> changedLines.put(name, changedLines(diff)));
        for (String name : List.copyOf(configDiffs.keySet())) {
            String content = headFiles.getOrDefault(name, "");
            Set<String> own = new TreeSet<>(stripped(content));
            String dir = name.contains("/") ? name.substring(0, name.lastIndexOf('/') + 1) : "";
            List<String> embedded = new ArrayList<>();
            Set<String> explained = new TreeSet<>();
            for (String other : changedLines.keySet()) {
                String otherContent = headFiles.getOrDefault(other, "");
                if (other.equals(name) || !other.startsWith(dir.split("/", 2)[0] + "/")
                        || otherContent.length() >= content.length() || otherContent.isBlank()
                        || !own.containsAll(stripped(otherContent))) {
                    continue;
                }
                embedded.add(other);
                explained.addAll(changedLines.get(other));
            }
            Set<String> mine = changedLines.get(name);
            if (!embedded.isEmpty() && !mine.isEmpty() && explained.containsAll(mine)) {
                configEmbeds.put(name, embedded);
                configDiffs.remove(name);
            }
        }
    }

    /** "+line"/"-line" of a unified diff, indentation stripped. */
    private static Set<String> changedLines(String diff) {
        Set<String> out = new TreeSet<>();
        for (String line : diff.split("\n")) {
            if ((line.startsWith("+") || line.startsWith("-")) && !line.startsWith("+++ ") && !line.startsWith("--- ")) {
                String text = line.substring(1).strip();
                if (!text.isEmpty()) {
                    out.add(line.charAt(0) + text);
                }
            }
        }
        return out;
    }

    private static List<String> stripped(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
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
    private static Set<String> findings(Synthesized s, Set<String> excludedStacks) {
        Set<String> out = new TreeSet<>();
        for (Rule rule : Policy.RULES) {
            for (Finding f : rule.check(s)) {
                if (excludedStacks.contains(f.resource().split("/", 2)[0])) {
                    continue;
                }
                out.add(rule.id() + " " + f.resource() + ": " + f.message());
            }
        }
        return out;
    }

    /**
     * What a reviewer must not miss, first in every format: every removed stack, every destroyed or replaced
     * resource.
     */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        for (String stack : stacksRemoved) {
            out.add("stack " + stack + " is removed: its " + resources.stream().filter(r -> r.stack().equals(stack))
                    .count() + " resources are destroyed");
        }
        for (ResourceChange r : resources) {
            String loss = r.notes().stream().filter(n -> n.startsWith("data loss")).findFirst().map(n -> ": " + n)
                    .orElse("");
            if (r.action().equals("destroy")) {
                out.add("destroys " + r.type() + " " + r.path() + loss);
            } else if (r.action().equals("replace")) {
                out.add("replaces " + r.type() + " " + r.path() + " (destroyed and created anew)" + loss);
            }
        }
        return out;
    }

    /** A resource's JSON before the change (a missing node when it is created). */
    public JsonNode before(String path) {
        JsonNode[] b = bodies.get(path);
        return b == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : b[0];
    }

    /** A resource's JSON after the change (a missing node when it is destroyed). */
    public JsonNode after(String path) {
        JsonNode[] b = bodies.get(path);
        return b == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : b[1];
    }

    /** Every resource path either side holds. */
    public Set<String> paths() {
        return bodies.keySet();
    }

    /** The environment a stack belongs to. */
    public String environmentOf(String stack) {
        return stackEnvironments.getOrDefault(stack, stack.replaceAll("-(dr-)?(network|data|app)$", ""));
    }

    /** The decoded user data of a resource (before, after), or null. */
    public String[] userData(String path) {
        return userDataTexts.get(path);
    }

    public long count(String action) {
        return resources.stream().filter(r -> r.action().equals(action)).count();
    }
}
