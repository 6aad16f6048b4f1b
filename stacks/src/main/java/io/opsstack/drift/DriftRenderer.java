package io.opsstack.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;

/** The drift report as text (a terminal), Markdown (a pull-request or issue comment) or JSON (scripts). */
public final class DriftRenderer {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper COMPACT = new ObjectMapper();

    /** Longer values (a policy document, user data) are cut in text and Markdown; JSON has them whole. */
    static final int MAX_VALUE = 160;

    private DriftRenderer() {
    }

    /** "drift found: 4 items in 3 of 6 stacks" / "no drift in 6 stacks" / "... ; 1 stack could not be checked". */
    static String headline(DriftReport r) {
        long drifted = r.stacks().stream().filter(s -> s.status() == StackDrift.Status.DRIFTED).count();
        long errors = r.stacks().stream().filter(s -> s.status() == StackDrift.Status.ERROR).count();
        int n = r.items().size();
        String head = n == 0 ? "no drift in " + (r.stacks().size() - errors) + " stack(s) checked"
                : "drift found: " + n + " item(s) in " + drifted + " of " + r.stacks().size() + " stack(s)";
        return head + (errors == 0 ? "" : "; " + errors + " stack(s) could not be checked");
    }

    public static String text(DriftReport r) {
        StringBuilder out = new StringBuilder("opsstack drift " + r.environment() + ": " + headline(r) + "\n");
        for (StackDrift s : r.stacks()) {
            out.append('\n').append(s.stack()).append(": ").append(s.status().label).append('\n');
            if (s.error() != null) {
                s.error().lines().forEach(l -> out.append("  ").append(l).append('\n'));
            }
            String resource = null;
            for (DriftItem i : s.items()) {
                if (!i.address().equals(resource)) {
                    resource = i.address();
                    out.append("  ").append(i.address()).append(i.id().isEmpty() ? "" : " (" + i.id() + ")")
                            .append('\n');
                }
                out.append("    ").append(switch (i.kind()) {
                    case GONE -> "gone from AWS";
                    case UNMANAGED_RULE -> i.argument() + ": rule not in any stack: " + value(i.found());
                    case CHANGED -> i.argument() + ": " + value(i.recorded()) + " (state) -> " + value(i.found())
                            + " (AWS)";
                }).append("; ").append(i.remedy().label).append('\n');
                revoke(i).ifPresent(c -> out.append("      remove it: ").append(c).append('\n'));
            }
            if (!s.pending().isEmpty()) {
                out.append("  apply would also change (not drift: the configuration differs from the last deploy): ")
                        .append(String.join(", ", s.pending())).append('\n');
            }
        }
        if (!r.items().isEmpty()) {
            out.append('\n').append(remedyText(r)).append('\n');
        }
        return out.toString();
    }

    public static String markdown(DriftReport r) {
        StringBuilder out = new StringBuilder("## opsstack drift: " + r.environment() + "\n\n");
        out.append(r.items().isEmpty() ? "" : "> [!WARNING]\n> ").append("**")
                .append(capital(headline(r))).append("**\n\n");
        out.append("| stack | status | items |\n|---|---|---:|\n");
        for (StackDrift s : r.stacks()) {
            out.append("| ").append(s.stack()).append(" | ").append(s.status().label).append(" | ")
                    .append(s.items().size()).append(" |\n");
        }
        for (StackDrift s : r.stacks()) {
            if (s.items().isEmpty() && s.error() == null && s.pending().isEmpty()) {
                continue;
            }
            out.append("\n### ").append(s.stack()).append("\n\n");
            if (s.error() != null) {
                out.append("```\n").append(s.error().replace("```", "'''")).append("\n```\n\n");
            }
            if (!s.items().isEmpty()) {
                out.append("| resource | argument | recorded (state) | found (AWS) | apply |\n|---|---|---|---|---|\n");
                for (DriftItem i : s.items()) {
                    out.append("| ").append(code(i.address())).append(i.id().isEmpty() ? "" : " " + cell(i.id()))
                            .append(" | ").append(i.kind() == DriftItem.Kind.GONE ? "(resource gone)"
                                    : code(i.argument()) + (i.kind() == DriftItem.Kind.UNMANAGED_RULE
                                    ? " (rule not in any stack)" : ""))
                            .append(" | ").append(i.recorded() == null ? "none" : code(value(i.recorded())))
                            .append(" | ").append(i.found() == null ? "none" : code(value(i.found())))
                            .append(" | ").append(i.remedy().label.replaceFirst("^apply ", ""))
                            .append(revoke(i).map(c -> "; remove it: " + code(c)).orElse("")).append(" |\n");
                }
                out.append('\n');
            }
            if (!s.pending().isEmpty()) {
                out.append("Apply would also change (not drift: the configuration differs from the last deploy): ");
                out.append(String.join(", ", s.pending().stream().map(DriftRenderer::code).toList())).append("\n");
            }
        }
        if (!r.items().isEmpty()) {
            out.append('\n').append(remedyText(r)).append('\n');
        }
        return out.toString();
    }

