package io.opsstack.rehearse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opsstack.config.ConfigLoader;
import io.opsstack.config.EnvironmentConfig;
import io.opsstack.state.StateBootstrap;
import io.opsstack.synth.SynthFixture;
import io.opsstack.synth.Synthesizer;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real S3 state and real locks, against moto on loopback: the state bucket made by {@link StateBootstrap}'s own
 * commands (run with the AWS CLI), and Terraform 1.11 with the real AWS provider (filesystem mirror) running a tiny
 * configuration whose {@code terraform} block, S3 backend included, is the one opsstack synthesizes. The emulator's
 * endpoints and fake keys reach the backend through {@code terraform init -backend-config=FILE} (merged with the
 * synthesized block, as a user would point it elsewhere) and the provider through an override file.
 *
 * <p>The configuration holds its lock for as long as the test wants, with no AWS call: a {@code terraform_data}
 * whose local-exec provisioner writes a "started" file and waits for a "release" file (at most 60 s). After it, one
 * cheap AWS resource (an SSM parameter) gives the state AWS content; it depends on the hold, so a kill during the
 * hold leaves nothing in AWS that the state does not know.
 *
 * <p>Needs terraform 1.10+, the hashicorp/aws 5.x mirror, the AWS CLI and moto 5.2 for python3: skipped with a note
 * where one is missing, failed in CI ({@code CI} set).
 */
class StateLockTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOCK_ERROR = "Error acquiring the state lock";
    /** A lock-table-only environment (the prod file locks with the lock file; this is the table variant). */
    private static final String DYNLOCK = """
            name: dynlock
            region: eu-west-2
            state:
              bucket: acme-tfstate-dynlock
              lockfile: false
              lockTable: acme-tflock
            network:
              cidr: 10.71.0.0/16
            """;

    @TempDir
    static Path dir;

    private static Emulator emulator;
    private static Map<String, String> env;
    private static Path terraform;
    private static Path cliConfig;
    private static EnvironmentConfig prod;
    private static EnvironmentConfig dynlock;
    private static Path synthOut;
    private static Path query;
    private static Path dynlockOut;

    /** Environments whose bootstrap (without the TLS-only policy) ran since the last reset. */
    private static final java.util.Set<String> bootstrapped = new java.util.HashSet<>();

    private Path work;
    private final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        terraform = require("terraform");
        require("aws");
        Path mirror = mirror();
        requireMoto();
        Files.createDirectories(dir.resolve("home"));
        Files.writeString(dir.resolve("home/aws-config-empty"), "");
        Files.writeString(dir.resolve("home/aws-credentials-empty"), "");
        cliConfig = dir.resolve("terraform.rc");
        // A plugin cache: every init links the provider from it instead of copying the binary again.
        Path cache = Files.createDirectories(dir.resolve("plugin-cache"));
        Files.writeString(cliConfig, "plugin_cache_dir = \"" + cache + "\"\nprovider_installation {\n  filesystem_mirror {\n    path    = \""
                + mirror + "\"\n    include = [\"registry.terraform.io/hashicorp/aws\"]\n  }\n}\n"
                + "disable_checkpoint = true\n");
        env = ChildEnvironment.of(System.getenv(), dir, Map.of("TF_CLI_CONFIG_FILE", cliConfig.toString(),
                "TF_INPUT", "0"));

        SynthFixture fixture = SynthFixture.shared();
        prod = new ConfigLoader(fixture.home).load(List.of("prod")).get(0);
        synthOut = fixture.out;
        Path home = SynthFixture.copyOfProject(Map.of("dynlock", DYNLOCK));
        dynlock = new ConfigLoader(home).load(List.of("dynlock")).get(0);
        dynlockOut = home.resolve("cdktf.out");
        new Synthesizer(home).synth(List.of(dynlock), dynlockOut);

        query = dir.resolve("aws_query.py");
        try (java.io.InputStream in = StateLockTest.class.getResourceAsStream("aws_query.py")) {
            Files.copy(in, query);
        }
        emulator = Emulator.moto(dir, env, "python3");
    }

    @AfterAll
    static void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @BeforeEach
    void workDir(TestInfo test) throws Exception {
        work = Files.createDirectories(dir.resolve(test.getTestMethod().orElseThrow().getName()));
    }

    /** Empties the emulator (moto's reset): the bootstrap tests start from an account with no bucket. */
    private static void reset() throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(emulator.endpoint + "/moto-api/reset").toURL()
                .openConnection();
        c.setRequestMethod("POST");
        assertEquals(200, c.getResponseCode(), "moto reset");
        c.disconnect();
        bootstrapped.clear();
    }

    @org.junit.jupiter.api.AfterEach
    void killLeftovers() {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    // ---- the bootstrap ----------------------------------------------------------------------------------------

    @Test
    void bootstrapCommandsCreateVersionedEncryptedPrivateBuckets() throws Exception {
        reset();
        for (List<String> command : StateBootstrap.commands(prod)) {
            aws(command);
        }
        // prod.yaml: state in us-east-1, dr.state in us-west-2 (the create there needs a LocationConstraint).
        Map<String, String> buckets = Map.of("acme-opsstack-tfstate", "us-east-1",
                "acme-opsstack-tfstate-usw2", "us-west-2");
        List<Call> calls = new ArrayList<>();
        for (Map.Entry<String, String> b : buckets.entrySet()) {
            for (String op : List.of("get_bucket_location", "get_bucket_versioning", "get_bucket_encryption",
                    "get_public_access_block", "get_bucket_policy")) {
                calls.add(new Call("s3", b.getValue(), op, Map.of("Bucket", b.getKey())));
            }
        }
        List<JsonNode> results = query(calls);
        int i = 0;
        for (Map.Entry<String, String> b : buckets.entrySet()) {
            String bucket = b.getKey();
            String region = b.getValue();
            JsonNode location = ok(results.get(i++));
            assertEquals(region.equals("us-east-1") ? "" : region, location.path("LocationConstraint").asText(""),
                    bucket);
            assertEquals("Enabled", ok(results.get(i++)).path("Status").asText(), bucket + " versioning");
            assertEquals("AES256", ok(results.get(i++))
                    .at("/ServerSideEncryptionConfiguration/Rules/0/ApplyServerSideEncryptionByDefault/SSEAlgorithm")
                    .asText(), bucket + " default encryption");
            JsonNode block = ok(results.get(i++)).path("PublicAccessBlockConfiguration");
            for (String setting : List.of("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy",
                    "RestrictPublicBuckets")) {
                assertTrue(block.path(setting).asBoolean(false), bucket + " " + setting + ": " + block);
            }
            JsonNode policy = JSON.readTree(ok(results.get(i++)).path("Policy").asText());
            JsonNode statement = policy.at("/Statement/0");
            assertEquals("Deny", statement.path("Effect").asText(), policy.toString());
            assertEquals("false", statement.at("/Condition/Bool/aws:SecureTransport").asText(), policy.toString());
        }
        reset();
    }

    @Test
    void failsPlainHttpStateAccessOnceTheTlsOnlyPolicyIsSet() throws Exception {
        reset();
        // The whole bootstrap, policy included, then an object write over http:// as the emulator is reached. AWS
        // denies it (explicit Deny, aws:SecureTransport false); moto does too. This is why the emulator tests below
        // run the bootstrap without the policy (StateBootstrap.commands(env, true)).
        for (List<String> command : StateBootstrap.commands(prod)) {
            if (command.contains("acme-opsstack-tfstate")) {
                aws(command);
            }
        }
        JsonNode put = query(List.of(new Call("s3", "us-east-1", "put_object", Map.of("Bucket",
                "acme-opsstack-tfstate", "Key", "opsstack/prod/probe", "Body", "{}")))).get(0);
        assertFalse(put.path("ok").asBoolean(), put.toString());
        assertEquals(403, put.path("status").asInt(), put.toString());
        reset();
    }

    // ---- state written where state.key says, encrypted ----------------------------------------------------------

    @Test
    void writesEncryptedStateAtTheKeyOfTheStateSection() throws Exception {
        bootstrap(prod);
        Path a = stackDir("a", synthOut, "prod-network", "us-east-1");
        release(a);
        Result apply = tf(a, "apply", "-auto-approve", "-no-color");
        assertEquals(0, apply.exit, apply.all());
        // prod.yaml: keyPrefix opsstack, so <keyPrefix>/<env>/<stack>.tfstate.
        JsonNode head = ok(query(List.of(new Call("s3", "us-east-1", "head_object", Map.of("Bucket",
                "acme-opsstack-tfstate", "Key", "opsstack/prod/prod-network.tfstate")))).get(0));
        assertEquals("AES256", head.path("ServerSideEncryption").asText(), head.toString());
        JsonNode state = stateObject("us-east-1", "acme-opsstack-tfstate", "opsstack/prod/prod-network.tfstate");
        assertEquals(List.of("aws_ssm_parameter.marker", "terraform_data.hold"), addresses(state));
        assertFalse(exists("us-east-1", "acme-opsstack-tfstate", "opsstack/prod/prod-network.tfstate.tflock"),
                "the lock file outlived the apply");
    }

    // ---- two applies at once -------------------------------------------------------------------------------------

    @Test
    void refusesASecondConcurrentApplyAndBothEndConsistent() throws Exception {
        bootstrap(prod);
        String key = "opsstack/prod/prod-data.tfstate";
        Path a = stackDir("a", synthOut, "prod-data", "us-east-1");
        Path b = stackDir("b", synthOut, "prod-data", "us-east-1");
        Process first = start(a, "apply", "-auto-approve", "-no-color");
        awaitHold(a, first);
        String lockId = lockId("us-east-1", "acme-opsstack-tfstate", key + ".tflock");

        release(b);
        Result second = tf(b, "apply", "-auto-approve", "-no-color");
        System.out.println("[second apply while the first holds the lock]\n" + second.all());
        assertEquals(1, second.exit, second.all());
        assertTrue(second.err.contains(LOCK_ERROR), second.all());
        assertTrue(second.err.contains("PreconditionFailed"), "the S3 conditional write refused it:\n" + second.all());
        assertTrue(second.err.contains(lockId), "names the holder's lock ID " + lockId + ":\n" + second.all());
        assertFalse(second.out.contains("Creating...") || second.all().contains("Apply complete"), second.all());
        assertTrue(first.isAlive(), "the first apply kept its lock while the second was refused");

        release(a);
        Result firstResult = finish(a, first);
        assertEquals(0, firstResult.exit, firstResult.all());
        assertTrue(firstResult.out.contains("Resources: 2 added"), firstResult.all());

        JsonNode state = stateObject("us-east-1", "acme-opsstack-tfstate", key);
        assertEquals(List.of("aws_ssm_parameter.marker", "terraform_data.hold"), addresses(state));
        // What is in the emulator is what is in the state: one parameter, the one the state names.
        assertEquals(List.of("/opsstack/statelock/prod-data/marker"), parameters("us-east-1", "prod-data"));
        // The refused operator sees the first one's state, and has nothing left to do.
        Result plan = tf(b, "plan", "-detailed-exitcode", "-no-color");
        assertEquals(0, plan.exit, "the second operator's plan is empty:\n" + plan.all());
        assertFalse(exists("us-east-1", "acme-opsstack-tfstate", key + ".tflock"), "lock left behind");
    }

    @Test
    void aKilledApplyLeavesALockThatForceUnlockClears() throws Exception {
        bootstrap(prod);
        String key = "opsstack/prod/prod-dr-network.tfstate";
        String bucket = "acme-opsstack-tfstate-usw2";
        Path a = stackDir("a", synthOut, "prod-dr-network", "us-west-2");
        Process first = start(a, "apply", "-auto-approve", "-no-color");
        awaitHold(a, first);
        String lockId = lockId("us-west-2", bucket, key + ".tflock");
        List<ProcessHandle> children = first.descendants().toList();
        first.destroyForcibly(); // SIGKILL: no chance to release the lock
        assertTrue(first.waitFor(10, TimeUnit.SECONDS));
        children.forEach(ProcessHandle::destroyForcibly); // the provider and the provisioner's shell
        assertTrue(exists("us-west-2", bucket, key + ".tflock"), "the killed apply's lock file is gone");

        release(a);
        Result refused = tf(a, "apply", "-auto-approve", "-no-color");
        System.out.println("[apply after a killed apply]\n" + refused.all());
        assertEquals(1, refused.exit, refused.all());
        assertTrue(refused.err.contains(LOCK_ERROR) && refused.err.contains("ID:        " + lockId), refused.all());

        Result unlock = tf(a, "force-unlock", "-force", lockId);
        System.out.println("[force-unlock]\n" + unlock.all());
        assertEquals(0, unlock.exit, unlock.all());
        assertTrue(unlock.out.contains("Terraform state has been successfully unlocked!"), unlock.all());
        assertFalse(exists("us-west-2", bucket, key + ".tflock"), "force-unlock left the lock file");

        Result apply = tf(a, "apply", "-auto-approve", "-no-color");
        assertEquals(0, apply.exit, apply.all());
        assertEquals(List.of("aws_ssm_parameter.marker", "terraform_data.hold"),
                addresses(stateObject("us-west-2", bucket, key)));
        assertEquals(List.of("/opsstack/statelock/prod-dr-network/marker"), parameters("us-west-2",
                "prod-dr-network"));
    }

    @Test
    void theDynamoDbLockTableRefusesASecondApply() throws Exception {
        bootstrap(dynlock);
        String bucket = "acme-tfstate-dynlock";
        String key = "opsstack/dynlock/dynlock-network.tfstate";
        Path a = stackDir("a", dynlockOut, "dynlock-network", "eu-west-2");
        Path b = stackDir("b", dynlockOut, "dynlock-network", "eu-west-2");
        JsonNode backend = SynthFixture.read(dynlockOut.resolve("stacks/dynlock-network/cdk.tf.json"))
                .at("/terraform/backend/s3");
        assertEquals("acme-tflock", backend.path("dynamodb_table").asText(), backend.toString());
        assertTrue(backend.path("use_lockfile").isMissingNode(), backend.toString());

        Process first = start(a, "apply", "-auto-approve", "-no-color");
        awaitHold(a, first);
        JsonNode items = ok(query(List.of(new Call("dynamodb", "eu-west-2", "scan", Map.of("TableName",
                "acme-tflock")))).get(0));
        String lockItem = bucket + "/" + key;
        JsonNode lock = null;
        for (JsonNode item : items.path("Items")) {
            if (item.at("/LockID/S").asText().equals(lockItem)) {
                lock = item;
            }
        }
        assertTrue(lock != null, "no lock item " + lockItem + " in " + items);
        String lockId = JSON.readTree(lock.at("/Info/S").asText()).path("ID").asText();
        assertFalse(exists("eu-west-2", bucket, key + ".tflock"), "no S3 lock file with lockfile: false");

        release(b);
        Result second = tf(b, "apply", "-auto-approve", "-no-color");
        System.out.println("[second apply, DynamoDB lock]\n" + second.all());
        assertEquals(1, second.exit, second.all());
        assertTrue(second.err.contains(LOCK_ERROR) && second.err.contains("ConditionalCheckFailedException")
                && second.err.contains(lockId), second.all());

        release(a);
        Result firstResult = finish(a, first);
        assertEquals(0, firstResult.exit, firstResult.all());
        assertEquals(List.of("aws_ssm_parameter.marker", "terraform_data.hold"),
                addresses(stateObject("eu-west-2", bucket, key)));
        assertEquals(List.of("/opsstack/statelock/dynlock-network/marker"), parameters("eu-west-2",
                "dynlock-network"));
    }

    @Test
    void failsToWriteStateWhileSomeoneElseHoldsTheLock() throws Exception {
        bootstrap(prod);
        String key = "opsstack/prod/prod-app.tfstate";
        // Someone else's lock file, as Terraform 1.11 writes one (the JSON of its LockInfo).
        String lock = ("{\"ID\":\"7d1e0f6a-0000-4000-8000-0000000000aa\",\"Operation\":"
                + "\"OperationTypeApply\",\"Info\":\"\",\"Who\":\"alice@laptop\",\"Version\":\"1.11.4\",\"Created\":"
                + "\"2026-12-04T09:00:00Z\",\"Path\":\"acme-opsstack-tfstate/" + key + "\"}");
        ok(query(List.of(new Call("s3", "us-east-1", "put_object", Map.of("Bucket", "acme-opsstack-tfstate",
                "Key", key + ".tflock", "Body", lock)))).get(0));
        Path a = stackDir("a", synthOut, "prod-app", "us-east-1");
        release(a);
        Result apply = tf(a, "apply", "-auto-approve", "-no-color");
        assertEquals(1, apply.exit, apply.all());
        assertTrue(apply.err.contains(LOCK_ERROR) && apply.err.contains("7d1e0f6a-0000-4000-8000-0000000000aa")
                && apply.err.contains("alice@laptop"), apply.all());
        assertFalse(exists("us-east-1", "acme-opsstack-tfstate", key), "a refused apply wrote the state");
        assertEquals(List.of(), parameters("us-east-1", "prod-app"), "a refused apply created resources");
        assertTrue(exists("us-east-1", "acme-opsstack-tfstate", key + ".tflock"), "the refused apply removed"
                + " someone else's lock");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /**
     * The environment's buckets (and table) as the bootstrap makes them, once per emulator reset: each test uses
     * its own stack, so its own state key, lock and parameter. The emulator is reached over http://, which the
     * TLS-only policy denies (in AWS too): see failsPlainHttpStateAccessOnceTheTlsOnlyPolicyIsSet.
     */
    private static void bootstrap(EnvironmentConfig e) throws Exception {
        if (!bootstrapped.add(e.name())) {
            return;
        }
        List<List<String>> commands = StateBootstrap.commands(e, true);
        assertFalse(commands.isEmpty());
        for (List<String> command : commands) {
            aws(command);
        }
    }

    /**
     * A working directory of one operator: the synthesized stack's {@code terraform} block (S3 backend and provider
     * requirements, verbatim), the hold and the marker; the emulator's endpoints in an override file and a
     * backend config file; {@code terraform init}.
     */
    private Path stackDir(String name, Path out, String stack, String region) throws Exception {
        Path d = Files.createDirectories(work.resolve(name));
        JsonNode synthesized = SynthFixture.read(out.resolve("stacks").resolve(stack).resolve("cdk.tf.json"));
        ObjectNode main = JSON.createObjectNode();
        main.set("terraform", synthesized.path("terraform").deepCopy());
        main.putObject("provider").putArray("aws").addObject().put("region", region);
        ObjectNode resource = main.putObject("resource");
        String started = d.resolve("started").toString();
        String release = d.resolve("release").toString();
        resource.putObject("terraform_data").putObject("hold").putArray("provisioner").addObject()
                .putObject("local-exec").put("command", "touch '" + started + "'; i=0; while [ ! -e '" + release
                        + "' ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done");
        ObjectNode marker = resource.putObject("aws_ssm_parameter").putObject("marker");
        marker.put("name", "/opsstack/statelock/" + stack + "/marker").put("type", "String").put("value", stack);
        marker.putArray("depends_on").add("terraform_data.hold");
        Files.writeString(d.resolve("main.tf.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(main));

        String e = emulator.endpoint;
        ObjectNode override = JSON.createObjectNode();
        ObjectNode provider = override.putObject("provider").putArray("aws").addObject();
        provider.put("access_key", Overrides.FAKE_ACCESS_KEY).put("secret_key", Overrides.FAKE_SECRET_KEY)
                .put("skip_credentials_validation", true).put("skip_requesting_account_id", true)
                .put("skip_metadata_api_check", true);
        provider.putArray("endpoints").addObject().put("ssm", e).put("sts", e);
        Files.writeString(d.resolve("emulator_override.tf.json"), override.toString());
        Files.writeString(d.resolve("emulator.s3.tfbackend"), "endpoints = {\n  s3       = \"" + e + "\"\n"
                + "  sts      = \"" + e + "\"\n  dynamodb = \"" + e + "\"\n}\nuse_path_style = true\n"
                + "access_key = \"" + Overrides.FAKE_ACCESS_KEY + "\"\nsecret_key = \"" + Overrides.FAKE_SECRET_KEY
                + "\"\nskip_credentials_validation = true\nskip_requesting_account_id = true\n"
                + "skip_metadata_api_check = true\nskip_region_validation = true\n");
        Result init = tf(d, "init", "-no-color", "-backend-config=emulator.s3.tfbackend");
        assertEquals(0, init.exit, init.all());
        return d;
    }

    private static void release(Path d) throws IOException {
        Files.writeString(d.resolve("release"), "");
    }

    /** Waits until the hold runs (the lock is held: Terraform locks before it plans). */
    private static void awaitHold(Path d, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(d.resolve("started"))) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                fail("the first apply never reached its hold:\n" + Files.readString(d.resolve("apply.out"))
                        + Files.readString(d.resolve("apply.err")));
            }
            Thread.sleep(100);
        }
    }

    private Process start(Path d, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(terraform.toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(d.toFile())
                .redirectOutput(d.resolve("apply.out").toFile()).redirectError(d.resolve("apply.err").toFile());
        ChildEnvironment.apply(pb, env);
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private static Result finish(Path d, Process p) throws Exception {
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            fail("terraform did not finish in " + d);
        }
        return new Result(p.exitValue(), Files.readString(d.resolve("apply.out")),
                Files.readString(d.resolve("apply.err")));
    }

    private static Result tf(Path d, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(terraform.toString());
        command.addAll(List.of(args));
        return run(command, d);
    }

    private static Result run(List<String> command, Path d) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(d.toFile());
        ChildEnvironment.apply(pb, env);
        Path out = Files.createTempFile(dir, "out-", ".txt");
        Path err = Files.createTempFile(dir, "err-", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail(String.join(" ", command) + " timed out");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** A command of the bootstrap, run with the AWS CLI at the emulator. */
    private static Result aws(List<String> argv) throws Exception {
        List<String> command = new ArrayList<>(argv);
        command.addAll(List.of("--endpoint-url", emulator.endpoint, "--output", "json"));
        Result r = run(command, dir);
        assertEquals(0, r.exit, String.join(" ", argv) + "\n" + r.all());
        return r;
    }

    /** One boto3 call: client(service, region).op(**params). */
    private record Call(String service, String region, String op, Map<String, Object> params) {
    }

    /** Runs the calls in one python process (aws_query.py); one result per call, {ok, result} or {ok: false, ...}. */
    private static List<JsonNode> query(List<Call> calls) throws Exception {
        Path in = Files.createTempFile(dir, "query-", ".json");
        Files.writeString(in, JSON.writeValueAsString(calls));
        ProcessBuilder pb = new ProcessBuilder("python3", query.toString(), emulator.endpoint)
                .redirectInput(in.toFile());
        ChildEnvironment.apply(pb, env);
        Path out = Files.createTempFile(dir, "query-out-", ".json");
        Path err = Files.createTempFile(dir, "query-err-", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            fail("aws_query.py " + calls + ": " + Files.readString(err));
        }
        List<JsonNode> results = new ArrayList<>();
        JSON.readTree(out.toFile()).forEach(results::add);
        assertEquals(calls.size(), results.size());
        return results;
    }

    private static JsonNode ok(JsonNode result) {
        assertTrue(result.path("ok").asBoolean(), result.toString());
        return result.path("result");
    }

    private static boolean exists(String region, String bucket, String key) throws Exception {
        JsonNode r = query(List.of(new Call("s3", region, "head_object", Map.of("Bucket", bucket, "Key", key))))
                .get(0);
        if (!r.path("ok").asBoolean() && r.path("status").asInt() != 404) {
            fail("head_object " + key + ": " + r);
        }
        return r.path("ok").asBoolean();
    }

    private static JsonNode stateObject(String region, String bucket, String key) throws Exception {
        return JSON.readTree(objectText(region, bucket, key));
    }

    private static String lockId(String region, String bucket, String key) throws Exception {
        String id = JSON.readTree(objectText(region, bucket, key)).path("ID").asText();
        assertFalse(id.isEmpty(), "lock file " + key + " without an ID");
        return id;
    }

    private static String objectText(String region, String bucket, String key) throws Exception {
        return ok(query(List.of(new Call("s3", region, "get_object", Map.of("Bucket", bucket, "Key", key)))).get(0))
                .path("Body").asText();
    }

    /** The state's resource addresses, sorted. */
    private static List<String> addresses(JsonNode state) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : state.path("resources")) {
            out.add(r.path("type").asText() + "." + r.path("name").asText());
        }
        return out.stream().sorted().toList();
    }

    /** The SSM parameters of one stack's test (its own namespace; the tests share an emulator). */
    private static List<String> parameters(String region, String stack) throws Exception {
        JsonNode all = ok(query(List.of(new Call("ssm", region, "describe_parameters", Map.of()))).get(0));
        List<String> names = new ArrayList<>();
        all.path("Parameters").forEach(p -> names.add(p.path("Name").asText()));
        return names.stream().filter(n -> n.startsWith("/opsstack/statelock/" + stack + "/")).sorted().toList();
    }

    private record Result(int exit, String out, String err) {
        String all() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    // ---- tools: skip on a workstation without them, fail in CI ----------------------------------------------------

    private static Path require(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(d.isEmpty() ? "." : d, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        unavailable(tool + " is not on PATH");
        return null;
    }

    private static Path mirror() {
        String configured = System.getProperty("opsstack.tfPluginMirror", System.getenv("OPSSTACK_TF_PLUGIN_MIRROR"));
        Path p = Path.of(configured != null && !configured.isBlank() ? configured : "/opt/tf-plugins");
        if (!Files.isDirectory(p.resolve("registry.terraform.io/hashicorp/aws"))) {
            unavailable("no provider mirror with registry.terraform.io/hashicorp/aws at " + p
                    + " (set -Dopsstack.tfPluginMirror=DIR)");
        }
        return p.toAbsolutePath();
    }

    private static void requireMoto() throws Exception {
        Process p = new ProcessBuilder("python3", "-c", "import moto, moto.server, boto3").redirectErrorStream(true)
                .start();
        p.getInputStream().readAllBytes();
        if (!(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0)) {
            unavailable("moto 5.2 with its server is missing for python3 (pip install 'moto[server]==5.2.1')");
        }
    }

    private static void unavailable(String why) {
        String message = why + ": StateLockTest needs terraform 1.10+, the hashicorp/aws mirror, the AWS CLI and moto";
        if (System.getenv("CI") != null) {
            fail(message + ". Required in CI");
        }
        System.err.println("SKIPPED: " + message);
        Assumptions.abort(message);
    }
}
