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
     * keeps it (cdktf-cli then starts them one at a time, in the order of the command line). The prefix makes
     * cdktf-cli's synth (cdktf.json's app, {@code ./opsstack synth}) write only this environment, so a broken file
     * of another one does not stop an incident's deploy.
     */
    static String subsetDeploy(String environment, String stacksAndOptions) {
        return SynthCommand.only(environment) + "npx cdktf-cli@0.19.2 deploy " + stacksAndOptions
                + " --ignore-missing-stack-dependencies --parallelism 1";
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
            out.println("  2. " + subsetDeploy(n, n + "-dr-data " + n + "-dr-app --auto-approve"));
            out.println("     (--ignore-missing-stack-dependencies: they depend on " + n + "-data and " + n
                    + "-app in " + env.region() + ", which this deploy leaves alone; --parallelism 1: cdktf-cli then"
                    + " keeps the order given, the database first; " + SynthCommand.ENVIRONMENTS_VARIABLE + ": cdktf-cli's"
                    + " synth writes " + n + " only)");
            out.println("     from CI: the workflow disaster-recovery.yml runs exactly this (workflow_dispatch, input"
                    + " environment=" + n + "); commit step 1 with [skip ci] so infrastructure.yml deploys nothing"
                    + " into " + env.region());
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
            printFailback(out, env, dr);
            return Main.OK;
        }
    }

    /**
     * docs/disaster-recovery.md, "Failback", as commands: data flows back (a replica in the primary region,
     * promoted, snapshotted), the instances the deploys replace lose their deletion protection in AWS first
     * (Terraform destroys them with the protection AWS still has: "InvalidParameterCombination: Cannot delete
     * protected DB Instance"), old final snapshots of their names go (else "DBSnapshotAlreadyExists"), the
     * promoted DR instance is replaced by a new replica, and protection comes back on at the end.
     */
    private static void printFailback(PrintWriter out, EnvironmentConfig env, DrConfig dr) {
        String n = env.name();
        String primary = env.region();
        String drRegion = dr.region();
        String copy = n + "-postgres-failback";
        boolean warm = dr.mode() == DrConfig.Mode.WARM_STANDBY;
        out.println("Failback, once " + primary + " is healthy again (data is in " + drRegion + " now, so it must"
                + " flow back first). Run each step in order; docs/disaster-recovery.md, \"Failback\", says why.");
        out.println("  1. a copy of " + n + "-dr-postgres in " + primary + ": a cross-region read replica, encrypted"
                + " with " + n + "'s data key there (AWS needs a key of the destination region for an encrypted"
                + " replica), in " + n + "'s database subnets; wait until its ReplicaLag is 0:");
        out.println("       account=$(aws sts get-caller-identity --region " + drRegion
                + " --query Account --output text)");
        out.println("       aws rds create-db-instance-read-replica --region " + primary + " --db-instance-identifier "
                + copy + " --source-db-instance-identifier arn:aws:rds:" + drRegion + ":$account:db:" + n
                + "-dr-postgres --source-region " + drRegion + " --kms-key-id alias/opsstack/" + n + "/data"
                + " --db-subnet-group-name " + n + "-database");
        out.println("       aws rds wait db-instance-available --region " + primary + " --db-instance-identifier "
                + copy);
        out.println("  2. stop writes (the DR hosts to 0), promote the copy, snapshot it:");
        out.println("       aws autoscaling update-auto-scaling-group --region " + drRegion
                + " --auto-scaling-group-name " + n + "-dr-app --min-size 0 --desired-capacity 0");
        out.println("       aws rds promote-read-replica --region " + primary + " --db-instance-identifier " + copy);
        out.println("       aws rds wait db-instance-available --region " + primary + " --db-instance-identifier "
                + copy);
        out.println("       snapshot=" + n + "-failback-$(date -u +%Y%m%d-%H%M)");
        out.println("       aws rds create-db-snapshot --region " + primary + " --db-instance-identifier " + copy
                + " --db-snapshot-identifier \"$snapshot\"");
        out.println("       aws rds wait db-snapshot-available --region " + primary + " --db-snapshot-identifier"
                + " \"$snapshot\"");
        out.println("  3. in environments/" + n + ".yaml: database.restoreFromSnapshot: <that $snapshot>,"
                + " database.deletionProtection: false, and the OPS-RDS-004 suppression with resource: " + n
                + "-data/database (docs/configuration.md, suppressions; it covers " + n + "-dr-data/database too)");
        out.println("  4. lift deletion protection in AWS on the instances the deploys below replace, and delete old"
                + " final snapshots of their names if there are any (ignore \"DBSnapshotNotFound\"):");
        out.println("       aws rds modify-db-instance --region " + primary + " --db-instance-identifier " + n
                + "-postgres --no-deletion-protection --apply-immediately");
        out.println("       aws rds delete-db-snapshot --region " + primary + " --db-snapshot-identifier " + n
                + "-postgres-final");
        out.println("       aws rds modify-db-instance --region " + drRegion + " --db-instance-identifier " + n
                + "-dr-postgres --no-deletion-protection --apply-immediately");
        out.println("       aws rds delete-db-snapshot --region " + drRegion + " --db-snapshot-identifier " + n
                + "-dr-postgres-final");
        out.println("  5. the primary region (" + n + "-postgres is replaced by one restored from the snapshot; "
                + n + "-dr-network stays deployed):");
        out.println("       ./opsstack synth " + n);
        out.println("       " + subsetDeploy(n, n + "-network " + n + "-data " + n + "-app --auto-approve"));
        int step = 6;
        if (warm) {
            out.println("  " + step++ + ". replace the promoted " + n + "-dr-postgres by a new replica of the new "
                    + n + "-postgres (a standalone instance does not become a replica in place, and cdktf-cli cannot"
                    + " force a replacement; Terraform in the stack's folder can):");
            out.println("       (cd cdktf.out/stacks/" + n + "-dr-data && terraform init && terraform apply -replace="
                    + "\"$(terraform state list | grep '^aws_db_instance\\.')\")");
        }
        out.println("  " + step++ + ". the DR region back to standby, DNS back to " + primary + ":");
        out.println("       " + subsetDeploy(n, n + "-dr-data " + n + "-dr-app --auto-approve"));
        out.println("  " + step + ". deletion protection back on: database.deletionProtection: true, remove the"
                + " suppression (keep restoreFromSnapshot: removing it would replace the instance again), then:");
        out.println("       ./opsstack synth " + n);
        out.println("       " + subsetDeploy(n, n + "-data " + n + "-dr-data --auto-approve"));
        out.println("Commit each change of " + n + ".yaml with [skip ci] until the last step: infrastructure.yml"
                + " would deploy " + n + " from main.");
    }
}
