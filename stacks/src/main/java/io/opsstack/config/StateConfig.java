package io.opsstack.config;

/**
 * Remote state in S3 with a DynamoDB lock table, shared by every stack of an environment.
 *
 * @param bucket    S3 bucket holding the state files (created outside opsstack: state cannot hold its own bucket)
 * @param region    the bucket's region (default: the environment's region)
 * @param lockTable DynamoDB table with a string partition key LockID
 * @param keyPrefix object key = keyPrefix/env/stack.tfstate
 */
public record StateConfig(String bucket, String region, String lockTable, String keyPrefix) {

    public String keyFor(String environment, String stackId) {
        return keyPrefix + "/" + environment + "/" + stackId + ".tfstate";
    }
}
