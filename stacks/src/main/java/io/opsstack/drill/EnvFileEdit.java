package io.opsstack.drill;

import io.opsstack.config.ConfigException;
import io.opsstack.config.ConfigLoader;
import io.opsstack.config.ConfigProblem;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * An edit of an environment file as a doc's {@code yaml} block shows it, applied in place (comments, order and the
 * other lines kept, as a user's pull request would change them):
 * <ul>
 *   <li>a scalar under a key path ({@code database:} / {@code restoreFromSnapshot: x}) sets that key, adding it
 *       (or its section) when the file has none;</li>
 *   <li>the items of a {@code suppressions:} list are appended (an item with the same rule and resource is not
 *       added twice); {@link #remove} takes the same items out again, as "remove the suppression" says.</li>
 * </ul>
 * The result must load ({@link ConfigLoader#parse}); a doc block that sets a key the loader rejects fails here.
 */
public final class EnvFileEdit {

    private EnvFileEdit() {
    }

    /** Applies the fragment to the file's text and validates the result as environment {@code env}. */
    public static String apply(String text, String fragment, String display, String env, String where)
            throws DrillException {
        String edited = edit(text, fragment, where, false);
        check(edited, display, env, where);
        return edited;
    }

    /** Removes the fragment's suppression items again (scalars are left as they are) and validates. */
    public static String remove(String text, String fragment, String display, String env, String where)
            throws DrillException {
        String edited = edit(text, fragment, where, true);
        check(edited, display, env, where);
        return edited;
    }

    private static void check(String edited, String display, String env, String where) throws DrillException {
        try {
            new ConfigLoader(java.nio.file.Path.of(".")).parse(display, env, edited);
        } catch (ConfigException e) {
            throw new DrillException(where + ": after this edit the environment file does not load: "
                    + e.problems().stream().map(ConfigProblem::format).collect(Collectors.joining("; ")));
        }
    }

    private static MappingNode root(String text, String where) throws DrillException {
        Node n;
        try {
            n = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
        } catch (RuntimeException e) {
            throw new DrillException(where + ": not YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!(n instanceof MappingNode m)) {
            throw new DrillException(where + ": a mapping of keys is expected");
        }
        return m;
    }

    private static String edit(String text, String fragment, String where, boolean remove) throws DrillException {
        MappingNode frag = root(fragment, where);
        String out = text;
        for (NodeTuple t : frag.getValue()) {
            String key = key(t);
            if (t.getValueNode() instanceof SequenceNode seq) {
                if (!key.equals("suppressions")) {
                    throw new DrillException(where + ": only suppressions items are added by a drill edit; " + key
                            + " is a list");
                }
                for (Node item : seq.getValue()) {
                    String itemText = fragment.substring(lineStart(fragment, item.getStartMark().getIndex()),
                            lineEnd(fragment, contentEnd(item)));
                    out = remove ? removeItem(out, item, where) : addItem(out, item, itemText, where);
                }
            } else if (!remove) {
                out = set(out, List.of(key), t.getValueNode(), fragment, where);
            }
        }
        return out;
    }

    private static String set(String text, List<String> path, Node value, String fragment, String where)
            throws DrillException {
        if (value instanceof MappingNode m) {
            String out = text;
            for (NodeTuple t : m.getValue()) {
                List<String> p = new ArrayList<>(path);
                p.add(key(t));
                out = set(out, p, t.getValueNode(), fragment, where);
            }
            return out;
        }
        if (!(value instanceof ScalarNode)) {
            throw new DrillException(where + ": " + String.join(".", path) + ": a drill edit sets scalars");
        }
        String literal = fragment.substring(value.getStartMark().getIndex(), value.getEndMark().getIndex());
        MappingNode map = root(text, where);
        int depth = 0;
        while (true) {
            NodeTuple found = null;
            for (NodeTuple t : map.getValue()) {
                if (key(t).equals(path.get(depth))) {
                    found = t;
                }
            }
            if (found == null) {
                return insert(text, map, path.subList(depth, path.size()), literal, depth);
            }
            Node v = found.getValueNode();
            if (depth == path.size() - 1) {
                if (!(v instanceof ScalarNode)) {
                    throw new DrillException(where + ": " + String.join(".", path) + " is not a scalar in the file");
                }
                return text.substring(0, v.getStartMark().getIndex()) + literal
                        + text.substring(v.getEndMark().getIndex());
            }
            if (!(v instanceof MappingNode next) || next.getFlowStyle() == DumperOptions.FlowStyle.FLOW) {
                throw new DrillException(where + ": " + String.join(".", path.subList(0, depth + 1)) + " must be a"
                        + " block mapping in the file to be edited in place");
            }
            map = next;
            depth++;
        }
    }

    /** Adds the rest of a key path as new lines: after the mapping's last key, at its indentation. */
    private static String insert(String text, MappingNode map, List<String> rest, String literal, int depth) {
        int indent;
        int at;
        if (depth == 0) {
            indent = 0;
            at = text.length();
        } else {
            indent = map.getValue().get(0).getKeyNode().getStartMark().getColumn();
            at = lineEnd(text, contentEnd(map));
        }
        StringBuilder add = new StringBuilder();
        for (int i = 0; i < rest.size(); i++) {
            add.append(" ".repeat(indent + 2 * i)).append(rest.get(i)).append(':');
            add.append(i == rest.size() - 1 ? " " + literal + "\n" : "\n");
        }
        String before = text.substring(0, at);
        if (!before.isEmpty() && !before.endsWith("\n")) {
            before += "\n";
        }
        return before + add + text.substring(at);
    }

    private static String addItem(String text, Node item, String itemText, String where) throws DrillException {
        MappingNode root = root(text, where);
        NodeTuple list = null;
        for (NodeTuple t : root.getValue()) {
            if (key(t).equals("suppressions")) {
                list = t;
            }
        }
        String body = reindent(itemText, 2);
        if (list == null || list.getValueNode() instanceof ScalarNode) {
            String base = list == null ? text
                    : text.substring(0, lineStart(text, list.getKeyNode().getStartMark().getIndex()))
                    + text.substring(lineEnd(text, contentEnd(list.getValueNode())));
            return base + (base.endsWith("\n") || base.isEmpty() ? "" : "\n") + "suppressions:\n" + body;
        }
        if (!(list.getValueNode() instanceof SequenceNode seq)) {
            throw new DrillException(where + ": suppressions is not a list in the file");
        }
        for (Node existing : seq.getValue()) {
            if (sameItem(existing, item)) {
                return text;
            }
        }
        if (seq.getFlowStyle() == DumperOptions.FlowStyle.FLOW) {
            if (!seq.getValue().isEmpty()) {
                throw new DrillException(where + ": write suppressions in block style to be edited in place");
            }
            return text.substring(0, lineStart(text, list.getKeyNode().getStartMark().getIndex())) + "suppressions:\n"
                    + body + text.substring(lineEnd(text, contentEnd(seq)));
        }
        int indent = seq.getValue().get(0).getStartMark().getColumn() - 2;
        int at = lineEnd(text, contentEnd(seq));
        String before = text.substring(0, at);
        return before + (before.endsWith("\n") ? "" : "\n") + reindent(itemText, indent) + text.substring(at);
    }

    private static String removeItem(String text, Node item, String where) throws DrillException {
        MappingNode root = root(text, where);
        for (NodeTuple t : root.getValue()) {
            if (key(t).equals("suppressions") && t.getValueNode() instanceof SequenceNode seq) {
                for (Node existing : seq.getValue()) {
                    if (sameItem(existing, item)) {
                        if (seq.getValue().size() == 1) {
                            return text.substring(0, lineStart(text, t.getKeyNode().getStartMark().getIndex()))
                                    + "suppressions: []\n" + text.substring(lineEnd(text, contentEnd(seq)));
                        }
                        return text.substring(0, lineStart(text, existing.getStartMark().getIndex()))
                                + text.substring(lineEnd(text, contentEnd(existing)));
                    }
                }
            }
        }
        throw new DrillException(where + ": the suppression to remove is not in the file");
    }

    private static boolean sameItem(Node a, Node b) {
        Map<String, String> x = scalars(a);
        Map<String, String> y = scalars(b);
        return Objects.equals(x.get("rule"), y.get("rule")) && Objects.equals(x.get("resource"), y.get("resource"));
    }

    private static Map<String, String> scalars(Node n) {
        Map<String, String> m = new java.util.HashMap<>();
        if (n instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                if (t.getValueNode() instanceof ScalarNode s) {
                    m.put(key(t), s.getValue());
                }
            }
        }
        return m;
    }

    /** An item's lines ("- rule: ..." and its keys), moved so that the dash is at {@code indent}. */
    private static String reindent(String itemText, int indent) {
        List<String> lines = itemText.lines().toList();
        int dash = lines.get(0).indexOf('-');
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            String strip = l.length() >= dash && l.substring(0, dash).isBlank() ? l.substring(dash) : l.stripLeading();
            b.append(" ".repeat(indent)).append(strip).append('\n');
        }
        return b.toString();
    }

    /** Where a node's own text ends (a block node's end mark is the next token's start, past comments). */
    private static int contentEnd(Node n) {
        if (n instanceof MappingNode m && m.getFlowStyle() == DumperOptions.FlowStyle.BLOCK && !m.getValue().isEmpty()) {
            return contentEnd(m.getValue().get(m.getValue().size() - 1).getValueNode());
        }
        if (n instanceof SequenceNode q && q.getFlowStyle() == DumperOptions.FlowStyle.BLOCK && !q.getValue().isEmpty()) {
            return contentEnd(q.getValue().get(q.getValue().size() - 1));
        }
        return n.getEndMark().getIndex();
    }

    private static String key(NodeTuple t) {
        return ((ScalarNode) t.getKeyNode()).getValue();
    }

    private static int lineStart(String s, int index) {
        int i = index;
        while (i > 0 && s.charAt(i - 1) != '\n') {
            i--;
        }
        // the dash of a sequence item precedes its mapping's first key
        return i;
    }

    private static int lineEnd(String s, int index) {
        if (index > 0 && index <= s.length() && s.charAt(index - 1) == '\n') {
            return index;
        }
        int i = s.indexOf('\n', index);
        return i < 0 ? s.length() : i + 1;
    }
}
