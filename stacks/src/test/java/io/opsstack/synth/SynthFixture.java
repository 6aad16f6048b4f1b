package io.opsstack.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsstack.config.ConfigLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One synth per test JVM, shared by the stack tests: the shipped environments plus test-only ones, copied into a
 * temporary project so the real cdktf.out is never touched. Starting jsii and synthesizing costs seconds; every
 * stack test class reads this one result.
 */
public final class SynthFixture {

    public static final Path HOME = Path.of(System.getProperty("opsstack.home", "..")).toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Test-only environments added to the shipped ones: cover what the shipped files do not. */
    /** A DR-enabled environment in the given mode and active region (local backend: no state region issue). */
    static String drEnv(String name, String mode, String active) {
        return "name: " + name + "\nregion: eu-west-1\nnetwork:\n  cidr: 10.50.0.0/16\n"
                + "database:\n  backupRetentionDays: 7\n"
                + "app:\n  image: ghcr.io/acme/fastapi-app\n  tag: \"1.4.2\"\n  mode: asg\n  minSize: 2\n"
                + "  maxSize: 5\n  desiredCapacity: 3\n"
                + "dns:\n  zoneId: Z0DR\n  name: " + name + ".example.com\n"
                + "dr:\n  region: eu-central-1\n  vpcCidr: 10.60.0.0/16\n  mode: " + mode + "\n"
                + "  standbyCapacity: " + (mode.equals("pilot-light") ? 0 : 1) + "\n  activeRegion: " + active + "\n";
    }

    static final Map<String, String> EXTRA = Map.of(
            "warm", drEnv("warm", "warm-standby", "primary"),
            "warmswap", drEnv("warmswap", "warm-standby", "dr"),
            "pilot", drEnv("pilot", "pilot-light", "primary").replace("  mode: asg\n",
                    "  mode: asg\n  deletionProtection: false\n"),
            "pilotswap", drEnv("pilotswap", "pilot-light", "dr"),
            "nonat", """
            name: nonat
            region: eu-west-1
            network:
              cidr: 172.16.0.0/20
              azCount: 3
              nat: none
            """, "tablelock", """
            name: tablelock
            region: eu-west-2
            state:
              bucket: acme-tfstate-euw2
              lockTable: acme-tflock
            network:
              cidr: 10.70.0.0/16
            """, "restored", """
            name: restored
            region: eu-central-1
            database:
              engineVersion: "15.7"
              restoreFromSnapshot: prod-postgres-2026-11-01
              monitoringIntervalSeconds: 0
              passwordVersion: 3
            """, "edge", """
            name: edge
            region: us-west-2
            network:
              cidr: 10.40.0.0/16
              nat: none
            app:
              image: registry.example.com/team/api
              tag: "2026.11.1"
              mode: single
              instanceType: m7g.medium
              rootVolumeGb: 40
              containersUseInstanceRole: true
              allowedCidrs: [203.0.113.0/24, 198.51.100.0/24]
              sshCidrs: [192.0.2.10/32]
            monitoring:
              adminCidrs: [192.0.2.0/24]
            dns:
              zoneId: Z0EXAMPLE
              name: edge.example.com
            """);

    private static SynthFixture shared;

    public final Path home;
    public final Path out;

    private SynthFixture(Path home, Path out) {
        this.home = home;
        this.out = out;
    }

    public static synchronized SynthFixture shared() {
        if (shared == null) {
            try {
                Path home = copyOfProject(EXTRA);
                Path out = home.resolve("cdktf.out");
                new Synthesizer(home).synth(new ConfigLoader(home).load(List.of()), out);
                shared = new SynthFixture(home, out);
            } catch (Exception e) {
                throw new IllegalStateException("fixture synth failed", e);
            }
        }
        return shared;
    }

    /** A temporary project with the shipped environments/ and templates/, plus {@code extra} files (name to YAML). */
    public static Path copyOfProject(Map<String, String> extra) throws IOException {
        Path home = Files.createTempDirectory("opsstack-test-");
        Path envs = Files.createDirectories(home.resolve("environments"));
        try (Stream<Path> files = Files.list(HOME.resolve("environments"))) {
            for (Path f : files.toList()) {
                Files.copy(f, envs.resolve(f.getFileName()));
            }
        }
        Path templates = Files.createDirectories(home.resolve("templates"));
        try (Stream<Path> files = Files.list(HOME.resolve("templates"))) {
            for (Path f : files.toList()) {
                Files.copy(f, templates.resolve(f.getFileName()));
            }
        }
        for (Map.Entry<String, String> e : extra.entrySet()) {
            Files.writeString(envs.resolve(e.getKey() + ".yaml"), e.getValue());
        }
        return home;
    }

    public JsonNode stack(String id) {
        return read(out.resolve("stacks").resolve(id).resolve("cdk.tf.json"));
    }

    public static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resources of one type keyed by their construct path inside the stack (e.g. "network/public-0"). */
    public static Map<String, JsonNode> resources(JsonNode stack, String type) {
        return byPath(stack.path("resource").path(type));
    }

    public static Map<String, JsonNode> dataSources(JsonNode stack, String type) {
        return byPath(stack.path("data").path(type));
    }

    private static Map<String, JsonNode> byPath(JsonNode group) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : group.properties()) {
            JsonNode r = entry.getValue();
            String path = r.path("//").path("metadata").path("path").asText();
            out.put(path.substring(path.indexOf('/') + 1), r);
        }
        return out;
    }

    /**
     * A copy of the shared output with one resource broken: the resource of {@code type} whose construct path is
     * {@code stack/path} is handed to {@code breakIt} and written back. The policy and AWS API rule tests use it to
     * show that a rule finds what it is about (the shared output stays untouched).
     */
    public Path outputWithBroken(String stack, String type, String path,
                                 java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> breakIt)
            throws IOException {
        Path copy = copyOfOutput();
        Path file = copy.resolve("stacks").resolve(stack).resolve("cdk.tf.json");
        com.fasterxml.jackson.databind.node.ObjectNode doc =
                (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(file.toFile());
        com.fasterxml.jackson.databind.node.ObjectNode target = null;
        for (JsonNode r : doc.path("resource").path(type)) {
            if (r.at("/~1~1/metadata/path").asText().equals(stack + "/" + path)) {
                target = (com.fasterxml.jackson.databind.node.ObjectNode) r;
            }
        }
        if (target == null) {
            throw new IllegalArgumentException("no " + type + " at " + stack + "/" + path);
        }
        breakIt.accept(target);
        JSON.writeValue(file.toFile(), doc);
        return copy;
    }

    /** A private copy of the shared output (manifest and stacks), to edit. */
    public Path copyOfOutput() throws IOException {
        Path copy = Files.createTempDirectory("opsstack-output-");
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path target = copy.resolve(out.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
            }
        }
        return copy;
    }

    /** Terraform address of a resource, as other resources reference it: "${type.uniqueId.attr}". */
    public static String ref(String type, JsonNode resource, String attribute) {
        return "${" + type + "." + resource.path("//").path("metadata").path("uniqueId").asText() + "." + attribute + "}";
    }
}
