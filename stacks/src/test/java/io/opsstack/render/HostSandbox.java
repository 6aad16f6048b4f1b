package io.opsstack.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.yaml.snakeyaml.Yaml;

/**
 * An app host, as far as its own scripts can tell, for the HostScripts tests: moto on a free 127.0.0.1 port
 * (started through opsstack's launcher, moto_launcher.py, as the rehearsal starts it), the files cloud-init writes
 * under /opt/opsstack (taken from the rendered cloud-init.yaml, with their permissions), and a command runner that
 * executes shell text inside {@code hostroot.sh}: a private mount namespace whose /opt/opsstack, /data and /tmp are
 * folders of the scratch directory, so the rendered scripts run unmodified, with their absolute paths.
 *
 * <p>On the scripts' PATH: {@code shim-aws.sh} as {@code aws} (the real AWS CLI v2, Debian's 2.9.19, plus
 * {@code --endpoint-url}: that version ignores AWS_ENDPOINT_URL), {@code shim-docker.sh} as {@code docker}
 * (runs the image's PostgreSQL command natively), then /usr/bin and /bin. Fake keys, every AWS file empty, IMDS
 * off, and every HTTP(S) proxy a closed loopback port: a request that does not go to the emulator fails.
 * AWS_DEFAULT_REGION stands in for IMDS: on the host, CLI v2 takes the region from the instance metadata when a
 * command has no --region (backup.sh's sts and s3api calls, the runbook's {@code aws s3 cp}).
 */
final class HostSandbox implements AutoCloseable {

    /** Where the scratch folder appears inside the host root (hostroot.sh binds it there). */
    static final String INSIDE = "/run/opsstack-test";
    static final ObjectMapper JSON = new ObjectMapper();

    record Result(int exit, String output) {
    }

    final Path scratch;
    final String endpoint;
    final String region;
    private final Process moto;

    private HostSandbox(Path scratch, String endpoint, String region, Process moto) {
        this.scratch = scratch;
        this.endpoint = endpoint;
        this.region = region;
        this.moto = moto;
    }

    /** What the sandbox needs; in CI a missing piece fails, elsewhere the test is skipped. */
    static void requireTools() throws Exception {
        require(isRoot(), "root (a mount namespace and chroot for the host paths; chown 472 of fetch-secrets.sh)");
        Map<String, String> tools = new LinkedHashMap<>();
        tools.put("unshare", "util-linux");
        tools.put("mount", "mount");
        tools.put("chroot", "coreutils");
        tools.put("runuser", "util-linux");
        tools.put("openssl", "openssl");
        tools.put("gzip", "gzip");
        tools.put("sqlite3", "sqlite3");
        tools.forEach(Tools::require);
        require(awsV2(), "AWS CLI v2 at /usr/bin/aws (Debian package awscli; .ci/run installs it)");
        require(LocalPostgres.binDir() != null, "PostgreSQL server (Debian package postgresql: initdb, pg_ctl)");
        require(ok("python3", "-c", "import moto, moto.server, boto3"),
                "moto 5.2 with its server for python3 (pip install 'moto[server]==5.2.1')");
    }

    static void require(boolean present, String what) {
        if (present) {
            return;
        }
        if (System.getenv("CI") != null) {
            fail(what + ": required in CI");
        }
        System.err.println("SKIPPED: " + what + " is missing");
        Assumptions.abort(what + " is missing");
    }

    private static boolean isRoot() throws Exception {
        Tools.Result r = Tools.run(Path.of("."), "id", "-u");
        return r.exit() == 0 && r.output().trim().equals("0");
    }

