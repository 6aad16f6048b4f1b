package io.opsstack.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML mapping being bound to a record, Dropwizard style: every accessor records the key as known and reports
 * type problems with file:line:column and the key path, then {@link #finish()} reports keys nobody asked for,
 * with a "did you mean". Binding never throws: it collects every problem and returns defaults so that checks
 * further down still run and the user sees all problems in one go.
 */
final class YamlMap {

    /** One file being bound: where problems go, and every key path the binder knows (for the docs test). */
    static final class Source {
        final String file;
        final List<ConfigProblem> problems;
        final Set<String> knownPaths;

        Source(String file, List<ConfigProblem> problems, Set<String> knownPaths) {
            this.file = file;
            this.problems = problems;
            this.knownPaths = knownPaths;
        }

        void report(Mark mark, String path, String message) {
            int line = mark == null ? 0 : mark.getLine() + 1;
            int column = mark == null ? 0 : mark.getColumn() + 1;
            problems.add(new ConfigProblem(file, line, column, path, message));
        }
    }

    /** The longest scalar value bound (tag values are at most 256; ARNs and names well under this). */
    static final int MAX_SCALAR = 1024;

    private final Source source;
    private final String path;
    private final MappingNode node;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Set<String> known = new LinkedHashSet<>();

    YamlMap(Source source, String path, MappingNode node) {
        this.source = source;
        this.path = path;
        this.node = node;
        for (NodeTuple tuple : node.getValue()) {
            Node key = tuple.getKeyNode();
            if (!(key instanceof ScalarNode scalar) || key.getTag().equals(Tag.NULL)) {
                source.report(key.getStartMark(), path, "keys must be plain names, found " + describe(key));
                continue;
            }
            String name = scalar.getValue();
            NodeTuple first = entries.putIfAbsent(name, tuple);
            if (first != null) {
                source.report(key.getStartMark(), childPath(name), "duplicate key (first set at line "
                        + (first.getKeyNode().getStartMark().getLine() + 1) + "); keep one of them");
            }
        }
    }

    /** Problems reported so far in this file (to skip a follow-up check when its input was already bad). */
    int problemCount() {
        return source.problems.size();
    }

    /**
     * Whether a problem was already reported at this key or below it: a check that reads the key's (defaulted)
     * value skips itself then, so the user sees the root error only, not its follow-ons.
     */
    boolean hasProblem(String key) {
        String at = childPath(key);
        return source.problems.stream().map(ConfigProblem::path).anyMatch(p -> p.equals(at)
                || p.startsWith(at + ".") || p.startsWith(at + "["));
    }

    Mark mark() {
        return node.getStartMark();
    }

    String childPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Where a key's value starts, or the mapping itself when the key is absent (for "missing" problems). */
    Mark markOf(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? node.getStartMark() : tuple.getValueNode().getStartMark();
    }

    void report(String key, String message) {
        source.report(markOf(key), childPath(key), message);
    }

    /** The value node, marking the key as known; empty when absent or null. */
    Optional<Node> value(String key) {
        known.add(key);
        source.knownPaths.add(childPath(key).replaceAll("\\[\\d+]", "[]"));
        NodeTuple tuple = entries.get(key);
        if (tuple == null || tuple.getValueNode().getTag().equals(Tag.NULL)) {
            return Optional.empty();
        }
        return Optional.of(tuple.getValueNode());
    }

    /** A scalar's text as written (so "1.10" stays "1.10" and a quoted "0123" keeps its zero). */
    Optional<String> string(String key) {
        return value(key).flatMap(v -> scalarText(v, childPath(key)));
    }

    String string(String key, String defaultValue) {
        return string(key).orElse(defaultValue);
    }

    /**
     * A string that must match {@code form}; otherwise reports {@code "value" is not <expected>} and returns it
     * anyway (binding goes on so that every problem is reported).
     */
    String matching(String key, String defaultValue, java.util.regex.Pattern form, String expected) {
        String v = string(key, defaultValue);
        if (v != null && !form.matcher(v).matches()) {
            report(key, "\"" + v + "\" is not " + expected);
        }
        return v;
    }

    /** A required string; reports "required" with an example of the expected value when absent. */
    Optional<String> requiredString(String key, String example) {
        if (value(key).isEmpty()) {
            source.report(node.getStartMark(), childPath(key), "required key is missing (add e.g. `" + key + ": "
                    + example + "`)");
            return Optional.empty();
        }
        return string(key);
    }

    /** A whole number in decimal. Leading zeros are refused: YAML 1.1 would read 010 as octal 8. */
    int integer(String key, int defaultValue) {
        Optional<Node> v = value(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        Node n = v.get();
        if (n instanceof ScalarNode s && n.getTag().equals(Tag.INT)) {
            String text = s.getValue();
            if (text.matches("-?(0|[1-9][0-9]{0,8})")) {
                return Integer.parseInt(text);
            }
            source.report(n.getStartMark(), childPath(key), "\"" + text + "\" is not a plain decimal whole number"
                    + " (write it like " + defaultValue + ", without leading zeros, underscores or a base prefix)");
            return defaultValue;
        }
        source.report(n.getStartMark(), childPath(key), "expected a whole number, found " + describe(n)
                + " (write it like " + defaultValue + ")");
        return defaultValue;
    }

    /** A decimal number such as 0.2 or 1, kept exactly as written (so 0.2 never becomes 0.20000000000000001). */
    java.math.BigDecimal decimal(String key, String defaultValue) {
        Optional<Node> v = value(key);
        if (v.isEmpty()) {
            return new java.math.BigDecimal(defaultValue);
        }
        Node n = v.get();
        if (n instanceof ScalarNode s && (n.getTag().equals(Tag.INT) || n.getTag().equals(Tag.FLOAT))
                && s.getValue().matches("(0|[1-9][0-9]{0,8})(\\.[0-9]{1,6})?")) {
            return new java.math.BigDecimal(s.getValue());
        }
        source.report(n.getStartMark(), childPath(key), "expected a plain decimal number, found " + describe(n)
                + " (write it like " + defaultValue + ")");
        return new java.math.BigDecimal(defaultValue);
    }

    /** true or false only: yes/no/on/off are YAML 1.1 booleans that surprise people, so they are refused. */
    boolean bool(String key, boolean defaultValue) {
        Optional<Node> v = value(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        Node n = v.get();
        if (n instanceof ScalarNode s && (s.getValue().equals("true") || s.getValue().equals("false"))
                && n.getTag().equals(Tag.BOOL)) {
            return Boolean.parseBoolean(s.getValue());
        }
        source.report(n.getStartMark(), childPath(key), "expected true or false, found " + describe(n));
        return defaultValue;
    }

    /** The keys present, in file order. */
    List<String> keys() {
        return List.copyOf(entries.keySet());
    }

    /** Whether the key is present with a non-null value (does not mark it known). */
    boolean has(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple != null && !tuple.getValueNode().getTag().equals(Tag.NULL);
    }

    /**
     * A stand-in for an absent section, so defaults go through the same accessors (and key paths are recorded)
     * as a present one. Problems it reports point at this mapping.
     */
    YamlMap emptyChild(String key) {
        MappingNode empty = new MappingNode(Tag.MAP, true, new ArrayList<>(), node.getStartMark(), node.getEndMark(),
                node.getFlowStyle());
        return new YamlMap(source, childPath(key), empty);
    }

    /** How many items a list (or entries a mapping) has under {@code key}; 0 when absent or a single value. */
    int listSize(String key) {
        NodeTuple tuple = entries.get(key);
        if (tuple == null) {
            return 0;
        }
        Node v = tuple.getValueNode();
        return v instanceof SequenceNode seq ? seq.getValue().size() : v instanceof MappingNode m ? m.getValue().size()
                : 0;
    }

    /** A list of mappings, each bound by the caller; empty when absent. */
    List<YamlMap> list(String key) {
        Optional<Node> v = value(key);
        if (v.isEmpty()) {
            return List.of();
        }
        if (!(v.get() instanceof SequenceNode seq)) {
            source.report(v.get().getStartMark(), childPath(key), "expected a list of mappings (lines starting"
                    + " with `- `), found " + describe(v.get()));
            return List.of();
        }
        List<YamlMap> out = new ArrayList<>();
        for (int i = 0; i < seq.getValue().size(); i++) {
            Node item = seq.getValue().get(i);
            String itemPath = childPath(key) + "[" + i + "]";
            if (item instanceof MappingNode m) {
                out.add(new YamlMap(source, itemPath, m));
            } else {
                source.report(item.getStartMark(), itemPath, "expected a mapping, found " + describe(item));
            }
        }
        return out;
    }

    /** A nested mapping; empty when absent or null, or (reported) not a mapping. */
    Optional<YamlMap> map(String key) {
        return value(key).flatMap(n -> {
            if (n instanceof MappingNode m) {
                return Optional.of(new YamlMap(source, childPath(key), m));
            }
            source.report(n.getStartMark(), childPath(key), "expected a mapping (indented `key: value` lines), found "
                    + describe(n));
            return Optional.empty();
        });
    }

    /** A list of strings; each item is checked with {@code check} (null message = fine). */
    List<String> stringList(String key, List<String> defaultValue, Function<String, String> check) {
        Optional<Node> v = value(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        if (!(v.get() instanceof SequenceNode seq)) {
            source.report(v.get().getStartMark(), childPath(key), "expected a list (like [a, b]), found "
                    + describe(v.get()));
            return defaultValue;
        }
        List<String> out = new ArrayList<>();
        List<Node> items = seq.getValue();
        for (int i = 0; i < items.size(); i++) {
            String itemPath = childPath(key) + "[" + i + "]";
            Node item = items.get(i);
            Optional<String> text = scalarText(item, itemPath);
            if (text.isEmpty()) {
                if (item.getTag().equals(Tag.NULL)) {
                    source.report(item.getStartMark(), itemPath, "empty list item; remove it");
                }
                continue;
            }
            String problem = check.apply(text.get());
            if (problem != null) {
                source.report(item.getStartMark(), itemPath, problem);
                continue;
            }
            out.add(text.get());
        }
        return List.copyOf(out);
    }

    /** A mapping of string keys to string values, in file order; {@code check(key, value)} may report. */
    Map<String, String> stringMap(String key, java.util.function.BiFunction<String, String, String> check) {
        Map<String, String> out = new LinkedHashMap<>();
        map(key).ifPresent(m -> {
            for (String k : m.entries.keySet()) {
                m.known.add(k);
                Node valueNode = m.entries.get(k).getValueNode();
                Optional<String> text = m.scalarText(valueNode, m.childPath(k));
                if (text.isEmpty()) {
                    if (valueNode.getTag().equals(Tag.NULL)) {
                        m.report(k, "has no value; give it one or remove the key");
                    }
                    continue;
                }
                String problem = check.apply(k, text.get());
                if (problem != null) {
                    m.source.report(m.entries.get(k).getKeyNode().getStartMark(), m.childPath(k), problem);
                    continue;
                }
                out.put(k, text.get());
            }
        });
        return out;
    }

    /** Reports every key no accessor asked for. Call after binding all known keys of this mapping. */
    void finish() {
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            if (!known.contains(e.getKey())) {
                source.report(e.getValue().getKeyNode().getStartMark(), childPath(e.getKey()),
                        "unknown key" + Suggest.didYouMean(e.getKey(), known)
                                + (Suggest.closest(e.getKey(), known).isEmpty()
                                        ? " (known here: " + String.join(", ", known) + ")" : ""));
            }
        }
    }

    private Optional<String> scalarText(Node n, String at) {
        if (n.getTag().equals(Tag.NULL)) {
            return Optional.empty();
        }
        if (n instanceof ScalarNode s) {
            // Bounded before any check reads it: the longest real value (an ARN, a tag value) is a few hundred
            // characters, and a regular expression over 5,000 can overflow the stack.
            if (s.getValue().length() > MAX_SCALAR) {
                source.report(n.getStartMark(), at, "is " + s.getValue().length() + " characters long; values in"
                        + " environment files are at most " + MAX_SCALAR);
                return Optional.empty();
            }
            return Optional.of(s.getValue());
        }
        source.report(n.getStartMark(), at, "expected a single value, found " + describe(n));
        return Optional.empty();
    }

    static String describe(Node n) {
        if (n instanceof MappingNode) {
            return "a mapping";
        }
        if (n instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode s = (ScalarNode) n;
        Tag tag = n.getTag();
        if (tag.equals(Tag.NULL)) {
            return "nothing (null)";
        }
        if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
            return "the number " + s.getValue();
        }
        if (tag.equals(Tag.BOOL)) {
            return "the boolean " + s.getValue();
        }
        return "\"" + s.getValue() + "\"";
    }
}
