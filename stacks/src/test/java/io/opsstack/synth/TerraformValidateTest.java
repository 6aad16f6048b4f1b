package io.opsstack.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code terraform validate} with the real AWS provider on every synthesized AWS stack of every shipped
 * environment and of the test-only ones: zero errors and zero warnings. The only exception is asserted, not
 * filtered: a state section with {@code lockTable} gets Terraform's deprecation warning for
 * {@code dynamodb_table}, and nothing else (docs/configuration.md documents that tradeoff).
 *
 * <p>The {@code local} stack is not validated: it needs the kreuzwerker/docker provider, which is not in the
 * mirror (and cannot be downloaded where the tests run).
 *
 * <p>Cost: one {@code terraform init -backend=false} into a shared TF_DATA_DIR (the mirror's unpacked provider is
 * linked, not copied), then one validate per stack (each loads the provider's schema, about 2-3 s), two at a time.
 * Validate never calls AWS; the child processes still get fake keys only.
 */
class TerraformValidateTest {

    static SynthFixture fx;
    static TerraformCli tf;
    static Path work;
    static Path dataDir;
    /** Stack id to the diagnostics Terraform reported, in the order given. */
    static final Map<String, List<JsonNode>> DIAGNOSTICS = new TreeMap<>();
    static JsonNode requiredProviders;

    @BeforeAll
    static void validateEveryStack() throws Exception {
        work = Files.createTempDirectory("opsstack-tfvalidate-");
        tf = TerraformCli.require(work);
        fx = SynthFixture.shared();
        long start = System.nanoTime();
        List<String> ids;
        try (Stream<Path> dirs = Files.list(fx.out.resolve("stacks"))) {
            ids = dirs.map(d -> d.getFileName().toString()).filter(id -> !id.equals("local")).sorted().toList();
        }
        ObjectMapper json = new ObjectMapper();
        // One init for all stacks: they must all ask for the same provider versions, which the init then checks
        // against the mirror's provider (a constraint that excludes it fails here).
        for (String id : ids) {
            JsonNode rp = fx.stack(id).at("/terraform/required_providers");
            if (requiredProviders == null) {
                requiredProviders = rp;
            }
            assertEquals(requiredProviders, rp, id + " asks for other providers than the other stacks");
        }
        Path init = Files.createDirectories(work.resolve("init"));
        ObjectNode root = json.createObjectNode();
        root.putObject("terraform").set("required_providers", requiredProviders);
        Files.writeString(init.resolve("main.tf.json"), json.writeValueAsString(root));
        dataDir = work.resolve("tfdata");
        TerraformCli.Result r = tf.run(init, dataDir, "init", "-backend=false", "-input=false", "-no-color");
        assertEquals(0, r.exit(), "terraform init with the mirror " + tf.mirror + ":\n" + r.stdout() + r.stderr());
        Path lock = init.resolve(".terraform.lock.hcl");
        long initMs = (System.nanoTime() - start) / 1_000_000;

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Map<String, Future<TerraformCli.Result>> runs = new TreeMap<>();
            for (String id : ids) {
                Path dir = Files.createDirectories(work.resolve("stacks").resolve(id));
                Files.copy(fx.out.resolve("stacks").resolve(id).resolve("cdk.tf.json"), dir.resolve("cdk.tf.json"));
                Files.copy(lock, dir.resolve(".terraform.lock.hcl"));
                Files.writeString(dir.resolve("opsstack_backend_check.tf.json"), backendCheck(json, fx.stack(id)));
                runs.put(id, pool.submit(() -> tf.run(dir, dataDir, "validate", "-json", "-no-color")));
            }
            for (Map.Entry<String, Future<TerraformCli.Result>> e : runs.entrySet()) {
                TerraformCli.Result v = e.getValue().get();
                JsonNode out = TerraformCli.json(v.stdout());
                assertTrue(out.has("diagnostics"), e.getKey() + ": no JSON from terraform validate:\n" + v.stdout()
                        + v.stderr());
                List<JsonNode> list = new ArrayList<>();
                out.path("diagnostics").forEach(list::add);
                DIAGNOSTICS.put(e.getKey(), list);
            }
        } finally {
            pool.shutdownNow();
        }
        System.err.printf("terraform validate: %d stacks in %.1f s (init %.1f s), provider mirror %s%n", ids.size(),
                (System.nanoTime() - start) / 1e9, initMs / 1e3, tf.mirror);
    }

    /**
     * validate does not look at the backend block (init checks it, and init with a backend would contact S3): the
     * same settings as a terraform_remote_state data source get the backend's schema checks, deprecations too.
     */
    private static String backendCheck(ObjectMapper json, JsonNode stack) throws Exception {
        JsonNode backend = stack.at("/terraform/backend");
        String type = backend.fieldNames().next();
        ObjectNode root = json.createObjectNode();
        ObjectNode check = root.putObject("data").putObject("terraform_remote_state")
                .putObject("opsstack_backend_check");
        check.put("backend", type);
        check.set("config", backend.path(type));
        return json.writeValueAsString(root);
    }

    private static String describe(String id, JsonNode d) {
        JsonNode start = d.path("range").path("start");
        return id + ": " + d.path("severity").asText() + ": " + d.path("summary").asText() + ": "
                + d.path("detail").asText() + (d.has("address") ? " [" + d.path("address").asText() + "]" : "")
                + (start.isMissingNode() ? "" : " at line " + start.path("line").asText());
    }

    /** Stacks of environments whose state section names a DynamoDB lock table (the documented tradeoff). */
    private static boolean usesLockTable(String id) {
        return !fx.stack(id).at("/terraform/backend/s3/dynamodb_table").isMissingNode();
    }

    @Test
    void everyStackValidatesWithoutErrorsOrWarnings() {
        List<String> problems = new ArrayList<>();
        DIAGNOSTICS.forEach((id, list) -> list.stream()
                .filter(d -> !(usesLockTable(id) && isDynamodbTableDeprecation(d)))
                .forEach(d -> problems.add(describe(id, d))));
        assertEquals(List.of(), problems, "terraform validate (fix the stack, not the test)");
        assertTrue(DIAGNOSTICS.size() >= 20, "validated only " + DIAGNOSTICS.keySet());
        for (String shipped : List.of("dev-app", "poc-app", "prod-dr-app", "staging-data", "prod-network")) {
            assertTrue(DIAGNOSTICS.containsKey(shipped), shipped + " not validated");
        }
    }

    @Test
    void shippedEnvironmentsLockWithoutTheDeprecatedDynamodbTable() {
        for (String id : List.of("prod-network", "prod-data", "prod-app", "prod-dr-data", "staging-app")) {
            assertEquals(List.of(), DIAGNOSTICS.get(id).stream().map(d -> describe(id, d)).toList());
        }
    }

    @Test
    void aLockTableGetsTerraformsDeprecationWarningAndNothingElse() {
        // The cost of keeping state.lockTable, measured rather than assumed: the backend check and every
        // terraform_remote_state reader carry dynamodb_table, and Terraform 1.11 warns on each.
        // tablelock-network: its own backend; tablelock-data: its backend and the reader of the network's outputs.
        assertEquals(Map.of("tablelock-network", 1, "tablelock-data", 2), Map.of(
                "tablelock-network", DIAGNOSTICS.get("tablelock-network").size(),
                "tablelock-data", DIAGNOSTICS.get("tablelock-data").size()));
        for (String id : List.of("tablelock-network", "tablelock-data")) {
            for (JsonNode d : DIAGNOSTICS.get(id)) {
                assertTrue(isDynamodbTableDeprecation(d), describe(id, d));
            }
        }
    }

    @Test
    void failsOnAResourceOrBackendSettingTerraformDoesNotKnow() throws Exception {
        // The check must be able to fail: staging-network with use_lockfile misspelt in the backend (caught by the
        // backend check) and an argument the VPC resource does not have (caught by validate itself).
        ObjectMapper json = new ObjectMapper();
        ObjectNode stack = (ObjectNode) fx.stack("staging-network").deepCopy();
        ObjectNode s3 = (ObjectNode) stack.at("/terraform/backend/s3");
        s3.set("use_lock_file", s3.remove("use_lockfile"));
        ObjectNode vpcs = (ObjectNode) stack.at("/resource/aws_vpc");
        ((ObjectNode) vpcs.elements().next()).put("cidr_blocks", "10.25.0.0/16");
        Path dir = Files.createDirectories(work.resolve("negative"));
        Files.writeString(dir.resolve("cdk.tf.json"), json.writeValueAsString(stack));
        Files.copy(work.resolve("init/.terraform.lock.hcl"), dir.resolve(".terraform.lock.hcl"));
        Files.writeString(dir.resolve("opsstack_backend_check.tf.json"), backendCheck(json, stack));
        JsonNode out = TerraformCli.json(tf.run(dir, dataDir, "validate", "-json", "-no-color").stdout());
        assertEquals(2, out.path("error_count").asInt(), out.toString());
        assertTrue(out.toString().contains("use_lock_file"), out.toString());
        assertTrue(out.toString().contains("No argument or block type is named \\\"cidr_blocks\\\""), out.toString());
    }

    private static boolean isDynamodbTableDeprecation(JsonNode d) {
        return d.path("severity").asText().equals("warning")
                && d.path("summary").asText().equals("Deprecated Parameter")
                && d.path("detail").asText().contains("\"dynamodb_table\" is deprecated");
    }
}
