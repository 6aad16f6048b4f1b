package io.opsstack.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A synth output directory read back as Terraform sees it: every stack's resources, no jsii; and which environments
 * it holds ({@value #CONTENTS}).
 */
public final class Synthesized {

    /**
     * Beside cdktf's manifest.json (which cdktf-cli reads and which stays exactly cdktf's): the environments this
     * output holds, their stacks, and whether it holds every environment file there was ({@code complete}; a
     * {@code synth ENV} output is not). review and check compare and judge only what an output holds.
     */
    public static final String CONTENTS = "opsstack.json";

    private final Map<String, JsonNode> stacks = new TreeMap<>();
    private final List<Resource> resources = new ArrayList<>();
    private final Map<String, List<String>> environments = new TreeMap<>();
    private final boolean complete;
    private final boolean recorded;

    public Synthesized(Path outdir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode manifest = json.readTree(outdir.resolve("manifest.json").toFile());
        Path contents = outdir.resolve(CONTENTS);
        recorded = Files.isRegularFile(contents);
        if (recorded) {
            JsonNode doc = json.readTree(contents.toFile());
            doc.path("environments").properties().forEach(e -> {
                List<String> ids = new ArrayList<>();
                e.getValue().forEach(id -> ids.add(id.asText()));
                environments.put(e.getKey(), ids);
            });
            complete = doc.path("complete").asBoolean(false);
        } else {
            // An output of an opsstack before opsstack.json (a base branch's, in CI): environments from the stack
            // ids, and taken as complete, since that opsstack's CI synthesized every environment.
            manifest.path("stacks").fieldNames().forEachRemaining(id -> environments
                    .computeIfAbsent(id.replaceAll("-(dr-)?(network|data|app)$", ""), k -> new ArrayList<>()).add(id));
            complete = true;
        }
        for (Iterator<String> ids = manifest.path("stacks").fieldNames(); ids.hasNext(); ) {
            String id = ids.next();
            Path file = outdir.resolve(manifest.path("stacks").path(id).path("synthesizedStackPath").asText());
            if (Files.isRegularFile(file)) {
                stacks.put(id, json.readTree(file.toFile()));
            }
        }
        stacks.forEach((id, stack) -> stack.path("resource").properties().forEach(type ->
                type.getValue().properties().forEach(r -> resources.add(new Resource(id, type.getKey(),
                        r.getKey(), id + "/" + r.getValue().at("/~1~1/metadata/path").asText()
                        .replaceFirst("^[^/]+/", ""), r.getValue())))));
    }

    /** Writes {@value #CONTENTS}: environment name to its stack ids, and whether these are all the environments. */
    public static void writeContents(Path outdir, Map<String, List<String>> environments, boolean complete)
            throws IOException {
        ObjectMapper json = new ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode doc = json.createObjectNode();
        com.fasterxml.jackson.databind.node.ObjectNode envs = doc.putObject("environments");
        new TreeMap<>(environments).forEach((name, ids) -> ids.forEach(envs.putArray(name)::add));
        doc.put("complete", complete);
        Files.writeString(outdir.resolve(CONTENTS), json.writerWithDefaultPrettyPrinter().writeValueAsString(doc)
                + "\n", java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Environment name to its stack ids, sorted by name. */
    public Map<String, List<String>> environments() {
        return environments;
    }

    /** Whether this output holds every environment there was when it was synthesized (not a {@code synth ENV}). */
    public boolean complete() {
        return complete;
    }

    /** Whether {@value #CONTENTS} was there (else the environments were derived from the stack ids). */
    public boolean recorded() {
        return recorded;
    }

    /** The environment holding {@code stackId}, or null. */
    public String environmentOf(String stackId) {
        return environments.entrySet().stream().filter(e -> e.getValue().contains(stackId)).map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }

    public Map<String, JsonNode> stacks() {
        return stacks;
    }

    public List<Resource> resources(String type) {
        return resources.stream().filter(r -> r.type().equals(type)).toList();
    }

    public List<Resource> all() {
        return resources;
    }
}
