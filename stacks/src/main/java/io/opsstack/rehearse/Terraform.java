package io.opsstack.rehearse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs terraform in a stack's directory with the rehearsal's environment; every run's output goes to a log file. */
final class Terraform {

    private static final Pattern APPLIED = Pattern.compile("Resources: (\\d+) added, (\\d+) changed, (\\d+) destroyed");
    private static final Pattern DESTROYED = Pattern.compile("Destroy complete! Resources: (\\d+) destroyed");

    /** Exit code given to a run stopped by the step timeout (as coreutils' timeout does). */
    static final int TIMED_OUT = 124;

    /** One finished terraform run. */
    record Run(int exitCode, Path log, String output) {
        boolean timedOut() {
            return exitCode == TIMED_OUT && output.startsWith(TIMEOUT_MARK);
        }

        boolean ok() {
            return exitCode == 0;
        }

        /** Resources added + changed + destroyed as terraform reported them, or -1. */
        int resources() {
            Matcher m = APPLIED.matcher(output);
            if (m.find()) {
                return Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2)) + Integer.parseInt(m.group(3));
            }
            m = DESTROYED.matcher(output);
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        }
    }

    /** Running terraform processes: stopped by a shutdown hook on Ctrl-C, so none outlives the command. */
    private static final java.util.Set<Process> RUNNING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(p -> {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }), "opsstack-rehearse-terraform-stop"));
    }

    private final String executable;
    private final Map<String, String> env;
    private final Path logs;
    private final int parallelism;
    private final Duration stepTimeout;

    /**
     * @param stepTimeout how long one terraform command may run. A provider waits for AWS states with long
     *                    timeouts of its own (40 minutes for a DB instance) and some retry on errors the emulator
     *                    answers forever: without a bound one such wait hangs the whole rehearsal, and CI with it.
     */
    Terraform(String executable, Map<String, String> env, Path logs, int parallelism, Duration stepTimeout) {
        this.executable = executable;
        this.env = env;
        this.logs = logs;
        this.parallelism = parallelism;
        this.stepTimeout = stepTimeout;
    }

    Run init(Path dir, String label) throws IOException, InterruptedException {
        return run(dir, label, "init", "-input=false", "-no-color");
    }

    Run apply(Path dir, String label, String... extra) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("apply", "-auto-approve", "-input=false", "-no-color",
                "-parallelism=" + parallelism));
        args.addAll(List.of(extra));
        return run(dir, label, args.toArray(String[]::new));
    }

    /** {@code plan -detailed-exitcode}: 0 no changes, 2 changes, 1 error. The plan is saved as {@code plan.bin}. */
    Run plan(Path dir, String label) throws IOException, InterruptedException {
        return run(dir, label, "plan", "-detailed-exitcode", "-input=false", "-no-color", "-parallelism=" + parallelism,
                "-out=rehearse.plan");
    }

    Run showPlanJson(Path dir, String label) throws IOException, InterruptedException {
        return run(dir, label, "show", "-json", "-no-color", "rehearse.plan");
    }

    Run showStateJson(Path dir, String label) throws IOException, InterruptedException {
        return run(dir, label, "show", "-json", "-no-color");
    }

    Run destroy(Path dir, String label) throws IOException, InterruptedException {
        return run(dir, label, "destroy", "-auto-approve", "-input=false", "-no-color", "-parallelism=" + parallelism);
    }

    Run stateList(Path dir, String label) throws IOException, InterruptedException {
        return run(dir, label, "state", "list");
    }

    private Run run(Path dir, String label, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        ChildEnvironment.apply(pb, env);
        Files.createDirectories(logs);
        Path log = logs.resolve(label + ".log");
        Path err = logs.resolve(label + ".stderr");
        pb.redirectOutput(log.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        RUNNING.add(p);
        int code;
        boolean timedOut = false;
        try {
            if (p.waitFor(stepTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                code = p.exitValue();
            } else {
                timedOut = true;
                // SIGTERM first: terraform stops like on Ctrl-C and writes the state of what it did (a killed
                // apply would lose it, and the teardown after it would leak those resources).
                p.destroy();
                if (!p.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly().waitFor();
                }
                code = TIMED_OUT;
            }
        } finally {
            RUNNING.remove(p);
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        if (timedOut) {
            out = TIMEOUT_MARK + " terraform " + args[0] + " still running after " + minutes(stepTimeout)
                    + " (--step-timeout): stopped. Usually a provider waiting for a state the emulator never"
                    + " reaches; the log's last lines show what it waited on.\n" + out;
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        if (!stderr.isBlank()) {
            Files.writeString(log, "\n--- stderr ---\n" + stderr, StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.APPEND);
        }
        Files.deleteIfExists(err);
        return new Run(code, log, args[0].equals("show") ? out : out + stderr);
    }

    /** Starts a timeout's message in {@link Run#output()}. */
    static final String TIMEOUT_MARK = "Timed out:";

    /** How long a timed-out terraform gets to stop cleanly before it is killed. */
    private static final Duration GRACE = Duration.ofSeconds(60);

    static String minutes(Duration d) {
        long s = d.toSeconds();
        return s % 60 == 0 ? (s / 60) + " min" : s + " s";
    }

    /** The last lines of a log, for an error message. */
    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
