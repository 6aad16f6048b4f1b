package io.opsstack.cli;

import io.opsstack.config.ActiveRegionEditor;
import io.opsstack.config.ConfigLoader;
import io.opsstack.config.DrConfig;
import io.opsstack.config.EnvironmentConfig;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code opsstack failover ENV} and {@code opsstack failback ENV}: flip dr.activeRegion and print what to deploy. */
final class SwapCommands {

    private SwapCommands() {
    }

    /**
     * A deploy of some of an environment's stacks, in the order given. cdktf-cli refuses a subset whose
     * dependencies are not all in it ("The following dependencies are not included in the stacks to run"), unless
     * --ignore-missing-stack-dependencies, which also drops the order among the stacks given: --parallelism 1
     * keeps it (cdktf-cli then starts them one at a time, in the order of the command line).
     */
    static String subsetDeploy(String stacksAndOptions) {
        return "npx cdktf-cli@0.19.2 deploy " + stacksAndOptions + " --ignore-missing-stack-dependencies --parallelism 1";
    }

    /**
     * Both commands' first half: edit the file (one line), reload the environment as the next synth will see it,
     * and say what changed.
     */
    private static EnvironmentConfig setActiveRegion(Main main, CommandSpec spec, String environment,
                                                     DrConfig.Active active, String value) throws Exception {
        ActiveRegionEditor.Change change = new ActiveRegionEditor(main.home()).set(environment, active);
        EnvironmentConfig env = new ConfigLoader(main.home()).load(List.of(environment)).get(0);
        PrintWriter out = spec.commandLine().getOut();
        out.println(change.changed() ? change.file() + ": dr.activeRegion " + change.before() + " -> " + value
                : change.file() + ": dr.activeRegion is already " + value + " (nothing changed)");
        out.println();
        return env;
    }

    @Command(name = "failover", mixinStandardHelpOptions = true,
            description = {"Sets dr.activeRegion: dr in environments/ENV.yaml (one line changes; comments stay) and "
                    + "prints the stacks to deploy, in order. Nothing is deployed.",
                    "Needs nothing from the failed region: the DR stacks keep their state in dr.state's region."})
    static final class Failover implements Callable<Integer> {
        @ParentCommand
        Main main;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "ENV", description = "The environment to serve from its DR region.")
        String environment;

        @Override
        public Integer call() throws Exception {
            EnvironmentConfig env = setActiveRegion(main, spec, environment, DrConfig.Active.DR, "dr");
            DrConfig dr = env.dr().orElseThrow();
            PrintWriter out = spec.commandLine().getOut();
            String n = env.name();
            out.println("Then, from a machine with Terraform and credentials for " + dr.region() + ":");
            out.println("  1. open a pull request with that one-line change (or commit it directly in an incident)");
            out.println("  2. " + subsetDeploy(n + "-dr-data " + n + "-dr-app --auto-approve"));
            out.println("     (--ignore-missing-stack-dependencies: they depend on " + n + "-data and " + n
                    + "-app in " + env.region() + ", which this deploy leaves alone; --parallelism 1: cdktf-cli then"
                    + " keeps the order given, the database first)");
            out.println("     " + n + "-dr-data: " + (dr.mode() == DrConfig.Mode.WARM_STANDBY
                    ? "promotes the read replica " + n + "-dr-postgres (minutes)"
                    : "restores " + n + "-dr-postgres from the replicated automated backups (tens of minutes)"));
            out.println("     " + n + "-dr-app: scales the DR hosts to the primary's capacity and makes "
                    + dr.region() + " the PRIMARY DNS failover record");
            out.println("  3. verify: see docs/disaster-recovery.md, \"After a failover\"");
            out.println("Do not deploy " + n + "-network, " + n + "-data or " + n + "-app until the primary region is"
                    + " back: then follow `opsstack failback " + n + "`.");
            return Main.OK;
        }
    }

    @Command(name = "failback", mixinStandardHelpOptions = true,
            description = "Sets dr.activeRegion: primary in environments/ENV.yaml and prints the failback sequence.")
    static final class Failback implements Callable<Integer> {
        @ParentCommand
        Main main;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "ENV", description = "The environment to serve from its primary region again.")
        String environment;

        @Override
        public Integer call() throws Exception {
            EnvironmentConfig env = setActiveRegion(main, spec, environment, DrConfig.Active.PRIMARY, "primary");
            DrConfig dr = env.dr().orElseThrow();
            PrintWriter out = spec.commandLine().getOut();
            String n = env.name();
            out.println("Failback, once " + env.region() + " is healthy again (data is in " + dr.region()
                    + " now, so it must flow back first):");
            out.println("  1. create a read replica of " + n + "-dr-postgres in " + env.region() + " (aws rds"
                    + " create-db-instance-read-replica --region " + env.region() + " --db-instance-identifier " + n
                    + "-postgres-failback --source-db-instance-identifier <arn of " + n + "-dr-postgres>), wait for"
                    + " it to catch up, stop writes (scale " + n + "-dr-app to 0 or set the app read-only), promote it");
            out.println("  2. point " + n + "-data at it: database.restoreFromSnapshot from a snapshot of it, or"
                    + " import it (see docs/disaster-recovery.md, \"Failback\")");
            out.println("  3. " + subsetDeploy(n + "-network " + n + "-data " + n + "-app") + "   # " + n
                    + "-dr-network stays deployed");
            out.println("  4. " + subsetDeploy(n + "-dr-data " + n + "-dr-app") + "   # DNS back to "
                    + env.region() + "; DR back to standby");
            return Main.OK;
        }
    }
}
