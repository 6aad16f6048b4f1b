package io.opsstack.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.opsstack.config.ConfigLoader;
import io.opsstack.config.EnvironmentConfig;
import io.opsstack.stacks.StackPlan;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * What every drill does: run a doc block through the context, apply a doc edit to the scratch environment file,
 * ask the AWS API, check and record. The commands are the doc's; only {@code --auto-approve} is added to a
 * {@code deploy} (the "yes" a user types at cdktf-cli's prompt).
 */
abstract class DocDrill implements Drill {

    static final ObjectMapper JSON = new ObjectMapper();

    final ProcedureDocs docs;

    DocDrill(ProcedureDocs docs) {
        this.docs = docs;
    }

    /** The environment's substitution (name, region, DR region); drills add literals. */
    static ProcedureDocs.Substitution substitution(DrillContext ctx) {
        EnvironmentConfig env = ctx.config();
        return new ProcedureDocs.Substitution(ctx.environment(), env.region(),
                env.dr().map(d -> d.region()).orElse(null), java.util.Map.of());
    }

    /** Runs a marked {@code sh} block's commands, in order; returns each aws command's output. */
    List<String> runBlock(DrillContext ctx, String id, ProcedureDocs.Substitution sub) throws Exception {
        List<String> outputs = new ArrayList<>();
        for (ProcedureDocs.Command c : docs.commands(id, sub)) {
            String label = id + ": " + abbreviate(c.line());
            switch (c.tool()) {
                case AWS -> outputs.add(ctx.aws(label, c.args()));
                case CDKTF -> ctx.cdktf(label, withAutoApprove(c.args()));
                case SYNTH -> ctx.synth(label);
                default -> throw new IllegalStateException(c.tool().toString());
            }
        }
        return outputs;
    }

    static List<String> withAutoApprove(List<String> args) {
        if (!args.isEmpty() && args.get(0).equals("deploy") && !args.contains("--auto-approve")) {
            List<String> out = new ArrayList<>(args);
            out.add("--auto-approve");
            return out;
        }
        return args;
    }

    static String abbreviate(String line) {
        String one = line.replaceAll("\\s+", " ");
        return one.length() <= 90 ? one : one.substring(0, 87) + "...";
    }

    /** The scratch copy of the environment file. */
    static Path envFile(DrillContext ctx) {
        return ctx.project().resolve(ConfigLoader.ENVIRONMENTS_DIR).resolve(ctx.environment() + ConfigLoader.EXTENSION);
    }

    /** Applies a marked {@code yaml} block to the scratch environment file (or takes its suppressions out again). */
    void edit(DrillContext ctx, String id, ProcedureDocs.Substitution sub, boolean remove) throws Exception {
        long start = System.nanoTime();
        ProcedureDocs.Block b = docs.block(id);
        String fragment = docs.yaml(id, sub);
        editWith(ctx, id + (remove ? " (suppression removed)" : ""), fragment, b.where(), remove, start);
    }

    /** Applies a fragment the drill wrote itself (scaling back in, the original tag) to the scratch copy. */
    static void editWith(DrillContext ctx, String label, String fragment, String where, boolean remove, long start)
            throws Exception {
        Path file = envFile(ctx);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String display = ConfigLoader.ENVIRONMENTS_DIR + "/" + file.getFileName();
        try {
            String edited = remove ? EnvFileEdit.remove(text, fragment, display, ctx.environment(), where)
                    : EnvFileEdit.apply(text, fragment, display, ctx.environment(), where);
            Files.writeString(file, edited, StandardCharsets.UTF_8);
        } catch (DrillException e) {
            ctx.record("-", "edit " + label, start, false, e.getMessage());
            throw e;
        }
        ctx.record("-", "edit " + label, start, true, fragment.strip().replaceAll("\\s*\n\\s*", "; "));
    }

    /** An aws command with {@code --output json}, parsed (empty output: null node). */
    static JsonNode awsJson(DrillContext ctx, String label, String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of(args));
        a.add("--output");
        a.add("json");
        String out = ctx.aws(label, a);
        return out == null || out.isBlank() ? NullNode.getInstance() : JSON.readTree(out);
    }

    /** Records a check; a failed one ends the drill. */
    static void check(DrillContext ctx, String label, long start, boolean ok, String detail) throws DrillException {
        ctx.record("-", "check: " + label, start, ok, detail);
        if (!ok) {
            throw new DrillException(label + ": " + detail);
        }
    }

    /** The plan of every stack must be empty again. */
    static void converged(DrillContext ctx, String label) throws Exception {
        long start = System.nanoTime();
        boolean ok = ctx.converged(label);
        if (!ok) {
            ctx.record("-", "check: " + label, start, false, "the plan is not empty after the procedure");
            throw new DrillException(label + ": the plan is not empty after the procedure");
        }
    }

    /** A managed resource's value from a stack's state ({@code null} when the stack has none of that type). */
    static String stateValue(DrillContext ctx, String stackId, String type, String attribute) throws Exception {
        for (JsonNode r : ctx.stateResources(stackId)) {
            if (r.path("mode").asText("managed").equals("managed") && r.path("type").asText().equals(type)) {
                JsonNode v = r.path("values").path(attribute);
                return v.isMissingNode() || v.isNull() ? null : v.asText();
            }
        }
        return null;
    }

    static String stack(DrillContext ctx, StackPlan.Kind kind) {
        return StackPlan.id(ctx.environment(), kind);
    }

    /** EC2 user data as the hosts get it: base64 of gzip (constructs.UserData), or plain base64. */
    static String decodeUserData(String base64) {
        if (base64 == null || base64.isBlank()) {
            return "";
        }
        byte[] raw = Base64.getMimeDecoder().decode(base64.strip());
        try (var in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException notGzip) {
            return new String(raw, StandardCharsets.UTF_8);
        }
    }

    /** Text values of a JSON array (empty for anything else). */
    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
