package io.opsstack.rehearse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs terraform in a stack's directory with the rehearsal's environment; every run's output goes to a log file. */
final class Terraform {

    private static final Pattern APPLIED = Pattern.compile("Resources: (\\d+) added, (\\d+) changed, (\\d+) destroyed");
    private static final Pattern DESTROYED = Pattern.compile("Destroy complete! Resources: (\\d+) destroyed");

    /** One finished terraform run. */
    record Run(int exitCode, Path log, String output) {
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

    Terraform(String executable, Map<String, String> env, Path logs, int parallelism) {
        this.executable = executable;
        this.env = env;
        this.logs = logs;
        this.parallelism = parallelism;
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
        try {
            code = p.waitFor();
        } finally {
            RUNNING.remove(p);
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        if (!stderr.isBlank()) {
            Files.writeString(log, "\n--- stderr ---\n" + stderr, StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.APPEND);
        }
        Files.deleteIfExists(err);
        return new Run(code, log, args[0].equals("show") ? out : out + stderr);
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
