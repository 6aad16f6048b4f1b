package io.opsstack.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.opsstack.config.ConfigLoader;
import io.opsstack.config.EnvironmentConfig;
import io.opsstack.rehearse.PlanCheck;
import io.opsstack.rehearse.Rehearsal;
import io.opsstack.rehearse.Rehearsal.EnvironmentResult;
import io.opsstack.rehearse.Rehearsal.Step;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "rehearse", mixinStandardHelpOptions = true,
        description = {"Deploys environments for real against an AWS emulator on this machine (moto, or --endpoint):"
                + " synth into a scratch folder, terraform apply in deploy order, a second plan that must be empty,"
                + " failover and failback for an environment with dr, destroy. Never reaches an AWS account.",
                "Needs terraform, and moto 5.2 with its server for python3 (unless --endpoint). See"
                        + " docs/rehearsal.md."})
final class RehearseCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    EnvironmentArgs environments;

    @Option(names = "--endpoint", paramLabel = "URL", description = "An emulator you already run (LocalStack:"
            + " http://127.0.0.1:4566); loopback addresses only. Default: moto, started per environment.")
    String endpoint;

    @Option(names = "--plugin-mirror", paramLabel = "DIR", description = "A Terraform filesystem mirror holding the"
            + " AWS provider (default: your own Terraform CLI config, else the registry).")
    Path pluginMirror;

    @Option(names = "--provider-version", paramLabel = "VERSION", description = "Rehearse with this AWS provider"
            + " version instead of the stacks' own constraint (written into the override file).")
    String providerVersion;

    @Option(names = "--keep", description = "Keep the scratch folder (states, logs, plans) and print where it is.")
    boolean keep;

    @Option(names = "--scratch", paramLabel = "DIR", description = "Scratch folder (default: a new temporary one)."
            + " Must not exist yet or be empty.")
    Path scratch;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "1", description = "Environments rehearsed at once,"
            + " each with its own emulator (default: ${DEFAULT-VALUE}).")
    int jobs;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "10", description = "terraform -parallelism"
            + " (default: ${DEFAULT-VALUE}, Terraform's own).")
    int parallelism;

    @Option(names = "--step-timeout", paramLabel = "MINUTES", defaultValue = "30", description = "Stop a terraform"
            + " command (init, apply, plan, destroy of one stack) that runs longer, and fail the environment"
            + " (default: ${DEFAULT-VALUE}).")
    int stepTimeoutMinutes;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json (the"
            + " summary on stdout; progress lines go to stderr).")
    String format;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("text") && !format.equals("json")) {
            throw new Main.UsageError("--format " + format + ": use text or json");
        }
        if (jobs < 1 || parallelism < 1) {
            throw new Main.UsageError("--jobs and --parallelism must be at least 1");
        }
        if (stepTimeoutMinutes < 1) {
            throw new Main.UsageError("--step-timeout " + stepTimeoutMinutes + ": at least 1 (minutes)");
        }
        Path home = main.home();
        List<EnvironmentConfig> configs = new ArrayList<>();
        for (EnvironmentConfig env : new ConfigLoader(home).load(environments.names)) {
            if (env.isLocal()) {
                if (!environments.names.isEmpty()) {
                    throw new Main.UsageError("the local environment runs on Docker, not AWS: nothing to rehearse"
                            + " against an AWS emulator (deploy it with cdktf, see README)");
                }
                continue;
            }
            configs.add(env);
        }
        if (endpoint != null) {
            try {
                io.opsstack.rehearse.Rehearsal.checkEndpoint(endpoint);
            } catch (io.opsstack.rehearse.RehearsalException e) {
                throw new Main.UsageError(e.getMessage());
            }
        }
        if (pluginMirror != null && !Files.isDirectory(pluginMirror)) {
            throw new Main.UsageError("--plugin-mirror " + pluginMirror + ": not a directory");
        }
        Path dir = scratch != null ? scratch.toAbsolutePath().normalize()
                : Files.createTempDirectory("opsstack-rehearse-");
        if (Files.isDirectory(dir) && scratch != null) {
            try (var s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new Main.UsageError("--scratch " + dir + ": not empty (the rehearsal starts from nothing)");
                }
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        err.println("rehearsing " + configs.size() + " environment(s) in " + dir);
        long start = System.nanoTime();
        Rehearsal rehearsal = new Rehearsal(new Rehearsal.Options(home, dir, endpoint, pluginMirror, providerVersion,
                parallelism, jobs, "terraform", "python3", java.time.Duration.ofMinutes(stepTimeoutMinutes)), step -> {
                    synchronized (err) {
                        err.println(line(step));
                        err.flush();
                    }
                });
        List<EnvironmentResult> results;
        try {
            results = rehearsal.run(configs);
        } finally {
            if (!keep) {
                io.opsstack.synth.OutputDirectory.deleteRecursively(dir);
            }
        }
        double total = (System.nanoTime() - start) / 1e9;
        boolean ok = results.stream().allMatch(EnvironmentResult::ok);
        if (format.equals("json")) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("ok", ok);
            json.put("seconds", Math.round(total * 10) / 10.0);
            json.put("scratch", keep ? dir.toString() : null);
            json.put("environments", results);
            json.put("excused", PlanCheck.EXCUSED);
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json));
        } else {
            summary(out, results, total, ok);
            if (keep) {
                out.println("scratch folder kept: " + dir);
            }
        }
        return ok ? Main.OK : Main.FAILURE;
    }

    static String line(Step s) {
        String res = s.resources() > 0 ? s.resources() + " res" : "";
        String detail = s.detail().isEmpty() ? "" : "  " + (s.status().equals("FAILED") ? "\n    "
                + s.detail().replace("\n", "\n    ") : firstLine(s.detail()));
        return String.format("%-10s %-18s %-22s %8s %7.1f s  %s%s", s.environment(), s.stack(), s.step(), res,
                s.seconds(), s.status(), detail);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " ...";
    }

    private static void summary(PrintWriter out, List<EnvironmentResult> results, double total, boolean ok) {
        out.println();
        out.println(String.format("%-10s %-8s %9s  %s", "ENV", "RESULT", "SECONDS", "STEPS (ok/not proven/failed)"));
        for (EnvironmentResult r : results) {
            long okSteps = r.steps().stream().filter(s -> s.status().equals("ok")).count();
            long np = r.steps().stream().filter(s -> s.status().equals("not proven")).count();
            long failed = r.steps().stream().filter(s -> s.status().equals("FAILED")).count();
            out.println(String.format("%-10s %-8s %9.1f  %d/%d/%d", r.environment(), r.ok() ? "passed" : "FAILED",
                    r.seconds(), okSteps, np, failed));
        }
        for (EnvironmentResult r : results) {
            for (String s : r.substitutions()) {
                out.println(r.environment() + ": substituted " + s);
            }
            for (String s : r.notProven()) {
                out.println(r.environment() + ": not proven (emulator) " + s);
            }
            if (r.error() != null) {
                out.println(r.environment() + ": " + r.error());
            }
        }
        out.println(String.format("rehearsal %s in %.1f s", ok ? "passed" : "FAILED", total));
    }
}
