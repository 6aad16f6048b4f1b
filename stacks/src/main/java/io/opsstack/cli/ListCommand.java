package io.opsstack.cli;

import io.opsstack.config.ConfigException;
import io.opsstack.config.ConfigLoader;
import io.opsstack.config.EnvironmentConfig;
import io.opsstack.stacks.StackPlan;
import io.opsstack.stacks.StackPlan.PlannedStack;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Lists environments, their stacks, regions and state backends, in the order to deploy them.")
final class ListCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    EnvironmentArgs environments;

    @picocli.CommandLine.Option(names = "--ids", description = "Print only the stack ids, one per line, in deploy order"
            + " (for scripts: npx cdktf-cli@0.19.2 deploy $(./opsstack list --ids prod)).")
    boolean idsOnly;

    @Override
    public Integer call() throws ConfigException {
        PrintWriter out = spec.commandLine().getOut();
        if (idsOnly) {
            for (EnvironmentConfig env : new ConfigLoader(main.home()).load(environments.names)) {
                StackPlan.of(env).forEach(s -> out.println(s.id()));
            }
            return Main.OK;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ENVIRONMENT", "ORDER", "STACK", "REGION", "STATE", "CONTENTS"});
        for (EnvironmentConfig env : new ConfigLoader(main.home()).load(environments.names)) {
            for (PlannedStack s : StackPlan.of(env)) {
                rows.add(new String[] {env.name(), String.valueOf(s.order()), s.id(), s.region(), s.backend(),
                        s.kind().purpose(env)});
            }
        }
        int[] width = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + (width[i] + 2) + "s", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
        out.println();
        out.println("Deploy an environment's stacks in ORDER: npx cdktf-cli@0.19.2 deploy <stack> (Terraform 1.10+).");
        return Main.OK;
    }
}