    public static String json(DriftReport r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("environment", r.environment());
        root.put("exitCode", r.exitCode());
        root.put("summary", headline(r));
        ArrayNode stacks = root.putArray("stacks");
        for (StackDrift s : r.stacks()) {
            ObjectNode o = stacks.addObject();
            o.put("stack", s.stack());
            o.put("status", s.status().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            if (s.error() != null) {
                o.put("error", s.error());
            }
            ArrayNode items = o.putArray("items");
            for (DriftItem i : s.items()) {
                ObjectNode item = items.addObject();
                item.put("address", i.address());
                item.put("type", i.type());
                item.put("id", i.id());
                item.put("kind", i.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
                item.put("argument", i.argument());
                item.set("recorded", i.recorded());
                item.set("found", i.found());
                item.put("remedy", i.remedy().name().toLowerCase(Locale.ROOT));
                revoke(i).ifPresent(c -> item.put("removeCommand", c));
            }
            ArrayNode pending = o.putArray("pending");
            s.pending().forEach(pending::add);
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String remedyText(DriftReport r) {
        return "Remedy (docs/runbook.md \"Drift\"): deploy the stack to put back what says \"apply puts the recorded"
                + " value back\"; a change to keep goes into environments/" + r.environment() + ".yaml first, then"
                + " deploy; a rule not in any stack is never removed by a deploy: run the printed command, or declare"
                + " it (app.sshCidrs, app.allowedCidrs) and deploy.";
    }

    private static java.util.Optional<String> revoke(DriftItem i) {
        if (i.kind() != DriftItem.Kind.UNMANAGED_RULE || i.found() == null) {
            return java.util.Optional.empty();
        }
        JsonNode f = i.found();
        String source = f.has("cidr_ipv4") ? "cidr:" + f.get("cidr_ipv4").asText()
                : f.has("cidr_ipv6") ? "cidr6:" + f.get("cidr_ipv6").asText()
                : f.has("prefix_list_id") ? "pl:" + f.get("prefix_list_id").asText()
                : "sg:" + f.path("referenced_security_group_id").asText();
        return java.util.Optional.of(new SecurityGroupRules.Rule(i.id(), i.argument(), f.path("protocol").asText(),
                f.path("from_port").asInt(), f.path("to_port").asInt(), source).revokeCommand());
    }

    /** A value as JSON text (strings quoted, "none" for no value), cut at {@link #MAX_VALUE} characters. */
    static String value(JsonNode v) {
        if (v == null || v.isNull()) {
            return "none";
        }
        if (v.isTextual() && v.asText().equals(DriftItem.SENSITIVE)) {
            return DriftItem.SENSITIVE;
        }
        String s;
        try {
            s = COMPACT.writeValueAsString(v);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return s.length() <= MAX_VALUE ? s : s.substring(0, MAX_VALUE) + "... (" + s.length() + " characters)";
    }

    private static String code(String s) {
        return "`" + cell(s).replace("`", "'") + "`";
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
