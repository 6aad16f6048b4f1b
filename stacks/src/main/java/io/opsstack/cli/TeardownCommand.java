package io.opsstack.cli;

import io.opsstack.config.AppConfig;
import io.opsstack.config.AwsLimits;
import io.opsstack.config.ConfigLoader;
import io.opsstack.config.EnvironmentConfig;
import io.opsstack.stacks.StackPlan;
import io.opsstack.stacks.StackPlan.PlannedStack;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code opsstack teardown ENV}: prints how to destroy an environment in a real account (README, "Tearing down";
 * docs/runbook.md). Nothing is changed or deleted: the operator runs each step.
 */
@Command(name = "teardown", mixinStandardHelpOptions = true,
        description = {"Prints the commands that destroy ENV in an AWS account, in order: deletion protection off"
                + " (environment file and deploy), the writers into the buckets stopped, every bucket emptied (all"
                + " versions and delete markers), then cdktf-cli's destroy of all its stacks. Changes nothing.",
                "The buckets are versioned and never force-destroyed, so `destroy` alone stops at S3's"
                        + " BucketNotEmpty."})
final class TeardownCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ENV", description = "The environment to destroy.")
    String environment;

    @Override
    public Integer call() throws Exception {
        EnvironmentConfig env = new ConfigLoader(main.home()).load(List.of(environment)).get(0);
        PrintWriter out = spec.commandLine().getOut();
        String n = env.name();
        List<PlannedStack> plan = StackPlan.of(env);
        String ids = String.join(" ", plan.stream().map(PlannedStack::id).toList());
        if (env.isLocal()) {
            out.println(n + " runs on this machine's Docker; no buckets, no protection:");
            out.println("  " + SynthCommand.only(n) + "npx cdktf-cli@0.19.2 destroy " + ids);
            return Main.OK;
        }
        boolean rds = !env.database().sqlite();
        boolean asg = env.app().map(a -> a.mode() == AppConfig.Mode.ASG).orElse(false);
        List<String[]> regions = new ArrayList<>(); // {name prefix, region}
        regions.add(new String[] {n, env.region()});
        env.dr().ifPresent(dr -> regions.add(new String[] {n + "-dr", dr.region()}));
        int step = 1;
        out.println("Teardown of " + n + " (" + String.join(", ", regions.stream().map(r -> r[1]).toList())
                + "), with credentials for that account. Nothing here is undone by a later step: read"
                + " README.md, \"Tearing down\", first.");
        if (rds && env.database().deletionProtection()) {
            out.println("  " + step++ + ". deletion protection off, through the environment file: in environments/"
                    + n + ".yaml set database.deletionProtection: false and add the OPS-RDS-004 suppression with"
                    + " resource: " + n + "-data/database (docs/configuration.md, suppressions"
                    + (env.dr().isPresent() ? "; it covers " + n + "-dr-data/database too" : "") + "), then deploy"
                    + " it (AWS refuses to delete a protected instance, and Terraform destroys with the protection"
                    + " AWS has):");
            out.println("       ./opsstack synth " + n);
            out.println("       " + ListCommand.deployCommand(env, plan) + " --auto-approve");
        }
        if (rds && !env.database().skipFinalSnapshot()) {
            out.println("  " + step++ + ". the destroy takes a final snapshot of each database ("
                    + String.join(", ", regions.stream().map(r -> r[0] + "-postgres-final").toList())
                    + "; a read replica takes none); delete an older one of that name first, or the destroy stops"
                    + " at DBSnapshotAlreadyExists (ignore DBSnapshotNotFound):");
            for (String[] r : regions) {
                out.println("       aws rds delete-db-snapshot --region " + r[1] + " --db-snapshot-identifier " + r[0]
                        + "-postgres-final");
            }
        }
        out.println("  " + step++ + ". stop what writes into the buckets, so they stay empty once emptied: S3 server"
                + " access logging of the backups bucket" + (asg ? " and the load balancer's access logs" : "")
                + " (log delivery is asynchronous: records can still arrive for up to an hour, so empty the"
                + " log buckets last and re-run the emptying if the destroy reports BucketNotEmpty):");
        out.println("       account=$(aws sts get-caller-identity --query Account --output text)");
        for (String[] r : regions) {
            out.println("       aws s3api put-bucket-logging --region " + r[1] + " --bucket opsstack-" + r[0]
                    + "-backups-$account-" + r[1] + " --bucket-logging-status '{}'");
            if (asg) {
                out.println("       aws elbv2 modify-load-balancer-attributes --region " + r[1]
                        + " --load-balancer-arn \"$(aws elbv2 describe-load-balancers --region " + r[1]
                        + " --names " + r[0] + "-app --query 'LoadBalancers[0].LoadBalancerArn' --output text)\""
                        + " --attributes Key=access_logs.s3.enabled,Value=false");
            }
        }
        out.println("  " + step++ + ". empty every bucket: all object versions and delete markers (versioned"
                + " buckets; `aws s3 rm --recursive` only adds delete markers). Data first, access logs last:");
        out.println("       " + EMPTY_BUCKET);
        for (String[] r : regions) {
            for (String bucket : AwsLimits.bucketNames(r[0], r[1], env, "$account")) {
                out.println("       empty_bucket " + r[1] + " " + bucket);
            }
        }
        out.println("  " + step + ". destroy every stack (cdktf-cli destroys dependants first):");
        out.println("       " + SynthCommand.only(n) + "npx cdktf-cli@0.19.2 destroy " + ids + " --auto-approve");
        out.println("Left behind on purpose: " + env.state().map(s -> "the state bucket " + s.bucket())
                .orElse("the local state files terraform.<stack>.tfstate")
                + (rds && !env.database().skipFinalSnapshot() ? ", the final snapshots" : "")
                + "; for 7-30 days the KMS keys (pending deletion) and the secret opsstack/" + n
                + "/database/master (recovery window), whose name a new " + n + " cannot take until then.");
        return Main.OK;
    }

    /**
     * A shell function that deletes every version and delete marker of a bucket, 1000 keys per DeleteObjects call
     * (S3's limit): ListObjectVersions returns both kinds, and a versioned bucket is empty only without either.
     */
    static final String EMPTY_BUCKET = "empty_bucket() { for kind in Versions DeleteMarkers; do while :; do"
            + " batch=$(aws s3api list-object-versions --region \"$1\" --bucket \"$2\" --max-items 1000"
            + " --query \"{Objects: $kind[:1000].{Key: Key, VersionId: VersionId}, Quiet: \\`true\\`}\" --output json)"
            + " || return 1; printf '%s' \"$batch\" | grep -q '\"Key\"' || break;"
            + " aws s3api delete-objects --region \"$1\" --bucket \"$2\" --delete \"$batch\" >/dev/null || return 1;"
            + " done; done; }";
}
