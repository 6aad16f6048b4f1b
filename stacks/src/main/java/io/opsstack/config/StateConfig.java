package io.opsstack.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Remote state in S3, shared by every stack of an environment (the {@code state} section, and {@code dr.state}),
 * locked by S3 itself ({@code use_lockfile}, Terraform 1.10+), by a DynamoDB table, or by both while moving from
 * the table to the lock file.
 *
 * @param bucket    S3 bucket holding the state files (created outside opsstack: state cannot hold its own bucket)
 * @param region    the bucket's region (default: the environment's region)
 * @param lockfile  S3 native locking: a {@code <key>.tflock} object beside the state (default true)
 * @param lockTable DynamoDB table with a string partition key LockID; Terraform 1.11 deprecates it
 * @param keyPrefix object key = keyPrefix/env/stack.tfstate
 */
public record StateConfig(String bucket, String region, boolean lockfile, Optional<String> lockTable,
                          String keyPrefix) {

    private static final Pattern S3_BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern DYNAMO_TABLE = Pattern.compile("[A-Za-z0-9_.-]{3,255}");
    private static final Pattern KEY_PREFIX = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*");

    public String keyFor(String environment, String stackId) {
        return keyPrefix + "/" + environment + "/" + stackId + ".tfstate";
    }

    /**
     * Binds and checks one {@code state} mapping; problems go to the file's list (all reported at once).
     *
     * @param envRegion the region the bucket defaults to
     */
    static StateConfig bind(YamlMap s, String envRegion) {
        String bucket = s.requiredString("bucket", "acme-opsstack-tfstate").orElse("");
        if (!bucket.isEmpty() && (!S3_BUCKET.matcher(bucket).matches() || bucket.contains("..")
                || bucket.matches("\\d+\\.\\d+\\.\\d+\\.\\d+"))) {
            s.report("bucket", "\"" + bucket + "\" is not a valid S3 bucket name (3-63 lowercase letters, digits,"
                    + " dots and hyphens, starting and ending with a letter or digit)");
        }
        String region = s.string("region", envRegion);
        ConfigLoader.checkRegion(s, "region", region);
        boolean lockfile = s.bool("lockfile", Defaults.STATE_LOCKFILE);
        Optional<String> lockTable = s.string("lockTable").map(t -> s.matching("lockTable", t, DYNAMO_TABLE,
                "a valid DynamoDB table name (3-255 letters, digits, _ . -)"));
        if (!lockfile && lockTable.isEmpty()) {
            // Two runs writing one state without a lock corrupt it; refuse rather than default to that.
            s.report("lockfile", "state without a lock: set `lockfile: true` (S3 native locking, Terraform 1.10+)"
                    + " or name a DynamoDB `lockTable`");
        }
        String keyPrefix = s.matching("keyPrefix", Defaults.STATE_KEY_PREFIX, KEY_PREFIX, "a valid key prefix (path"
                + " segments of letters, digits, _ . - separated by single slashes, no leading or trailing slash)");
        s.finish();
        return new StateConfig(bucket, region, lockfile, lockTable, keyPrefix);
    }
}
