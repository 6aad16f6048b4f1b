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
        description = {"Lists environments, their stacks, regions, state backends and what each stack needs deployed first"
                + " (DEPENDS ON: the dependencies synth records in manifest.json, which cdktf-cli follows), and the"
                + " cdktf-cli command that deploys each environment."})
final class ListCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    EnvironmentArgs environments;

    @picocli.CommandLine.Option(names = "--ids", description = "Print only the stack ids, one per line, in an order"
            + " that respects DEPENDS ON (for scripts: npx cdktf-cli@0.19.2 deploy $(./opsstack list --ids prod)).")
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
        rows.add(new String[] {"ENVIRONMENT", "ORDER", "STACK", "REGION", "STATE", "CONTENTS", "DEPENDS ON"});
        List<String> commands = new ArrayList<>();
        for (EnvironmentConfig env : new ConfigLoader(main.home()).load(environments.names)) {
            List<PlannedStack> plan = StackPlan.of(env);
            for (PlannedStack s : plan) {
                rows.add(new String[] {env.name(), String.valueOf(s.order()), s.id(), s.region(), s.backend(),
                        s.kind().purpose(env), s.dependsOn().isEmpty() ? "-" : String.join(", ", s.dependsOn())});
            }
            commands.add(deployCommand(env, plan));
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
        out.println("Deploy an environment in one call (Terraform 1.10+); cdktf-cli runs stacks side by side where"
                + " DEPENDS ON allows:");
        commands.forEach(c -> out.println("  " + c));
        out.println("Some stacks alone (what they depend on deployed already): add --ignore-missing-stack-dependencies"
                + " --parallelism 1 (cdktf-cli then ignores every dependency and deploys them one at a time, in the"
                + " order given). Tear down: `opsstack teardown ENV` (buckets emptied first).");
        return Main.OK;
    }

    /**
     * The one command that deploys all of an environment's stacks (dependencies all included: cdktf-cli's check);
     * OPSSTACK_ENVIRONMENTS makes cdktf-cli's synth write that environment only.
     */
    static String deployCommand(EnvironmentConfig env, List<PlannedStack> plan) {
        return SynthCommand.only(env.name()) + "npx cdktf-cli@0.19.2 deploy "
                + String.join(" ", plan.stream().map(PlannedStack::id).toList());
    }
}
