package io.opsstack.cli;

import io.opsstack.config.ConfigLoader;
import io.opsstack.config.EnvironmentConfig;
import io.opsstack.drift.Drift;
import io.opsstack.drift.DriftRenderer;
import io.opsstack.drift.DriftReport;
import io.opsstack.drift.TerraformRunner;
import io.opsstack.stacks.StackPlan;
import io.opsstack.synth.Synthesizer;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "drift", mixinStandardHelpOptions = true,
        description = {"Finds changes made outside Terraform (by hand, in the console or the CLI) in an environment's"
                + " deployed stacks: per stack in deploy order, `terraform plan -refresh-only` and a normal plan, read"
                + " from `terraform show -json`. Reports which resource, which argument, the value the state records"
                + " and the value found in AWS, resources gone from AWS and security group rules no stack declares,"
                + " and what an apply would do about each. Sensitive values are masked.",
                "Read-only: never applies and writes no state; each plan holds the stack's state lock while it runs."
                        + " Uses your own credentials and state backend (docs/runbook.md \"Drift\")."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no drift", "1:a stack could not be checked (terraform failed, a lock was held)",
                "2:drift found (or invalid input)"})
final class DriftCommand implements Callable<Integer> {

    enum Format { text, markdown, json }

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ENV", description = "The environment (environments/ENV.yaml).")
    String environment;

    @Option(names = "--format", defaultValue = "text", description = "text, markdown or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--stacks", split = ",", paramLabel = "ID", description = "Check only these stacks (default:"
            + " every stack of ENV; ids as `opsstack list --ids ENV` prints them).")
    List<String> stacks = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "The synth output holding stacks/<id>/ (default:"
            + " <project>/cdktf.out).")
    Path out;

    @Option(names = "--no-synth", description = "Use cdktf.out as it is. Default: synthesize ENV first when a stack's"
            + " cdk.tf.json is missing or older than environments/ENV.yaml or templates/, as `cdktf deploy` would.")
    boolean noSynth;

    @Option(names = "--terraform", paramLabel = "PATH", defaultValue = "terraform",
            description = "The terraform executable (default: ${DEFAULT-VALUE} on PATH; 1.5 or later).")
    String terraform;

    @Option(names = "--lock-timeout", paramLabel = "DURATION", defaultValue = "0s",
            description = "How long each plan waits for a state lock held by someone else, e.g. 5m (default:"
                    + " ${DEFAULT-VALUE}: fail at once, exit 1).")
    String lockTimeout;

    @Override
    public Integer call() throws Exception {
        Path home = main.home();
        ConfigLoader loader = new ConfigLoader(home);
        EnvironmentConfig env = loader.load(List.of(environment)).get(0);
        PrintWriter err = spec.commandLine().getErr();
        Main.printWarnings(loader, err);
        if (env.isLocal()) {
            throw new Main.UsageError(environment + " is a local (Docker) environment: nothing deployed in AWS to"
                    + " drift");
        }
        List<String> ids = StackPlan.of(env).stream().map(StackPlan.PlannedStack::id).toList();
        for (String s : stacks) {
            if (!ids.contains(s)) {
                throw new Main.UsageError("--stacks: " + s + " is not a stack of " + environment + " (its stacks: "
                        + String.join(", ", ids) + ")");
            }
        }
        List<String> checked = stacks.isEmpty() ? ids : ids.stream().filter(stacks::contains).toList();
        Path outdir = Main.checkOutputDirectory(out != null ? out : home.resolve("cdktf.out"));
        List<String> stale = stale(home, outdir, checked);
        if (!stale.isEmpty()) {
            if (noSynth) {
                throw new Main.UsageError("--no-synth: " + outdir + " has no up-to-date cdk.tf.json for "
                        + String.join(", ", stale) + "; run ./opsstack synth " + environment);
            }
            err.println("drift: synthesizing " + environment + " first (" + String.join(", ", stale)
                    + " missing or older than the environment file)");
            new Synthesizer(home).synth(List.of(env), outdir);
        }
        List<Path> dirs = checked.stream().map(id -> outdir.resolve("stacks").resolve(id)).toList();
        List<Path> others = ids.stream().filter(id -> !checked.contains(id)).map(id -> outdir.resolve("stacks")
                .resolve(id)).filter(Files::isDirectory).toList();
        DriftReport report = Drift.check(environment, dirs, others, TerraformRunner.process(terraform, Map.of()),
                new Drift.Options(true, lockTimeout));
        spec.commandLine().getOut().print(switch (format) {
            case text -> DriftRenderer.text(report);
            case markdown -> DriftRenderer.markdown(report);
            case json -> DriftRenderer.json(report) + "\n";
        });
        return report.exitCode();
    }

    /** The stacks whose cdk.tf.json is missing or older than the environment file or a template. */
    private List<String> stale(Path home, Path outdir, List<String> ids) throws IOException {
        FileTime newest = Files.getLastModifiedTime(home.resolve(ConfigLoader.ENVIRONMENTS_DIR)
                .resolve(environment + ConfigLoader.EXTENSION));
        Path templates = home.resolve("templates");
        if (Files.isDirectory(templates)) {
            try (Stream<Path> walk = Files.walk(templates)) {
                for (Path p : walk.filter(Files::isRegularFile).toList()) {
                    FileTime t = Files.getLastModifiedTime(p);
                    newest = t.compareTo(newest) > 0 ? t : newest;
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            Path json = outdir.resolve("stacks").resolve(id).resolve("cdk.tf.json");
            if (!Files.isRegularFile(json) || Files.getLastModifiedTime(json).compareTo(newest) < 0) {
                out.add(id);
            }
        }
        return out;
    }
}
