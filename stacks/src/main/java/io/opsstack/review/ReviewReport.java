package io.opsstack.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The review as Markdown (a pull-request comment), text, or JSON. */
public final class ReviewReport {

    /** Warnings listed in the comment itself; the rest in a collapsed section. */
    private static final int MARKDOWN_WARNINGS = 20;

    private ReviewReport() {
    }

    /** "Warning: 3 resource(s) will be destroyed or replaced, 1 stack(s) removed." */
    static String headline(Review r) {
        long destroyed = r.resources.stream().filter(c -> c.action().equals("destroy") || c.replaced()
                && !c.action().equals("create")).count();
        return "Warning: " + destroyed + " resource(s) will be destroyed or replaced"
                + (r.stacksRemoved.isEmpty() ? "" : ", " + r.stacksRemoved.size() + " stack(s) removed") + ".";
    }

    /** "2 create, 1 update, 0 replace, 0 destroy; stacks added: x; removed: y" */
    static String summary(Review r) {
        StringBuilder out = new StringBuilder();
        for (String action : List.of("create", "update", "replace", "destroy")) {
            out.append(out.length() == 0 ? "" : ", ").append(r.count(action)).append(' ').append(action);
        }
        if (!r.stacksAdded.isEmpty()) {
            out.append("; stacks added: ").append(String.join(", ", r.stacksAdded));
        }
        if (!r.stacksRemoved.isEmpty()) {
            out.append("; stacks removed: ").append(String.join(", ", r.stacksRemoved));
        }
        return out.toString();
    }

    public static String markdown(Review r) {
        StringBuilder out = new StringBuilder("## opsstack review\n\n");
        List<String> warnings = r.warnings();
        if (!warnings.isEmpty()) {
            // First and loud: a destroy must not hide in a long table.
            out.append("> [!WARNING]\n> **").append(headline(r)).append("**\n");
            warnings.stream().limit(MARKDOWN_WARNINGS).forEach(w -> out.append("> - ").append(w).append('\n'));
            out.append('\n');
            if (warnings.size() > MARKDOWN_WARNINGS) {
                out.append("<details><summary>all ").append(warnings.size()).append(" warnings</summary>\n\n");
                warnings.forEach(w -> out.append("- ").append(w).append('\n'));
                out.append("\n</details>\n\n");
            }
        }
        r.notCompared.forEach((env, why) -> out.append("**Not compared: ").append(env).append("** (").append(why)
                .append(").\n\n"));
        TreeSet<String> stacks = new TreeSet<>();
        r.resources.forEach(c -> stacks.add(c.stack()));
        stacks.addAll(r.stacksAdded);
        stacks.addAll(r.stacksRemoved);
        if (stacks.isEmpty() && r.configDiffs.isEmpty() && r.configEmbeds.isEmpty()) {
            return out.append(r.notCompared.isEmpty() ? "No infrastructure changes.\n"
                    : "No infrastructure changes in the environments compared.\n").toString();
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
                for (String note : c.notes()) {
                    out.append("  - ").append(note.startsWith("data loss") || note.startsWith("impact")
                            ? "**" + note.substring(0, note.indexOf(':')) + "**" + note.substring(note.indexOf(':'))
                            : note).append('\n');
                }
                if (c.userDataDiff() != null) {
                    details(out, "user data of " + c.path(), c.userDataDiff(), "  ");
                }
            }
        }
        if (!r.configDiffs.isEmpty() || !r.configEmbeds.isEmpty()) {
            out.append("\n### Rendered configs\n\n");
            r.configEmbeds.forEach((file, embeds) -> out.append("- `config/").append(file).append("` changes only where"
                    + " it embeds ").append(String.join(", ", embeds.stream().map(e -> "`config/" + e + "`").toList()))
                    .append(" (diff below)\n\n"));
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
        List<String> warnings = r.warnings();
        if (!warnings.isEmpty()) {
            out.append("WARNING: ").append(headline(r).replaceFirst("^Warning: ", "")).append('\n');
            warnings.forEach(w -> out.append("WARNING: ").append(w).append('\n'));
        }
        r.notCompared.forEach((env, why) -> out.append("not compared: ").append(env).append(" (").append(why)
                .append(")\n"));
        boolean changes = !r.resources.isEmpty() || !r.stacksAdded.isEmpty() || !r.stacksRemoved.isEmpty()
                || !r.configDiffs.isEmpty() || !r.configEmbeds.isEmpty() || !r.findingsIntroduced.isEmpty() || !r.findingsResolved.isEmpty();
        if (!changes) {
            return out.append(r.notCompared.isEmpty() ? "no infrastructure changes\n"
                    : "no infrastructure changes in the environments compared\n").toString();
        }
        out.append("summary: ").append(summary(r)).append('\n');
        r.stacksAdded.forEach(s -> out.append("stack added: ").append(s).append('\n'));
        r.stacksRemoved.forEach(s -> out.append("stack removed: ").append(s).append('\n'));
        for (Review.ResourceChange c : r.resources) {
            out.append(c.action()).append(' ').append(c.type()).append(' ').append(c.path())
                    .append(c.replaceReason() != null ? " (" + c.replaceReason() + ")" : "").append('\n');
            c.changes().forEach(ch -> out.append("    ").append(ch.attribute()).append(": ").append(ch.before())
                    .append(" -> ").append(ch.after()).append(ch.replaces() ? " (forces replacement)" : "")
                    .append('\n'));
            c.notes().forEach(n -> out.append("    ").append(n).append('\n'));
        }
        r.configEmbeds.forEach((f, embeds) -> out.append("config/").append(f).append(" changes only where it embeds ")
                .append(String.join(", ", embeds.stream().map(e -> "config/" + e).toList())).append('\n'));
        r.configDiffs.forEach((f, d) -> out.append(d));
        r.findingsIntroduced.forEach(f -> out.append("policy introduced: ").append(f).append('\n'));
        r.findingsResolved.forEach(f -> out.append("policy resolved: ").append(f).append('\n'));
        return out.toString();
    }

    /** Keys in a fixed order: every map here is ordered, and records are written as ordered maps too. */
    public static String json(Review r) throws Exception {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("warnings", r.warnings());
        doc.put("notCompared", r.notCompared);
        doc.put("summary", summary(r));
        doc.put("stacksAdded", r.stacksAdded);
        doc.put("stacksRemoved", r.stacksRemoved);
        List<Map<String, Object>> resources = new ArrayList<>();
        for (Review.ResourceChange c : r.resources) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("stack", c.stack());
            m.put("type", c.type());
            m.put("path", c.path());
            m.put("action", c.action());
            m.put("replaceReason", c.replaceReason());
            List<Map<String, Object>> changes = new ArrayList<>();
            for (Review.Change ch : c.changes()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("attribute", ch.attribute());
                x.put("before", ch.before());
                x.put("after", ch.after());
                x.put("replaces", ch.replaces());
                changes.add(x);
            }
            m.put("changes", changes);
            m.put("notes", c.notes());
            m.put("userDataDiff", c.userDataDiff());
            resources.add(m);
        }
        doc.put("resources", resources);
        doc.put("configEmbeds", r.configEmbeds);
        doc.put("configDiffs", r.configDiffs);
        doc.put("findingsIntroduced", r.findingsIntroduced);
        doc.put("findingsResolved", r.findingsResolved);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc);
    }
}
