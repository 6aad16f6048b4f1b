package io.opsstack.state;

import io.opsstack.config.AwsRegions;
import io.opsstack.config.EnvironmentConfig;
import io.opsstack.config.StateConfig;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a team runs once, with its own credentials, before the first deploy of an environment with a {@code state}
 * section: the S3 bucket that holds the state (and the DynamoDB lock table, when the state names one), for the
 * environment's {@code state} and its {@code dr.state}. State cannot hold its own bucket, so opsstack does not
 * synthesize these; it prints AWS CLI commands ({@code opsstack state-bucket ENV}) that work with AWS CLI v1 and v2.
 *
 * <p>Each command starts with {@code aws}, names its region, and has no endpoint flag: a caller aiming at an
 * emulator appends {@code --endpoint-url URL}.
 */
public final class StateBootstrap {

    /** The AWS CLI's step that writes the bucket policy; see {@link #commands(EnvironmentConfig, boolean)}. */
    public static final String BUCKET_POLICY_OPERATION = "put-bucket-policy";

    private StateBootstrap() {
    }

    /**
     * One command and why a team should run it.
     *
     * @param why  a one-line reason, printed as a comment above the command
     * @param argv the command, starting with "aws"
     */
    public record Step(String why, List<String> argv) {
        public Step {
            argv = List.copyOf(argv);
        }
    }

    /** Every command, in order; empty when the environment has no {@code state} (local state). */
    public static List<List<String>> commands(EnvironmentConfig env) {
        return steps(env).stream().map(Step::argv).toList();
    }

    /**
     * The commands for an emulator reached over plain HTTP: without the TLS-only bucket policy, which denies every
     * plain-HTTP request (aws:SecureTransport false), in AWS as in moto. Everything else is the same.
     *
     * @param plainHttp true when the endpoint is {@code http://}
     */
    public static List<List<String>> commands(EnvironmentConfig env, boolean plainHttp) {
        return commands(env).stream().filter(c -> !plainHttp || !c.contains(BUCKET_POLICY_OPERATION)).toList();
    }

    /** The commands with their reasons, bucket by bucket ({@code state}, then {@code dr.state} if it differs). */
    public static List<Step> steps(EnvironmentConfig env) {
        List<StateConfig> states = new ArrayList<>();
        env.state().ifPresent(states::add);
        env.dr().flatMap(d -> d.state()).ifPresent(states::add);
        List<Step> steps = new ArrayList<>();
        Set<String> buckets = new LinkedHashSet<>();
        Set<String> tables = new LinkedHashSet<>();
        for (StateConfig s : states) {
            if (buckets.add(s.bucket())) {
                bucket(s, steps);
            }
            Optional<String> table = s.lockTable();
            if (table.isPresent() && tables.add(s.region() + "/" + table.get())) {
                steps.add(new Step("the lock table (state.lockTable): Terraform's dynamodb_table lock needs a string"
                        + " partition key named LockID; on-demand billing costs nothing while no one deploys",
                        List.of("aws", "dynamodb", "create-table", "--region", s.region(), "--table-name", table.get(),
                                "--attribute-definitions", "AttributeName=LockID,AttributeType=S",
                                "--key-schema", "AttributeName=LockID,KeyType=HASH",
                                "--billing-mode", "PAY_PER_REQUEST")));
            }
        }
        return List.copyOf(steps);
    }

    private static void bucket(StateConfig s, List<Step> steps) {
        String b = s.bucket();
        String r = s.region();
        List<String> create = new ArrayList<>(List.of("aws", "s3api", "create-bucket", "--region", r, "--bucket", b));
        if (!r.equals("us-east-1")) {
            // S3 refuses a create outside us-east-1 without it (IllegalLocationConstraintException), and refuses
            // us-east-1 as a LocationConstraint (InvalidLocationConstraint).
            create.addAll(List.of("--create-bucket-configuration", "LocationConstraint=" + r));
        }
        steps.add(new Step("the state bucket " + b + " in " + r + " (state.region); fails with"
                + " BucketAlreadyOwnedByYou if it exists already: then run the commands after it alone", create));
        steps.add(new Step("versioning: every write of a state keeps the previous version, so a bad apply or a"
                + " corrupted state can be rolled back (s3api list-object-versions, get-object --version-id)",
                List.of("aws", "s3api", "put-bucket-versioning", "--region", r, "--bucket", b,
                        "--versioning-configuration", "Status=Enabled")));
        steps.add(new Step("default encryption (SSE-S3): state holds resource attributes; the backend also asks"
                + " for encryption on each write (encrypt = true), this covers any other writer",
                List.of("aws", "s3api", "put-bucket-encryption", "--region", r, "--bucket", b,
                        "--server-side-encryption-configuration",
                        "{\"Rules\":[{\"ApplyServerSideEncryptionByDefault\":{\"SSEAlgorithm\":\"AES256\"}}]}")));
        steps.add(new Step("block public access, all four settings: no ACL or policy can ever make state public",
                List.of("aws", "s3api", "put-public-access-block", "--region", r, "--bucket", b,
                        "--public-access-block-configuration", "BlockPublicAcls=true,IgnorePublicAcls=true,"
                                + "BlockPublicPolicy=true,RestrictPublicBuckets=true")));
        String arn = "arn:" + AwsRegions.partitionOf(r).orElse("aws") + ":s3:::" + b;
        steps.add(new Step("TLS only: deny every request made without TLS (aws:SecureTransport false), so"
                + " state never crosses a network in clear text",
                List.of("aws", "s3api", BUCKET_POLICY_OPERATION, "--region", r, "--bucket", b, "--policy",
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"DenyInsecureTransport\","
                                + "\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":[\""
                                + arn + "\",\"" + arn + "/*\"],\"Condition\":{\"Bool\":"
                                + "{\"aws:SecureTransport\":\"false\"}}}]}")));
    }

    /**
     * The commands as a POSIX shell script: {@code set -eu}, a comment with each command's reason, every argument
     * single-quoted where the shell would otherwise read it.
     *
     * @param endpointUrl appended to every command as {@code --endpoint-url URL}; empty for AWS itself
     */
    public static String script(EnvironmentConfig env, Optional<String> endpointUrl) {
        StringBuilder out = new StringBuilder();
        out.append("#!/bin/sh\n");
        out.append("# Creates the Terraform state storage of environment ").append(env.name())
                .append(" (").append(env.file()).append("), once, before its first deploy.\n");
        out.append("# Run it with credentials of the account that will hold the state. Written by opsstack"
                + " state-bucket.\n");
        out.append("set -eu\n");
        for (Step step : steps(env)) {
            out.append("\n# ").append(step.why()).append('\n');
            List<String> argv = new ArrayList<>(step.argv());
            endpointUrl.ifPresent(u -> argv.addAll(List.of("--endpoint-url", u)));
            out.append(String.join(" ", argv.stream().map(StateBootstrap::quote).toList())).append('\n');
        }
        return out.toString();
    }

    /** An argument as POSIX sh reads it back unchanged: bare when it is only safe characters, else single-quoted. */
    static String quote(String arg) {
        if (!arg.isEmpty() && arg.matches("[A-Za-z0-9_./:=,@%+-]+")) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