    private static boolean awsV2() throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/aws"))) {
            return false;
        }
        Tools.Result r = Tools.run(Path.of("."), "/usr/bin/aws", "--version");
        return r.exit() == 0 && r.output().startsWith("aws-cli/2.");
    }

    private static boolean ok(String... command) throws Exception {
        return Tools.run(Path.of("."), command).exit() == 0;
    }

    /** Starts moto through the launcher and lays out the scratch folder (shims, HOME, empty AWS files). */
    static HostSandbox start(Path scratch, String region) throws Exception {
        for (String d : List.of("shim", "home", "host/opt-opsstack", "host/data", "host/tmp")) {
            Files.createDirectories(scratch.resolve(d));
        }
        Files.writeString(scratch.resolve("home/aws-config-empty"), "");
        Files.writeString(scratch.resolve("home/aws-credentials-empty"), "");
        Files.writeString(scratch.resolve("docker.log"), "");
        copyResource("shim-aws.sh", scratch.resolve("shim/aws"), "rwxr-xr-x");
        copyResource("shim-docker.sh", scratch.resolve("shim/docker"), "rwxr-xr-x");
        copyResource("hostroot.sh", scratch.resolve("hostroot.sh"), "rwxr-xr-x");
        copyResource("hostscripts_setup.py", scratch.resolve("hostscripts_setup.py"), "rw-r--r--");
        Path launcher = scratch.resolve("moto_launcher.py");
        try (InputStream in = HostSandbox.class.getResourceAsStream("/io/opsstack/rehearse/moto_launcher.py")) {
            Files.copy(in, launcher);
        }
        int port = freePort();
        ProcessBuilder pb = new ProcessBuilder("python3", launcher.toString(), String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(scratch.resolve("emulator.log").toFile());
        pb.environment().clear();
        pb.environment().putAll(outsideEnv(scratch));
        pb.environment().put("MOTO_IAM_LOAD_MANAGED_POLICIES", "true");
        pb.environment().put("PYTHONUNBUFFERED", "1");
        Process p = pb.start();
        String endpoint = "http://127.0.0.1:" + port;
        HostSandbox box = new HostSandbox(scratch, endpoint, region, p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!answers(endpoint)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                box.close();
                fail("moto did not start on " + endpoint + ":\n" + Files.readString(scratch.resolve("emulator.log")));
            }
            Thread.sleep(200);
        }
        return box;
    }

    /**
     * Creates in the emulator what the scripts read (hostscripts_setup.py): the data key, the backups bucket and,
     * with a database port, the RDS instance and its master secret. Returns the script's JSON.
     */
    JsonNode setup(String env, Integer dbPort) throws Exception {
        List<String> command = new ArrayList<>(List.of("python3", scratch.resolve("hostscripts_setup.py").toString(),
                endpoint, env, region));
        if (dbPort != null) {
            command.add(String.valueOf(dbPort));
        }
        Result r = exec(command, outsideEnv(scratch));
        assertEquals(0, r.exit(), r.output());
        return JSON.readTree(r.output());
    }

    /** Writes cloud-init's write_files under /opt/opsstack into the host's /opt/opsstack, with their modes. */
    @SuppressWarnings("unchecked")
    List<String> installFromCloudInit(Path renderedEnv) throws Exception {
        Map<String, Object> doc = new Yaml().load(Files.readString(renderedEnv.resolve(Renderer.CLOUD_INIT)));
        List<String> installed = new ArrayList<>();
        for (Map<String, Object> f : (List<Map<String, Object>>) doc.get("write_files")) {
            String path = (String) f.get("path");
            if (!path.startsWith("/opt/opsstack/")) {
                continue;
            }
            Path target = scratch.resolve("host/opt-opsstack").resolve(path.substring("/opt/opsstack/".length()));
            Files.createDirectories(target.getParent());
            Files.writeString(target, (String) f.get("content"));
            int mode = Integer.parseInt((String) f.get("permissions"), 8);
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(rwx(mode)));
            installed.add(path);
        }
        return installed;
    }

    /** The host's view of a path: /opt/opsstack/app.env is scratch/host/opt-opsstack/app.env, and so on. */
    Path host(String absolute) {
        for (Map.Entry<String, String> m : Map.of("/opt/opsstack/", "host/opt-opsstack/", "/data/", "host/data/",
                "/tmp/", "host/tmp/").entrySet()) {
            if (absolute.startsWith(m.getKey())) {
                return scratch.resolve(m.getValue() + absolute.substring(m.getKey().length()));
            }
        }
        throw new IllegalArgumentException("not a redirected host path: " + absolute);
    }

    /** Runs shell text on the "host" (bash -euo pipefail), as root, in the host root, with the scripts' env. */
    Result sh(String script, Map<String, String> extra) throws Exception {
        Map<String, String> env = insideEnv();
        env.putAll(extra);
        List<String> command = new ArrayList<>(List.of("unshare", "-m", "--propagation", "private", "bash",
                scratch.resolve("hostroot.sh").toString(), scratch.toString(), "/usr/bin/env", "-i"));
        env.forEach((k, v) -> command.add(k + "=" + v));
        command.addAll(List.of("/bin/bash", "-euo", "pipefail", "-c", script));
        return exec(command, outsideEnv(scratch));
    }

    Result sh(String script) throws Exception {
        return sh(script, Map.of());
    }

    /** Runs a command on the host and parses its standard output as JSON; it must succeed. */
    JsonNode json(String script) throws Exception {
        Result r = sh(script);
        assertEquals(0, r.exit(), script + "\n" + r.output());
        return JSON.readTree(r.output());
    }

    /** The images the docker shim was asked to run, one "IMAGE COMMAND" a line. */
    List<String> dockerRuns() throws IOException {
        return Files.readAllLines(scratch.resolve("docker.log"));
    }

    private Map<String, String> insideEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", INSIDE + "/shim:/usr/bin:/bin");
        env.put("HOME", INSIDE + "/home");
        env.put("LANG", "C.UTF-8");
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_CONFIG_FILE", INSIDE + "/home/aws-config-empty");
        env.put("AWS_SHARED_CREDENTIALS_FILE", INSIDE + "/home/aws-credentials-empty");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_DEFAULT_REGION", region);
        env.put("HTTPS_PROXY", "http://127.0.0.1:9");
        env.put("HTTP_PROXY", "http://127.0.0.1:9");
        env.put("NO_PROXY", "127.0.0.1,localhost");
        env.put("OPSSTACK_TEST_ENDPOINT", endpoint);
        env.put("OPSSTACK_TEST_PGHOSTADDR", "127.0.0.1");
        env.put("OPSSTACK_TEST_DOCKER_LOG", INSIDE + "/docker.log");
        return env;
    }

    /** The environment of processes started outside the host root (moto, boto3): fake keys, nothing of the user's. */
    static Map<String, String> outsideEnv(Path scratch) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", scratch.resolve("home").toString());
        env.put("LANG", "C.UTF-8");
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_CONFIG_FILE", scratch.resolve("home/aws-config-empty").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", scratch.resolve("home/aws-credentials-empty").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        return env;
    }

    static Result exec(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        // From /, not the build's folder: a command run as another user (runuser -u postgres) cannot enter a clone
        // under a private folder (mktemp -d is 0700), and psql then prints "could not change directory to ...:
        // Permission denied" into the output the tests compare (found by a fresh-clone .ci/run).
        pb.directory(new java.io.File("/"));
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " timed out");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static void copyResource(String name, Path target, String mode) throws IOException {
        try (InputStream in = HostSandbox.class.getResourceAsStream(name)) {
            assertTrue(in != null, "test resource missing: " + name);
            Files.copy(in, target);
        }
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(mode));
    }

    private static String rwx(int mode) {
        StringBuilder s = new StringBuilder();
        for (int shift = 6; shift >= 0; shift -= 3) {
            int bits = (mode >> shift) & 7;
            s.append((bits & 4) != 0 ? 'r' : '-').append((bits & 2) != 0 ? 'w' : '-').append((bits & 1) != 0 ? 'x' : '-');
        }
        return s.toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean answers(String endpoint) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(endpoint + "/").toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(3000);
            c.getResponseCode();
            c.disconnect();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Deletes a scratch folder (the mounts of hostroot.sh ended with its process). */
    static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Override
    public void close() {
        moto.descendants().forEach(ProcessHandle::destroy);
        moto.destroy();
        try {
            if (!moto.waitFor(10, TimeUnit.SECONDS)) {
                moto.destroyForcibly();
            }
        } catch (InterruptedException e) {
            moto.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
