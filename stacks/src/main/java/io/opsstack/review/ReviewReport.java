package io.opsstack.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The review as Markdown (a pull-request comment), text, or JSON. */
public final class ReviewReport {

    private ReviewReport() {
    }

    public static String markdown(Review r) {
        StringBuilder out = new StringBuilder("## opsstack review\n\n");
        TreeSet<String> stacks = new TreeSet<>();
        r.resources.forEach(c -> stacks.add(c.stack()));
        stacks.addAll(r.stacksAdded);
        stacks.addAll(r.stacksRemoved);
        if (stacks.isEmpty() && r.configDiffs.isEmpty()) {
            return out.append("No infrastructure changes.\n").toString();
        }
        out.append("| stack | create | update | replace | destroy |\n|---|---:|---:|---:|---:|\n");
        for (String s : stacks) {
            String label = r.stacksAdded.contains(s) ? s + " (new stack)" : r.stacksRemoved.contains(s)
                    ? s + " (stack removed)" : s;
            out.append("| ").append(label);
            for (String action : List.of("create", "update", "replace", "destroy")) {
                out.append(" | ").append(r.resources.stream().filter(c -> c.stack().equals(s)
                        && c.action().equals(action)).count());
            }
            out.append(" |\n");
        }
        long replaced = r.resources.stream().filter(c -> c.replaced() || c.action().equals("destroy")
                && !r.stacksRemoved.contains(c.stack())).count();
        if (replaced > 0) {
            out.append("\n**Warning: ").append(replaced).append(" resource(s) will be destroyed or replaced.**\n");
        }
        for (String s : stacks) {
            List<Review.ResourceChange> changes = r.resources.stream().filter(c -> c.stack().equals(s)).toList();
            if (changes.isEmpty()) {
                continue;
            }
            out.append("\n### ").append(s).append("\n\n");
            for (Review.ResourceChange c : changes) {
                String mark = switch (c.action()) {
                    case "create" -> "+";
                    case "destroy" -> "-";
                    case "replace" -> "-/+";
                    default -> "~";
                };
                out.append("- `").append(mark).append("` ").append(c.action()).append(" `").append(c.type())
                        .append("` `").append(c.path()).append('`');
                if (c.replaceReason() != null) {
                    out.append(": ").append(c.replaceReason());
                }
                out.append('\n');
                for (Review.Change ch : c.changes()) {
                    out.append("  - `").append(ch.attribute()).append("`: `").append(ch.before()).append("` -> `")
                            .append(ch.after()).append('`').append(ch.replaces() ? " (forces replacement)" : "")
                            .append('\n');
                }
                if (c.userDataDiff() != null) {
                    details(out, "user data of " + c.path(), c.userDataDiff(), "  ");
                }
            }
        }
        if (!r.configDiffs.isEmpty()) {
            out.append("\n### Rendered configs\n\n");
            r.configDiffs.forEach((file, diff) -> details(out, "config/" + file, diff, ""));
        }
        if (!r.findingsIntroduced.isEmpty() || !r.findingsResolved.isEmpty()) {
            out.append("\n### Policy\n\n");
            r.findingsIntroduced.forEach(f -> out.append("- introduced: ").append(f).append('\n'));
            r.findingsResolved.forEach(f -> out.append("- resolved: ").append(f).append('\n'));
        }
        return out.toString();
    }

    private static void details(StringBuilder out, String summary, String diff, String indent) {
        out.append(indent).append("<details><summary>").append(summary).append("</summary>\n\n")
                .append(indent).append("```diff\n")
                .append(diff.stripTrailing().replace("\n", "\n" + indent).replaceFirst("^", indent)).append('\n')
                .append(indent)
                .append("```\n\n").append(indent).append("</details>\n\n");
    }

    public static String text(Review r) {
        StringBuilder out = new StringBuilder();
        r.stacksAdded.forEach(s -> out.append("stack added: ").append(s).append('\n'));
        r.stacksRemoved.forEach(s -> out.append("stack removed: ").append(s).append('\n'));
        for (Review.ResourceChange c : r.resources) {
            out.append(c.action()).append(' ').append(c.type()).append(' ').append(c.path())
                    .append(c.replaceReason() != null ? " (" + c.replaceReason() + ")" : "").append('\n');
            c.changes().forEach(ch -> out.append("    ").append(ch.attribute()).append(": ").append(ch.before())
                    .append(" -> ").append(ch.after()).append('\n'));
        }
        r.configDiffs.forEach((f, d) -> out.append(d));
        r.findingsIntroduced.forEach(f -> out.append("policy introduced: ").append(f).append('\n'));
        r.findingsResolved.forEach(f -> out.append("policy resolved: ").append(f).append('\n'));
        return out.length() == 0 ? "no infrastructure changes\n" : out.toString();
    }

    public static String json(Review r) throws Exception {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("stacksAdded", r.stacksAdded);
        doc.put("stacksRemoved", r.stacksRemoved);
        doc.put("resources", r.resources);
        doc.put("configDiffs", r.configDiffs);
        doc.put("findingsIntroduced", r.findingsIntroduced);
        doc.put("findingsResolved", r.findingsResolved);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc);
    }
}
