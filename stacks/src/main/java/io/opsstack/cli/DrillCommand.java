package io.opsstack.cli;

import io.opsstack.config.ConfigLoader;
import io.opsstack.config.EnvironmentConfig;
import io.opsstack.drill.Drill;
import io.opsstack.drill.DrillException;
import io.opsstack.drill.DrillReport;
import io.opsstack.drill.Drills;
import io.opsstack.drill.ProcedureDocs;
import io.opsstack.rehearse.Rehearsal;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "drill", mixinStandardHelpOptions = true,
        description = {"Rehearses ENV against an AWS emulator on this machine (as `rehearse` does: deploy, empty second"
                + " plan) and then runs the runbooks' procedures on it, exactly as the docs show them (the marked code"
                + " blocks of docs/*.md), checking each outcome through the AWS API and an empty plan after it."
                + " Never reaches an AWS account.",
                "Procedures (default: all, in this order): rollout-rollback, scale, lost-host, snapshot-restore,"
                        + " point-in-time-restore. See docs/runbook.md, \"Drills\"."})
final class DrillCommand implements Callable<Integer> {

    /**
     * How the drills get a rehearsed environment: the rehearsal deploys {@code env}, runs the drills through its
     * {@link io.opsstack.drill.DrillContext} after the empty second plan, tears down, and returns the report. The
     * rehearsal provides it (the seam the lead wires to Rehearsal); tests replace it.
     */
    interface Rehearser {
        DrillReport rehearse(Rehearsal.Options options, EnvironmentConfig env, List<Drill> drills,
                             Consumer<DrillReport.Step> progress) throws Exception;
    }

    static Rehearser rehearser = (options, env, drills, progress) -> {
        throw new IllegalStateException("this build's rehearsal does not run drills yet (Rehearsal implements"
                + " io.opsstack.drill.DrillContext on the cdktf-cli rehearsal branch)");
    };

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ENV", description = "The environment (an AWS one; not local).")
    String environment;

    @Parameters(index = "1..*", paramLabel = "PROCEDURE", arity = "0..*", description = "Procedures to run"
            + " (default: all).")
    List<String> procedures = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text, json or markdown"
            + " (the report on stdout; progress lines go to stderr).")
    String format;

    @Option(names = "--endpoint", paramLabel = "URL", description = "An emulator you already run; loopback"
            + " addresses only. Default: moto, started for the run.")
    String endpoint;

    @Option(names = "--plugin-mirror", paramLabel = "DIR", description = "A Terraform filesystem mirror holding the"
            + " AWS provider.")
    Path pluginMirror;

    @Option(names = "--scratch", paramLabel = "DIR", description = "Scratch folder (default: a new temporary one)."
            + " Must not exist yet or be empty.")
    Path scratch;

    @Option(names = "--keep", description = "Keep the scratch folder and print where it is.")
    boolean keep;

    @Option(names = "--step-timeout", paramLabel = "MINUTES", defaultValue = "30", description = "Stop a command"
            + " that runs longer (default: ${DEFAULT-VALUE}).")
    int stepTimeoutMinutes;

    @Override
    public Integer call() throws Exception {
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!List.of("text", "json", "markdown").contains(fmt)) {
            throw new Main.UsageError("--format " + format + ": use text, json or markdown");
        }
        if (stepTimeoutMinutes < 1) {
            throw new Main.UsageError("--step-timeout " + stepTimeoutMinutes + ": at least 1 (minutes)");
        }
        Path home = main.home();
        EnvironmentConfig env = new ConfigLoader(home).load(List.of(environment)).get(0);
        if (env.isLocal()) {
            throw new Main.UsageError("the local environment runs on Docker, not AWS: its procedures are not drilled"
                    + " against an AWS emulator");
        }
        List<Drill> drills;
        try {
            drills = new Drills(ProcedureDocs.load(home.resolve("docs"))).byId(procedures);
        } catch (DrillException e) {
            throw new Main.UsageError(e.getMessage());
        }
        if (endpoint != null) {
            try {
                Rehearsal.checkEndpoint(endpoint);
            } catch (io.opsstack.rehearse.RehearsalException e) {
                throw new Main.UsageError(e.getMessage());
            }
        }
        if (pluginMirror != null && !Files.isDirectory(pluginMirror)) {
            throw new Main.UsageError("--plugin-mirror " + pluginMirror + ": not a directory");
        }
        Path dir = scratch != null ? scratch.toAbsolutePath().normalize() : Files.createTempDirectory("opsstack-drill-");
        if (scratch != null && Files.isDirectory(dir)) {
            try (var s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new Main.UsageError("--scratch " + dir + ": not empty (the rehearsal starts from nothing)");
                }
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        err.println("drilling " + environment + ": " + String.join(", ", drills.stream().map(Drill::id).toList())
                + " (scratch " + dir + ")");
        Rehearsal.Options options = new Rehearsal.Options(home, dir, endpoint, pluginMirror, null, 10, 1, "terraform",
                "python3", Duration.ofMinutes(stepTimeoutMinutes));
        DrillReport report;
        try {
            report = rehearser.rehearse(options, env, drills, step -> {
                synchronized (err) {
                    err.println(String.format(Locale.ROOT, "%-10s %-22s %7.1f s  %-10s %s", environment,
                            step.procedure(), step.seconds(), step.status(), step.step()));
                    err.flush();
                }
            });
        } finally {
            if (!keep) {
                io.opsstack.synth.OutputDirectory.deleteRecursively(dir);
            }
        }
        out.print(switch (fmt) {
            case "json" -> report.json() + "\n";
            case "markdown" -> report.markdown();
            default -> report.text();
        });
        if (keep) {
            err.println("scratch folder kept: " + dir);
        }
        return report.passed() ? Main.OK : Main.FAILURE;
    }
}
