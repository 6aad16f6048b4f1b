package io.opsstack.cli;

import io.opsstack.config.ConfigException;
import io.opsstack.config.ConfigLoader;
import io.opsstack.config.EnvironmentConfig;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks environment files only (no Terraform, no Node.js): every problem, with file:line:column"
                + " and key, exit 2 if any.")
final class ValidateCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    EnvironmentArgs environments;

    @Override
    public Integer call() throws ConfigException {
        ConfigLoader loader = new ConfigLoader(main.home());
        List<EnvironmentConfig> configs = loader.load(environments.names);
        Main.printWarnings(loader, spec.commandLine().getErr());
        List<String> names = configs.stream().map(EnvironmentConfig::name).toList();
        spec.commandLine().getOut().println("ok: " + names.size() + (names.size() == 1 ? " environment" :
                " environments") + " (" + String.join(", ", names) + ")");
        return Main.OK;
    }
}
