package io.opsstack.cli;

import io.opsstack.config.ConfigLoader;
import io.opsstack.config.EnvironmentConfig;
import io.opsstack.iam.IamMatrix;
import io.opsstack.policy.Finding;
import io.opsstack.policy.Policy;
import io.opsstack.policy.Reports;
import io.opsstack.policy.Synthesized;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Runs the policy rules (docs/rules.md) over the current synth output, and the IAM access "
                + "matrix (docs/iam.md: the policies evaluated in a separate Node.js process; skipped with a note when "
                + "Node.js or its modules are missing). Exit 2 on an unsuppressed error.")
final class CheckCommand implements Callable<Integer> {

    enum Format { text, json, sarif }

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    EnvironmentArgs environments;

    @Option(names = "--format", defaultValue = "text", description = "text, json or sarif (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--in", paramLabel = "DIR", description = "The synth output to check (default: <project>/cdktf.out).")
    Path in;

    @Option(names = "--no-iam", description = "Skip the IAM access matrix (docs/iam.md); the policy rules still run.")
    boolean noIam;

    @Override
    public Integer call() throws Exception {
        Path home = main.home();
        Path dir = in != null ? in : home.resolve("cdktf.out");
        if (!Files.isRegularFile(dir.resolve("manifest.json"))) {
            throw new Main.UsageError(dir + " has no manifest.json: run ./opsstack synth first");
        }
        Synthesized synthesized = new Synthesized(dir);
        // Judge only what the output holds: a partial synth (synth ENV) must not pass for a clean bill of the rest.
        List<String> missing = environments.names.stream().distinct()
                .filter(n -> !synthesized.environments().containsKey(n)).toList();
        if (!missing.isEmpty()) {
            throw new Main.UsageError(dir + " holds no " + String.join(", ", missing) + " (it holds "
                    + String.join(", ", synthesized.environments().keySet()) + "); run ./opsstack synth "
                    + String.join(" ", missing) + " (or ./opsstack synth for every environment), then check again");
        }
        List<String> names = environments.names;
        if (names.isEmpty() && !synthesized.complete()) {
            names = List.copyOf(synthesized.environments().keySet());
            spec.commandLine().getErr().println("note: " + dir + " is a partial synth; checking only "
                    + String.join(", ", names));
        }
        List<EnvironmentConfig> configs = new ConfigLoader(home).load(names);
        Set<String> stacks = new TreeSet<>();
        configs.forEach(c -> stacks.addAll(synthesized.environments().getOrDefault(c.name(), List.of())));
        List<Finding> evaluated = new ArrayList<>();
        if (!noIam) {
            IamMatrix matrix = new IamMatrix(home);
            String why = matrix.unavailable();
            if (why != null) {
                // Not a clean bill: said on every run, and the build (CI) fails without the evaluator.
                spec.commandLine().getErr().println("note: IAM access matrix not evaluated: " + why);
            } else {
                evaluated.addAll(matrix.run(List.of(new IamMatrix.Input("current", dir, names))).findings());
            }
        }
        Policy.Report all = Policy.check(synthesized, configs, evaluated);
        // Findings of the environments checked only (suppressions are theirs).
        Policy.Report report = names.isEmpty() ? all : new Policy.Report(all.findings().stream()
                .filter(f -> stacks.contains(f.resource().split("/", 2)[0])).toList());
        spec.commandLine().getOut().print(switch (format) {
            case json -> Reports.json(report) + "\n";
            case sarif -> Reports.sarif(report) + "\n";
            case text -> (report.text().isEmpty() ? "no findings\n" : report.text()) + Reports.exclusionsLine();
        });
        return report.blocking().isEmpty() ? Main.OK : Main.INVALID_INPUT;
    }
}
