package io.opsstack.cli;

import io.opsstack.config.ConfigLoader;
import io.opsstack.config.EnvironmentConfig;
import io.opsstack.state.StateBootstrap;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code opsstack state-bucket ENV}: prints the AWS CLI script that creates an environment's state storage. */
@Command(name = "state-bucket", mixinStandardHelpOptions = true,
        description = {"Prints a shell script of AWS CLI commands (v1 or v2) that create ENV's Terraform state"
                + " storage, as a team should, before its first deploy: the state bucket of `state` and of"
                + " `dr.state` (versioned, encrypted, public access blocked, TLS only) and the DynamoDB lock table"
                + " when `lockTable` names one. Nothing is run: review it, then run it with your credentials"
                + " (./opsstack state-bucket prod | sh)."})
final class StateBucketCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ENV", description = "The environment whose state storage to create.")
    String environment;

    @Option(names = "--endpoint-url", paramLabel = "URL", description = "Appended to every command (e.g. an"
            + " emulator's http://127.0.0.1:5000); default: AWS itself.")
    String endpointUrl;

    @Override
    public Integer call() throws Exception {
        EnvironmentConfig env = new ConfigLoader(main.home()).load(List.of(environment)).get(0);
        if (env.state().isEmpty()) {
            throw new Main.UsageError(env.file() + " has no `state:` section: its state is local"
                    + " (terraform.<stack>.tfstate at the project root) and needs no bucket. Add `state:` first"
                    + " (docs/configuration.md)");
        }
        spec.commandLine().getOut().print(StateBootstrap.script(env, Optional.ofNullable(endpointUrl)));
        return Main.OK;
    }
}
