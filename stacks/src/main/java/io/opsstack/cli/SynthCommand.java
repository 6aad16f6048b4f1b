package io.opsstack.cli;

import io.opsstack.config.ConfigLoader;
import io.opsstack.config.EnvironmentConfig;
import io.opsstack.synth.SynthException;
import io.opsstack.synth.Synthesizer;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {"Synthesizes every environment (or the named ones) into cdktf.out/: manifest.json, "
                + "stacks/<id>/cdk.tf.json and the hosts' files in config/<env>/.",
                "The output directory is replaced atomically: a failed run leaves the previous one untouched. "
                        + "Naming environments writes only those.",
                "With no ENV, OPSSTACK_ENVIRONMENTS (names separated by commas or spaces) names them: cdktf-cli runs"
                        + " `./opsstack synth` with no arguments (cdktf.json's app), and the commands `list`,"
                        + " `failover`, `failback` and `teardown` print set it, so an unrelated environment's"
                        + " broken file does not block them."})
final class SynthCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    EnvironmentArgs environments;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output directory (default: cdktf-cli's CDKTF_OUTDIR when it runs us, else <project>/cdktf.out).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path home = main.home();
        // Config first: bad input fails fast, without starting Node.js.
        ConfigLoader loader = new ConfigLoader(home);
        List<EnvironmentConfig> configs = loader.load(environments.names.isEmpty()
                ? fromEnvironmentVariable(System.getenv(ENVIRONMENTS_VARIABLE)) : environments.names);
        Main.printWarnings(loader, spec.commandLine().getErr());
        if (!nodeOnPath()) {
            // Exit 1, not 2: the input is fine, the machine lacks a tool (README: Node.js failures exit 1).
            throw new SynthException("Node.js 20+ is required for synth (jsii runs the cdktf libraries in a Node.js"
                    + " process) and `node` is not on PATH; install it, or use `opsstack validate` for config checks");
        }
        // The launcher moves cdktf-cli's CDKTF_OUTDIR into this property (see ./opsstack for why).
        String fromCdktf = System.getProperty("opsstack.cdktfOutdir");
        Path outdir = Main.checkOutputDirectory(out != null ? out : fromCdktf != null ? Path.of(fromCdktf)
                : home.resolve("cdktf.out"));
        Synthesizer.Result result = new Synthesizer(home).synth(configs, outdir);
        spec.commandLine().getErr().print(result.policy().nonBlocking().text());
        spec.commandLine().getOut().println("synthesized " + result.stackIds().size() + " stacks into "
                + display(result.outdir()) + ": " + String.join(", ", result.stackIds()));
        return Main.OK;
    }

    /** Set by the cdktf-cli commands opsstack prints: the environments cdktf-cli's synth (the app) writes. */
    static final String ENVIRONMENTS_VARIABLE = "OPSSTACK_ENVIRONMENTS";

    /** The names in OPSSTACK_ENVIRONMENTS (commas or spaces between them); none when unset or blank. */
    static List<String> fromEnvironmentVariable(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return List.of(value.strip().split("[,\\s]+"));
    }

    /** The prefix that limits cdktf-cli's synth to one environment, for the commands opsstack prints. */
    static String only(String environment) {
        return ENVIRONMENTS_VARIABLE + "=" + environment + " ";
    }

    private static boolean nodeOnPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "node"))) {
                return true;
            }
        }
        return false;
    }

    /** The path as the user can open it: relative to the working directory when under it, else absolute. */
    static String display(Path p) {
        Path cwd = Path.of("").toAbsolutePath().normalize();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(cwd) && !abs.equals(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }
}
