package io.opsstack.cli;

import io.opsstack.synth.Interrupts;

import java.io.InputStream;
import java.io.PrintWriter;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code opsstack emulator}: moto's server through opsstack's launcher (the one {@code rehearse} uses, with its
 * patches that put AWS's behaviour back), in the foreground on 127.0.0.1, until Ctrl-C. For users who point
 * Terraform or cdktf-cli at it by hand (docs/rehearsal.md, "By hand"): plain moto answers some calls the stacks make
 * differently from AWS (PutBucketLogging with HTTP 500, among others), which the launcher fixes.
 */
@Command(name = "emulator", mixinStandardHelpOptions = true,
        description = {"Runs the AWS emulator opsstack rehearses against (moto 5.2 through opsstack's launcher) in the"
                + " foreground on 127.0.0.1, prints its endpoint and how to point Terraform or cdktf-cli at it, and"
                + " stops on Ctrl-C. One account, in memory: everything is gone when it stops."})
final class EmulatorCommand implements Callable<Integer> {

    static final String LAUNCHER = "/io/opsstack/rehearse/moto_launcher.py";

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", description = "The loopback port (default: 5000).")
    int port = 5000;

    @Option(names = "--region", paramLabel = "R",
            description = "The region the printed settings name (default: us-east-1; moto serves every region).")
    String region = "us-east-1";

    @Option(names = "--python", paramLabel = "PYTHON",
            description = "The Python with moto 5.2 and its server (default: python3).")
    String python = "python3";

    @Override
    public Integer call() throws Exception {
        if (port < 1 || port > 65535) {
            throw new Main.UsageError("--port " + port + " is not a TCP port (1-65535)");
        }
        if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
            throw new Main.UsageError("--region " + region + " is not an AWS region name (us-east-1, ...)");
        }
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
        } catch (java.io.IOException e) {
            throw new Main.UsageError("127.0.0.1:" + port + " is in use (" + e.getMessage() + "); choose another --port");
        }
        Path dir = Files.createTempDirectory("opsstack-emulator-");
        Path launcher = dir.resolve("moto_launcher.py");
        try (InputStream in = EmulatorCommand.class.getResourceAsStream(LAUNCHER)) {
            Files.copy(in, launcher, StandardCopyOption.REPLACE_EXISTING);
        }
        ProcessBuilder pb = new ProcessBuilder(python, launcher.toString(), String.valueOf(port)).inheritIO();
        pb.environment().put("MOTO_IAM_LOAD_MANAGED_POLICIES", "true"); // as rehearse: AWS's managed policies exist
        pb.environment().put("PYTHONUNBUFFERED", "1");
        Process p;
        try {
            p = pb.start();
        } catch (java.io.IOException e) {
            throw new Main.UsageError("cannot start " + python + " (" + e.getMessage() + "); install moto 5.2 with its"
                    + " server: pip install 'moto[server]==5.2.1'");
        }
        Runnable stop = () -> stop(p);
        Interrupts.beforeHalt(stop); // Ctrl-C and SIGTERM halt the JVM: no shutdown hook would run
        Thread hook = new Thread(stop, "opsstack-emulator-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        String endpoint = "http://127.0.0.1:" + port;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!answers(endpoint)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                stop(p);
                throw new Main.UsageError("the emulator did not start on " + endpoint + " (is moto 5.2 with its"
                        + " server installed for " + python + "? pip install 'moto[server]==5.2.1')");
            }
            Thread.sleep(200);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("opsstack emulator: moto through opsstack's launcher at " + endpoint + " (stop: Ctrl-C)");
        out.println("Point the AWS CLI, Terraform and cdktf-cli at it (fake keys; nothing here reaches AWS):");
        out.println("  export AWS_ENDPOINT_URL=" + endpoint + " AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test"
                + " AWS_REGION=" + region + " AWS_DEFAULT_REGION=" + region);
        out.println("and, in each cdktf.out/stacks/<stack>/, the override file of docs/rehearsal.md (\"By hand\"):"
                + " every provider's s3_use_path_style and the S3 state bucket (or a local backend).");
        out.flush();
        int code = p.waitFor();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down already
        }
        return code == 0 ? Main.OK : Main.FAILURE;
    }

    private static boolean answers(String endpoint) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(endpoint + "/moto-api/").toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(3000);
            c.getResponseCode();
            c.disconnect();
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
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
}
