package io.opsstack.cli;

import io.opsstack.config.ConfigLoader;
import io.opsstack.config.EnvironmentConfig;
import io.opsstack.render.Renderer;
import io.opsstack.synth.OutputDirectory;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Renders the files each host runs (Compose, Prometheus, alert rules, Grafana, nginx, "
                + "cloud-init) into DIR/<env>/, without Node.js.",
                "The directory is replaced atomically. synth writes the same files into cdktf.out/config/<env>/."})
final class RenderCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    EnvironmentArgs environments;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: <project>/rendered).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path home = main.home();
        List<EnvironmentConfig> configs = new ConfigLoader(home).load(environments.names);
        Path target = Main.checkOutputDirectory(out != null ? out : home.resolve("rendered"));
        Renderer renderer = new Renderer(home.resolve("templates"));
        OutputDirectory.replace(target, tmp -> {
            renderer.renderInto(configs, tmp);
            return null;
        });
        spec.commandLine().getOut().println("rendered " + configs.size() + (configs.size() == 1 ? " environment"
                : " environments") + " into " + SynthCommand.display(target));
        return Main.OK;
    }
}
