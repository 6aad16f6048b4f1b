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

    /** GitHub refuses a comment over 65,536 characters; the markdown stays below this, cut at a section. */
    public static final int COMMENT_LIMIT = 60_000;

    /** "[data loss, outage]" */
    static String consequences(Cause c) {
        return c.consequences().stream().map(x -> x.label).toList().toString();
    }

    public static String markdown(Review r) {
        StringBuilder out = new StringBuilder("## opsstack review").append(r.source.equals("plan")
                ? " (from terraform plan)" : "").append("\n\n");
        List<String> warnings = r.warnings();
        if (!r.causes.isEmpty()) {
            // The one fact first: a headline per cause, the worst consequence first.
            boolean severe = r.causes.get(0).first().compareTo(Consequence.COST) < 0 || !warnings.isEmpty();
            out.append(severe ? "> [!WARNING]\n" : "> [!NOTE]\n");
            int i = 1;
            for (Cause c : r.causes) {
                out.append("> ").append(i++).append(". **").append(c.first().label).append("**: ")
                        .append(c.headline()).append('\n');
            }
            out.append('\n');
        }
        if (!warnings.isEmpty()) {
            out.append("<details><summary>").append(headline(r).replaceFirst("^Warning: ", "")).append(" (all ")
                    .append(warnings.size()).append(" warnings)</summary>\n\n");
            warnings.forEach(w -> out.append("- ").append(w).append('\n'));
            out.append("\n</details>\n\n");
        }
        r.notCompared.forEach((env, why) -> out.append("**Not compared: ").append(env).append("** (").append(why)
                .append(").\n\n"));
        TreeSet<String> stacks = new TreeSet<>();
        r.resources.forEach(c -> stacks.add(c.stack()));
        stacks.addAll(r.stacksAdded);
        stacks.addAll(r.stacksRemoved);
        if (stacks.isEmpty() && r.configDiffs.isEmpty() && r.configEmbeds.isEmpty() && r.metaOnly.isEmpty()) {
            return out.append(r.notCompared.isEmpty() ? "No infrastructure changes.\n"
                    : "No infrastructure changes in the environments compared.\n").toString();
        }
        if (!stacks.isEmpty()) {
            out.append("| stack | create | update | replace | destroy |\n|---|---:|---:|---:|---:|\n");
        }
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
        Map<String, Review.ResourceChange> byPath = new LinkedHashMap<>();
        r.resources.forEach(c -> byPath.putIfAbsent(c.path(), c));
        int n = 1;
        for (Cause cause : r.causes) {
            out.append("\n### ").append(n++).append(". ").append(cause.label()).append("\n\n")
                    .append(consequences(cause)).append(": ").append(cause.effect()).append("\n\n");
            for (Note note : cause.notes()) {
                out.append("- **").append(note.consequence().label).append("** (").append(note.id()).append("): ")
                        .append(note.text()).append('\n');
            }
            if (!cause.notes().isEmpty()) {
                out.append('\n');
            }
            List<Review.ResourceChange> changes = cause.paths().stream().map(byPath::get).toList();
            if (changes.size() > DETAILED) {
                out.append("<details><summary>").append(changes.size()).append(" resources</summary>\n\n");
            }
            for (Review.ResourceChange c : changes) {
                markdownResource(out, c);
            }
            if (changes.size() > DETAILED) {
                out.append("\n</details>\n");
            }
        }
        if (!r.metaOnly.isEmpty()) {
            out.append("\n### Terraform-only edits\n\nNo argument of these resources changes in AWS: only Terraform's"
                    + " meta-arguments (the order of the apply, what Terraform may do).\n\n");
            r.metaOnly.forEach((path, meta) -> out.append("- `").append(path).append("`: ")
                    .append(String.join(", ", meta)).append('\n'));
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

    /** A cause with more resources than this lists them in a collapsed section. */
    private static final int DETAILED = 12;

    private static void markdownResource(StringBuilder out, Review.ResourceChange c) {
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
            if (ch.diff() != null && ch.diff().startsWith("--- ")) {
                details(out, "what changed in " + ch.attribute(), ch.diff(), "    ");
            } else if (ch.diff() != null) {
                out.append("    - changed words: `").append(ch.diff().replace("`", "'")).append("`\n");
            }
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

    /**
     * The markdown cut to fit a pull-request comment: whole sections ("### ...") are kept in order while they fit
     * below {@code limit}; the rest are named, with where the full report is ({@code fullReport}).
     */
    public static String fit(String markdown, int limit, String fullReport) {
        if (markdown.length() <= limit) {
            return markdown;
        }
        String[] parts = markdown.split("(?=\n### )");
        StringBuilder out = new StringBuilder();
        List<String> cut = new ArrayList<>();
        int budget = limit - 2_000; // room for the note naming what is cut
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (cut.isEmpty() && out.length() + part.length() <= budget) {
                out.append(part);
            } else if (i == 0) {
                // The headlines and the warnings alone are too long: keep whole lines of them.
                int end = part.lastIndexOf('\n', budget);
                out.append(part, 0, Math.max(end, 0)).append("\n\n(the rest of the warnings is cut)\n");
                cut.add("the rest of the warnings");
            } else {
                cut.add(part.strip().lines().findFirst().orElse("").replaceFirst("^### ", ""));
            }
        }
        out.append("\n\n---\n**Cut to fit a pull-request comment** (").append(markdown.length())
                .append(" characters; GitHub takes about 65,000): ").append(cut.size()).append(" section(s) not shown: ")
                .append(String.join("; ", cut.stream().limit(30).toList()))
                .append(cut.size() > 30 ? "; and " + (cut.size() - 30) + " more" : "").append(". The full report: ")
                .append(fullReport).append(".\n");
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
        int i = 1;
        for (Cause c : r.causes) {
            out.append("HEADLINE ").append(i++).append(" [").append(c.first().label).append("]: ")
                    .append(c.headline()).append('\n');
        }
        List<String> warnings = r.warnings();
        if (!warnings.isEmpty()) {
            out.append("WARNING: ").append(headline(r).replaceFirst("^Warning: ", "")).append('\n');
            warnings.forEach(w -> out.append("WARNING: ").append(w).append('\n'));
        }
        r.notCompared.forEach((env, why) -> out.append("not compared: ").append(env).append(" (").append(why)
                .append(")\n"));
        boolean changes = !r.resources.isEmpty() || !r.stacksAdded.isEmpty() || !r.stacksRemoved.isEmpty()
                || !r.configDiffs.isEmpty() || !r.configEmbeds.isEmpty() || !r.findingsIntroduced.isEmpty()
                || !r.findingsResolved.isEmpty() || !r.metaOnly.isEmpty();
        if (!changes) {
            return out.append(r.notCompared.isEmpty() ? "no infrastructure changes\n"
                    : "no infrastructure changes in the environments compared\n").toString();
        }
        out.append("summary: ").append(summary(r)).append('\n');
        r.stacksAdded.forEach(s -> out.append("stack added: ").append(s).append('\n'));
        r.stacksRemoved.forEach(s -> out.append("stack removed: ").append(s).append('\n'));
        Map<String, Review.ResourceChange> byPath = new LinkedHashMap<>();
        r.resources.forEach(c -> byPath.putIfAbsent(c.path(), c));
        i = 1;
        for (Cause cause : r.causes) {
            out.append("cause ").append(i++).append(": ").append(cause.label()).append(' ')
                    .append(consequences(cause)).append('\n');
            cause.notes().forEach(n -> out.append("  ").append(n.id()).append(" [").append(n.consequence().label)
                    .append("]: ").append(n.text()).append('\n'));
            for (String path : cause.paths()) {
                Review.ResourceChange c = byPath.get(path);
                out.append("  ").append(c.action()).append(' ').append(c.type()).append(' ').append(c.path())
                        .append(c.replaceReason() != null ? " (" + c.replaceReason() + ")" : "").append('\n');
                c.changes().forEach(ch -> {
                    out.append("      ").append(ch.attribute()).append(": ").append(ch.before()).append(" -> ")
                            .append(ch.after()).append(ch.replaces() ? " (forces replacement)" : "").append('\n');
                    if (ch.diff() != null) {
                        ch.diff().lines().forEach(l -> out.append("        ").append(l).append('\n'));
                    }
                });
                c.notes().forEach(n -> out.append("      ").append(n).append('\n'));
            }
        }
        r.metaOnly.forEach((path, meta) -> out.append("terraform-only edit (no change in AWS): ").append(path)
                .append(": ").append(String.join(", ", meta)).append('\n'));
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
        doc.put("source", r.source);
        List<Map<String, Object>> causes = new ArrayList<>();
        for (Cause c : r.causes) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("headline", c.headline());
            m.put("label", c.label());
            m.put("consequences", c.consequences().stream().map(x -> x.label).toList());
            m.put("effect", c.effect());
            List<Map<String, Object>> notes = new ArrayList<>();
            for (Note n : c.notes()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("id", n.id());
                x.put("consequence", n.consequence().label);
                x.put("headline", n.headline());
                x.put("text", n.text());
                notes.add(x);
            }
            m.put("notes", notes);
            m.put("resources", c.paths());
            causes.add(m);
        }
        doc.put("causes", causes);
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
                x.put("diff", ch.diff());
                changes.add(x);
            }
            m.put("changes", changes);
            m.put("notes", c.notes());
            m.put("userDataDiff", c.userDataDiff());
            resources.add(m);
        }
        doc.put("resources", resources);
        doc.put("terraformOnly", r.metaOnly);
        doc.put("configEmbeds", r.configEmbeds);
        doc.put("configDiffs", r.configDiffs);
        doc.put("findingsIntroduced", r.findingsIntroduced);
        doc.put("findingsResolved", r.findingsResolved);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc);
    }
}
