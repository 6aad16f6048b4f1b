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

/** A synth output directory read back as Terraform sees it: every stack's resources, no jsii. */
public final class Synthesized {

    private final Map<String, JsonNode> stacks = new TreeMap<>();
    private final List<Resource> resources = new ArrayList<>();

    public Synthesized(Path outdir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode manifest = json.readTree(outdir.resolve("manifest.json").toFile());
        for (Iterator<String> ids = manifest.path("stacks").fieldNames(); ids.hasNext(); ) {
            String id = ids.next();
            Path file = outdir.resolve(manifest.path("stacks").path(id).path("synthesizedStackPath").asText());
            if (Files.isRegularFile(file)) {
                stacks.put(id, json.readTree(file.toFile()));
            }
        }
        stacks.forEach((id, stack) -> stack.path("resource").fields().forEachRemaining(type ->
                type.getValue().fields().forEachRemaining(r -> resources.add(new Resource(id, type.getKey(),
                        r.getKey(), id + "/" + r.getValue().at("/~1~1/metadata/path").asText()
                        .replaceFirst("^[^/]+/", ""), r.getValue())))));
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
