package io.opsstack.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The pure core of {@code opsstack drift}: one stack's two plans, as {@code terraform show -json} prints them, read
 * into {@link DriftItem}s. The refresh-only plan's {@code resource_drift} says what changed outside Terraform (its
 * {@code before} is what the state records, its {@code after} what AWS has); the normal plan's
 * {@code resource_changes} say what an apply of the current configuration would do about each item.
 *
 * <p>Reported, per argument (leaf by leaf: {@code tags.environment}, {@code versioning_configuration[0].status}):
 * every change of an argument the configuration sets, and of one it leaves unset that an apply would put back (a
 * default). Not reported: attributes AWS alone computes ({@link AttributeSchema#argument}), which move by themselves
 * ({@code latest_restorable_time}, {@code status}); Optional+Computed arguments the configuration leaves to AWS, which
 * an apply never changes and another resource often sets (found on a clean environment: a bucket's deprecated
 * {@code versioning} block, {@code enabled = false} in the state written when the bucket was created, true once
 * {@code aws_s3_bucket_versioning} ran, and the same for its encryption, logging, lifecycle and replication); and
 * {@link #IGNORED}. A security group's {@code ingress}/{@code egress}, when the configuration does not set them,
 * are judged by {@link SecurityGroupRules} instead: a rule no stack declares is reported as
 * {@link DriftItem.Kind#UNMANAGED_RULE}. Sensitive values (the schema's, and the plan's
 * {@code before_sensitive}/{@code after_sensitive} marks) are replaced by {@link DriftItem#SENSITIVE}.
 */
public final class PlanDrift {

    /**
     * Never drift: {@code timeouts} is Terraform's own setting (nothing in AWS), {@code tags_all} the merge of
     * {@code tags} and the provider's default tags (the change shows on {@code tags} already).
     */
    static final Set<String> IGNORED = Set.of("timeouts", "tags_all");

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private PlanDrift() {
    }

    /**
     * @param stack   the stack id
     * @param refresh {@code terraform show -json} of {@code plan -refresh-only}
     * @param apply   {@code terraform show -json} of a normal plan, or null (remedies are then unknown)
     * @param schema  the provider's attribute schema ({@link AttributeSchema#NONE}: every attribute is an argument)
     * @param rules   the rules every stack of the environment declares
     */
    public static StackDrift parse(String stack, JsonNode refresh, JsonNode apply, AttributeSchema schema,
                                   SecurityGroupRules rules) {
        Map<String, JsonNode> planned = new HashMap<>();
        if (apply != null) {
            apply.path("resource_changes").forEach(rc -> planned.put(rc.path("address").asText(), rc));
        }
        Map<String, Set<String>> configured = configured(refresh);
        List<DriftItem> items = new ArrayList<>();
        for (JsonNode rd : refresh.path("resource_drift")) {
            if (!rd.path("mode").asText().equals("managed")) {
                continue;
            }
            String address = rd.path("address").asText();
            String type = rd.path("type").asText();
            JsonNode change = rd.path("change");
            List<String> actions = actions(change);
            JsonNode before = change.path("before");
            String id = id(before);
            JsonNode rc = planned.get(address);
            if (actions.equals(List.of("delete"))) {
                DriftItem.Remedy remedy = apply == null ? DriftItem.Remedy.UNKNOWN
                        : rc != null && actions(rc.path("change")).contains("create") ? DriftItem.Remedy.RECREATES
                        : DriftItem.Remedy.KEEPS;
                items.add(new DriftItem(stack, address, type, id, DriftItem.Kind.GONE, "", null, null, remedy));
                continue;
            }
            if (!actions.equals(List.of("update"))) {
                continue;
            }
            List<Leaf> leaves = new ArrayList<>();
            diff(new ArrayList<>(), before, change.path("after"), leaves);
            for (Leaf leaf : leaves) {
                String attribute = (String) leaf.path.get(0);
                Set<String> set = configured.getOrDefault(address, Set.of());
                if (IGNORED.contains(attribute) || !schema.argument(type, attribute)
                        || rulesAttribute(type, attribute, set)) {
                    continue;
                }
                DriftItem.Remedy remedy = remedy(apply != null, rc, leaf.path);
                if (!set.contains(attribute) && (apply != null ? remedy != DriftItem.Remedy.REVERTS
                        && remedy != DriftItem.Remedy.REPLACES : schema.computed(type, attribute))) {
                    // Left to AWS by the configuration (Optional+Computed, not set): an apply never changes it, and
                    // another resource often sets it (a bucket's versioning, by aws_s3_bucket_versioning).
                    continue;
                }
                boolean sensitive = schema.sensitive(type, attribute)
                        || marked(change.path("before_sensitive"), leaf.path)
                        || marked(change.path("after_sensitive"), leaf.path);
                items.add(new DriftItem(stack, address, type, id, DriftItem.Kind.CHANGED, path(leaf.path),
                        mask(leaf.recorded, sensitive), mask(leaf.found, sensitive), remedy));
            }
        }
        JsonNode root = refresh.path("prior_state").path("values").path("root_module");
        List<JsonNode> resources = SecurityGroupRules.resources(root);
        for (JsonNode r : resources) {
            if (!r.path("type").asText().equals("aws_security_group")) {
                continue;
            }
            String address = r.path("address").asText();
            String group = r.path("values").path("id").asText();
            for (String direction : List.of("ingress", "egress")) {
                if (configured.getOrDefault(address, Set.of()).contains(direction)) {
                    continue;
                }
                for (SecurityGroupRules.Found f : SecurityGroupRules.of(group, direction,
                        r.path("values").path(direction))) {
                    if (!rules.declares(f.rule())) {
                        items.add(new DriftItem(stack, address, "aws_security_group", group,
                                DriftItem.Kind.UNMANAGED_RULE, direction, null, f.rule().json(f.description()),
                                apply == null ? DriftItem.Remedy.UNKNOWN : DriftItem.Remedy.KEEPS));
                    }
                }
            }
        }
        Set<String> drifted = new HashSet<>();
        items.forEach(i -> drifted.add(i.address()));
        List<String> pending = new ArrayList<>();
        if (apply != null) {
            for (JsonNode rc : apply.path("resource_changes")) {
                List<String> actions = actions(rc.path("change"));
                if (actions.equals(List.of("no-op")) || actions.equals(List.of("read"))
                        || drifted.contains(rc.path("address").asText())) {
                    continue;
                }
                pending.add(rc.path("address").asText() + " " + String.join("/", actions));
            }
        }
        StackDrift.Status status = !items.isEmpty() ? StackDrift.Status.DRIFTED
                : resources.isEmpty() && refresh.path("resource_drift").isEmpty() ? StackDrift.Status.NOT_DEPLOYED
                : StackDrift.Status.CLEAN;
        return new StackDrift(stack, status, items, pending, null);
    }

    /**
     * How a person knows the resource: a DB instance's identifier (its provider id is the opaque resource id
     * {@code db-...}), else the provider's id.
     */
    private static String id(JsonNode values) {
        String identifier = values.path("identifier").asText("");
        return !identifier.isEmpty() ? identifier : values.path("id").asText("");
    }

    /** A group's ingress/egress that the configuration leaves to separate rule resources. */
    private static boolean rulesAttribute(String type, String attribute, Set<String> configured) {
        return type.equals("aws_security_group") && (attribute.equals("ingress") || attribute.equals("egress"))
                && !configured.contains(attribute);
    }

    /** Per resource address: the arguments its configuration sets. */
    private static Map<String, Set<String>> configured(JsonNode plan) {
        Map<String, Set<String>> out = new HashMap<>();
        plan.path("configuration").path("root_module").path("resources").forEach(r -> {
            Set<String> names = new TreeSet<>();
            r.path("expressions").fieldNames().forEachRemaining(names::add);
            out.put(r.path("address").asText(), names);
        });
        return out;
    }

    private static DriftItem.Remedy remedy(boolean planned, JsonNode rc, List<Object> path) {
        if (!planned) {
            return DriftItem.Remedy.UNKNOWN;
        }
        if (rc == null) {
            return DriftItem.Remedy.KEEPS;
        }
        List<String> actions = actions(rc.path("change"));
        if (actions.contains("delete") && actions.contains("create")) {
            return DriftItem.Remedy.REPLACES;
        }
        if (!actions.contains("update")) {
            return DriftItem.Remedy.KEEPS;
        }
        JsonNode change = rc.path("change");
        boolean differs = !same(at(change.path("before"), path), at(change.path("after"), path))
                || marked(change.path("after_unknown"), path);
        return differs ? DriftItem.Remedy.REVERTS : DriftItem.Remedy.KEEPS;
    }

    private record Leaf(List<Object> path, JsonNode recorded, JsonNode found) {
    }

    /** Every differing leaf; lists of different lengths and differing scalars are one leaf each. */
    private static void diff(List<Object> path, JsonNode a, JsonNode b, List<Leaf> out) {
        if (same(a, b)) {
            return;
        }
        if (a != null && b != null && a.isObject() && b.isObject()) {
            TreeSet<String> keys = new TreeSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                path.add(k);
                diff(path, a.get(k), b.get(k), out);
                path.remove(path.size() - 1);
            }
            return;
        }
        if (a != null && b != null && a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                path.add(i);
                diff(path, a.get(i), b.get(i), out);
                path.remove(path.size() - 1);
            }
            return;
        }
        if (path.isEmpty()) {
            return; // a whole resource's value of another shape: not an update Terraform would show
        }
        out.add(new Leaf(List.copyOf(path), absent(a) ? null : a, absent(b) ? null : b));
    }

    /** Equal, counting null, a missing value, "", [] and {} as the same "none". */
    private static boolean same(JsonNode a, JsonNode b) {
        if (absent(a) || absent(b)) {
            return absent(a) && absent(b);
        }
        return a.equals(b);
    }

    private static boolean absent(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() || (n.isTextual() && n.asText().isEmpty())
                || (n.isContainerNode() && n.isEmpty());
    }

    private static JsonNode at(JsonNode node, List<Object> path) {
        JsonNode n = node;
        for (Object seg : path) {
            if (n == null) {
                return null;
            }
            n = seg instanceof Integer i ? n.get(i) : n.get((String) seg);
        }
        return n;
    }

    /** Whether a marks structure (sensitive or unknown) marks the path, or anything under it. */
    private static boolean marked(JsonNode marks, List<Object> path) {
        JsonNode n = marks;
        for (Object seg : path) {
            if (n == null || n.isMissingNode()) {
                return false;
            }
            if (n.isBoolean()) {
                return n.asBoolean();
            }
            n = seg instanceof Integer i ? n.get(i) : n.get((String) seg);
        }
        return trueSomewhere(n);
    }

    private static boolean trueSomewhere(JsonNode n) {
        if (n == null) {
            return false;
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        for (JsonNode c : n) {
            if (trueSomewhere(c)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode mask(JsonNode value, boolean sensitive) {
        return sensitive && value != null ? TextNode.valueOf(DriftItem.SENSITIVE) : value;
    }

    private static List<String> actions(JsonNode change) {
        List<String> out = new ArrayList<>();
        change.path("actions").forEach(a -> out.add(a.asText()));
        return out;
    }

    /** {@code versioning_configuration[0].status}, {@code tags.environment}, {@code tags["kubernetes.io/x"]}. */
    static String path(List<Object> path) {
        StringBuilder out = new StringBuilder();
        for (Object seg : path) {
            if (seg instanceof Integer i) {
                out.append('[').append(i).append(']');
            } else if (out.length() == 0) {
                out.append(seg);
            } else if (IDENTIFIER.matcher((String) seg).matches()) {
                out.append('.').append(seg);
            } else {
                out.append("[\"").append(((String) seg).replace("\"", "\\\"")).append("\"]");
            }
        }
        return out.toString();
    }
}
