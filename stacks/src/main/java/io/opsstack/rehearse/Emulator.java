package io.opsstack.rehearse;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The AWS emulator one environment is rehearsed against: moto's server, started by opsstack's launcher
 * (moto_launcher.py, shipped in the jar) on a free 127.0.0.1 port, or an emulator the user already runs
 * ({@code --endpoint}, never stopped by us). Closing it stops the process; a JVM shutdown hook does the same on
 * Ctrl-C, so no emulator outlives the command.
 */
final class Emulator implements AutoCloseable {

    static final String LAUNCHER = "moto_launcher.py";

    final String endpoint;
    private final Process process;
    private final Thread hook;

    private Emulator(String endpoint, Process process) {
        this.endpoint = endpoint;
        this.process = process;
        if (process != null) {
            hook = new Thread(() -> stop(process), "opsstack-rehearse-emulator-stop");
            Runtime.getRuntime().addShutdownHook(hook);
        } else {
            hook = null;
        }
    }

    /** An emulator the user runs: checked to be loopback, and to answer. */
    static Emulator external(String url) throws RehearsalException {
        String endpoint = ChildEnvironment.loopbackEndpoint(url);
        if (!answers(endpoint)) {
            throw new RehearsalException("--endpoint " + endpoint + " does not answer HTTP; start the emulator first");
        }
        return new Emulator(endpoint, null);
    }

    /** Starts moto on a free loopback port with the launcher; waits until it answers (at most 60 s). */
    static Emulator moto(Path scratch, Map<String, String> childEnv, String python) throws RehearsalException,
            IOException, InterruptedException {
        Path launcher = scratch.resolve(LAUNCHER);
        if (!Files.exists(launcher)) {
            try (InputStream in = Emulator.class.getResourceAsStream(LAUNCHER)) {
                Files.copy(in, launcher);
            }
        }
        int port = freePort();
        Map<String, String> env = new HashMap<>(childEnv);
        // The AWS managed policies (AmazonSSMManagedInstanceCore, ...) our roles attach must exist, as in AWS.
        env.put("MOTO_IAM_LOAD_MANAGED_POLICIES", "true");
        env.put("PYTHONUNBUFFERED", "1");
        ProcessBuilder pb = new ProcessBuilder(python, launcher.toString(), String.valueOf(port));
        ChildEnvironment.apply(pb, env);
        Path log = scratch.resolve("emulator-" + port + ".log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new RehearsalException("cannot start the emulator (" + python + " " + launcher + "): " + e.getMessage()
                    + "; install moto 5.2 with its server for " + python + " (pip install 'moto[server]==5.2.1')");
        }
        String endpoint = "http://127.0.0.1:" + port;
        Emulator emulator = new Emulator(endpoint, p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!answers(endpoint)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                emulator.close();
                throw new RehearsalException("the emulator did not start on " + endpoint + ":\n"
                        + Terraform.tail(log, 15) + "\n(install moto 5.2 with its server for " + python
                        + ": pip install 'moto[server]==5.2.1')");
            }
            Thread.sleep(200);
        }
        return emulator;
    }

    private static int freePort() throws IOException {
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

    boolean owned() {
        return process != null;
    }

    private static void stop(Process p) {
        if (!p.isAlive()) {
            return;
        }
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process != null) {
            stop(process);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook runs (or ran) anyway
            }
        }
    }
}
