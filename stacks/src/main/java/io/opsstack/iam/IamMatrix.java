package io.opsstack.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opsstack.policy.Finding;
import io.opsstack.policy.Rule;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The IAM access matrix (docs/iam.md): runs {@code stacks/src/main/node/iam-check/check.mjs} once, in its own
 * Node.js process, over one or more synth outputs, and reads back every evaluated request and the findings. The
 * evaluator, {@code @cloud-copilot/iam-simulate}, is AGPL-3.0-or-later: it is never linked into opsstack, only run
 * as that separate program, talking JSON over stdin and stdout.
 */
public final class IamMatrix {

    /** The folder of the Node.js package, relative to the project root. */
    public static final String PACKAGE = "stacks/src/main/node/iam-check";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 300;

    /** One synth output to evaluate: a label for messages, its directory, and the environments to judge. */
    public record Input(String label, Path dir, List<String> environments) {
    }

    /** One evaluated request (a row of the matrix). */
    public record Row(String set, String environment, String path, String step, String expect, String verdict,
                      boolean ok, String address, String principal, String action, String resource) {
    }

    /** Every row, and the findings (resource addresses as the policy findings have them). */
    public record Result(List<Row> rows, List<Finding> findings, String iamData) {
    }

    private final Path dir;

    /**
     * The evaluator of the project at {@code home} when it has one (a checkout), else of the opsstack installation
     * this class runs from (the jar at {@code <root>/stacks/target/opsstack.jar}, or {@code stacks/target/classes}),
     * so that {@code --project-dir} may name a folder holding only environments/.
     */
    public IamMatrix(Path home) {
        Path own = home.resolve(PACKAGE);
        this.dir = Files.isRegularFile(own.resolve("check.mjs")) || installRoot() == null ? own
                : installRoot().resolve(PACKAGE);
    }

    private static Path installRoot() {
        try {
            Path code = Path.of(IamMatrix.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // .../stacks/target/opsstack.jar or .../stacks/target/classes: three levels up is the root.
            Path root = code.getParent() == null ? null : code.getParent().getParent();
            root = root == null ? null : root.getParent();
            return root != null && Files.isRegularFile(root.resolve(PACKAGE).resolve("check.mjs")) ? root : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** Why the evaluator cannot run here (no node on PATH, or no node_modules: run npm ci), or null. */
    public String unavailable() {
        if (!Files.isRegularFile(dir.resolve("check.mjs"))) {
            return dir.resolve("check.mjs") + " is missing";
        }
        if (node() == null) {
            return "node is not on PATH (Node.js 18+ runs the IAM evaluator)";
        }
        if (!Files.isDirectory(dir.resolve("node_modules/@cloud-copilot/iam-simulate"))) {
            return "the IAM evaluator is not installed: run (cd " + dir + " && npm ci)";
        }
        return null;
    }

    public Result run(List<Input> inputs) throws IOException, InterruptedException {
        String why = unavailable();
        if (why != null) {
            throw new IOException(why);
        }
        ObjectNode request = JSON.createObjectNode();
        ArrayNode sets = request.putArray("sets");
        for (Input in : inputs) {
            ObjectNode set = sets.addObject();
            set.put("label", in.label());
            set.put("dir", in.dir().toAbsolutePath().toString());
            in.environments().forEach(set.putArray("environments")::add);
        }
        Path out = Files.createTempFile("opsstack-iam-", ".json");
        Path err = Files.createTempFile("opsstack-iam-", ".err");
        try {
            Process p = new ProcessBuilder(node(), "check.mjs").directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            p.getOutputStream().write(JSON.writeValueAsBytes(request));
            p.getOutputStream().close();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("the IAM evaluator did not finish within " + TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                throw new IOException("the IAM evaluator failed (exit " + p.exitValue() + "): "
                        + Files.readString(err, StandardCharsets.UTF_8).strip());
            }
            return parse(JSON.readTree(out.toFile()));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static Result parse(JsonNode doc) {
        List<Row> rows = new ArrayList<>();
        for (JsonNode r : doc.path("results")) {
            rows.add(new Row(r.path("set").asText(), r.path("environment").asText(), r.path("path").asText(),
                    r.path("step").asText(), r.path("expect").asText(), r.path("verdict").asText(),
                    r.path("ok").asBoolean(true), r.path("address").asText(null), r.path("principal").asText(null),
                    r.path("action").asText(null), r.path("resource").asText(null)));
        }
        List<Finding> findings = new ArrayList<>();
        for (JsonNode f : doc.path("findings")) {
            Rule rule = IamRules.RULES.stream().filter(r -> r.id().equals(f.path("rule").asText())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("unknown IAM rule " + f.path("rule")));
            String set = f.path("set").asText();
            String message = f.path("message").asText() + (set.isEmpty() || set.equals("current") ? ""
                    : " [" + set + "]");
            findings.add(new Finding(rule, f.path("resource").asText(), message, null));
        }
        return new Result(List.copyOf(rows), List.copyOf(findings), doc.path("iamData").asText());
    }

    private static String node() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(d, "node");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
