package io.opsstack.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A policy document (IAM, bucket, key, trust policy: any attribute whose value is JSON with a Statement) diffed as
 * statements: which statement (by Sid, else by position), and which of its effect, actions, resources, principals
 * and conditions changed. A reviewer reads "Action: + s3:DeleteObject", not "(1684 characters) -> (1665 characters)".
 */
final class PolicyDiff {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The statement elements, in the order IAM's documentation lists them. */
    private static final List<String> ELEMENTS = List.of("Effect", "Principal", "NotPrincipal", "Action", "NotAction",
            "Resource", "NotResource", "Condition");
    private static final int LONG = 120;

    private PolicyDiff() {
    }

    /** The document, or null when {@code text} is not a policy document. */
    static JsonNode parse(String text) {
        if (text == null || !text.stripLeading().startsWith("{")) {
            return null;
        }
        try {
            JsonNode doc = JSON.readTree(text);
            return doc.isObject() && doc.has("Statement") ? doc : null;
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * Statement-level changes of {@code attribute}, or null when neither side is a policy document (the caller
     * then shows the plain values).
     */
    static List<Review.Change> changes(String attribute, String before, String after, boolean replaces) {
        JsonNode a = parse(before);
        JsonNode b = parse(after);
        if (a == null && b == null || a == null && before != null || b == null && after != null) {
            return null;
        }
        Map<String, JsonNode> x = statements(a);
        Map<String, JsonNode> y = statements(b);
        Set<String> keys = new TreeSet<>(x.keySet());
        keys.addAll(y.keySet());
        List<Review.Change> out = new ArrayList<>();
        for (String key : keys) {
            JsonNode s1 = x.get(key);
            JsonNode s2 = y.get(key);
            String where = attribute + " statement " + key;
            if (s1 == null) {
                out.add(new Review.Change(where + " (added)", "(none)", describe(s2), replaces));
            } else if (s2 == null) {
                out.add(new Review.Change(where + " (removed)", describe(s1), "(none)", replaces));
            } else if (!s1.equals(s2)) {
                Set<String> fields = new TreeSet<>((f1, f2) -> Integer.compare(order(f1), order(f2)) != 0
                        ? Integer.compare(order(f1), order(f2)) : f1.compareTo(f2));
                s1.fieldNames().forEachRemaining(fields::add);
                s2.fieldNames().forEachRemaining(fields::add);
                fields.remove("Sid");
                for (String f : fields) {
                    JsonNode v1 = s1.get(f);
                    JsonNode v2 = s2.get(f);
                    if (v1 == null || !v1.equals(v2)) {
                        String[] shown = values(v1, v2);
                        out.add(new Review.Change(where + " " + f, shown[0], shown[1], replaces));
                    }
                }
            }
        }
        JsonNode version1 = a == null ? null : a.get("Version");
        JsonNode version2 = b == null ? null : b.get("Version");
        if (a != null && b != null && (version1 == null ? version2 != null : !version1.equals(version2))) {
            out.add(new Review.Change(attribute + " Version", String.valueOf(version1), String.valueOf(version2),
                    replaces));
        }
        return out;
    }

    private static int order(String field) {
        int i = ELEMENTS.indexOf(field);
        return i < 0 ? ELEMENTS.size() : i;
    }

    /** Statements by "Sid" ("\"TlsOnly\""), else by position ("#2"). */
    private static Map<String, JsonNode> statements(JsonNode doc) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (doc == null) {
            return out;
        }
        JsonNode statements = doc.get("Statement");
        List<JsonNode> list = new ArrayList<>();
        if (statements.isArray()) {
            statements.forEach(list::add);
        } else {
            list.add(statements);
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode s = list.get(i);
            String sid = s.path("Sid").asText("");
            out.put(sid.isEmpty() ? "#" + (i + 1) : "\"" + sid + "\"", s);
        }
        return out;
    }

    /** "Allow Action [s3:GetObject] Resource [...]": a whole statement, short. */
    private static String describe(JsonNode s) {
        StringBuilder out = new StringBuilder();
        for (String f : ELEMENTS) {
            if (s.has(f)) {
                out.append(out.length() == 0 ? "" : "; ").append(f).append(' ').append(compact(s.get(f)));
            }
        }
        return out.toString();
    }

    /** Both values; lists (and principals, conditions) that are long show only what left and what came. */
    private static String[] values(JsonNode v1, JsonNode v2) {
        String c1 = v1 == null ? "(none)" : compact(v1);
        String c2 = v2 == null ? "(none)" : compact(v2);
        if (c1.length() <= LONG && c2.length() <= LONG || v1 == null || v2 == null) {
            return new String[] {c1, c2};
        }
        Set<String> a = leaves("", v1);
        Set<String> b = leaves("", v2);
        Set<String> removed = new TreeSet<>(a);
        removed.removeAll(b);
        Set<String> added = new TreeSet<>(b);
        added.removeAll(a);
        return new String[] {removed.isEmpty() ? "(nothing removed)" : "- " + String.join(", ", removed),
                added.isEmpty() ? "(nothing added)" : "+ " + String.join(", ", added)};
    }

    /** Every leaf value with its object path: "AWS=arn:...", "StringEquals.aws:SourceAccount=123". */
    private static Set<String> leaves(String prefix, JsonNode n) {
        Set<String> out = new TreeSet<>();
        if (n.isObject()) {
            n.properties().forEach(f -> out.addAll(leaves(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(),
                    f.getValue())));
        } else if (n.isArray()) {
            n.forEach(e -> out.addAll(leaves(prefix, e)));
        } else {
            out.add(prefix.isEmpty() ? n.asText() : prefix + "=" + n.asText());
        }
        return out;
    }

    private static String compact(JsonNode n) {
        return n.isTextual() ? n.asText() : n.toString();
    }
}
