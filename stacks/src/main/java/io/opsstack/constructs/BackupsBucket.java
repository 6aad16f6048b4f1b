package io.opsstack.constructs;

import com.hashicorp.cdktf.ITerraformDependable;
import com.hashicorp.cdktf.providers.aws.data_aws_caller_identity.DataAwsCallerIdentity;
import com.hashicorp.cdktf.providers.aws.s3_bucket.S3Bucket;
import com.hashicorp.cdktf.providers.aws.s3_bucket.S3BucketConfig;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfiguration;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationConfig;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRule;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRuleAbortIncompleteMultipartUpload;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRuleExpiration;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRuleFilter;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRuleTransition;
import com.hashicorp.cdktf.providers.aws.s3_bucket_logging.S3BucketLoggingA;
import com.hashicorp.cdktf.providers.aws.s3_bucket_logging.S3BucketLoggingAConfig;
import com.hashicorp.cdktf.providers.aws.s3_bucket_ownership_controls.S3BucketOwnershipControls;
import com.hashicorp.cdktf.providers.aws.s3_bucket_ownership_controls.S3BucketOwnershipControlsConfig;
import com.hashicorp.cdktf.providers.aws.s3_bucket_ownership_controls.S3BucketOwnershipControlsRule;
import com.hashicorp.cdktf.providers.aws.s3_bucket_policy.S3BucketPolicy;
import com.hashicorp.cdktf.providers.aws.s3_bucket_policy.S3BucketPolicyConfig;
import com.hashicorp.cdktf.providers.aws.s3_bucket_public_access_block.S3BucketPublicAccessBlock;
import com.hashicorp.cdktf.providers.aws.s3_bucket_public_access_block.S3BucketPublicAccessBlockConfig;
import com.hashicorp.cdktf.providers.aws.s3_bucket_server_side_encryption_configuration.S3BucketServerSideEncryptionConfigurationA;
import com.hashicorp.cdktf.providers.aws.s3_bucket_server_side_encryption_configuration.S3BucketServerSideEncryptionConfigurationAConfig;
import com.hashicorp.cdktf.providers.aws.s3_bucket_server_side_encryption_configuration.S3BucketServerSideEncryptionConfigurationRuleA;
import com.hashicorp.cdktf.providers.aws.s3_bucket_server_side_encryption_configuration.S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA;
import com.hashicorp.cdktf.providers.aws.s3_bucket_versioning.S3BucketVersioningA;
import com.hashicorp.cdktf.providers.aws.s3_bucket_versioning.S3BucketVersioningAConfig;
import com.hashicorp.cdktf.providers.aws.s3_bucket_versioning.S3BucketVersioningVersioningConfiguration;

import java.util.List;
import java.util.Map;

import software.constructs.Construct;

/**
 * The bucket pg_dump backups (and later volume backups) go to: versioned, SSE-KMS with the data key and bucket
 * keys, every public-access block on, ACLs disabled (BucketOwnerEnforced), TLS-only, and a lifecycle that moves
 * backups to Glacier, expires replaced versions and aborts stale multipart uploads.
 *
 * <p>Replication seam: the region-swap stack adds an {@code aws_s3_bucket_replication_configuration} for this
 * bucket (a separate resource, so nothing here changes); it must depend on {@link #versioning}.
 */
public final class BackupsBucket extends Construct {

    public final String name;
    public final String arn;
    /** Replication (and anything else that needs versioning on first) depends on this. */
    public final ITerraformDependable versioning;

    public BackupsBucket(Construct scope, String id, String namePrefix, String region, String kmsKeyArn,
                         int glacierAfterDays, int expireNoncurrentAfterDays, Tagging tagging) {
        super(scope, id);
        String account = new DataAwsCallerIdentity(this, "account").getAccountId();
        // Bucket names are global: account and region make this one unique and predictable for runbooks.
        S3Bucket bucket = new S3Bucket(this, "bucket", S3BucketConfig.builder()
                .bucket("opsstack-" + namePrefix + "-backups-" + account + "-" + region)
                .forceDestroy(false)
                .tags(tagging.tags(namePrefix + "-backups"))
                .build());
        this.name = bucket.getBucket();
        this.arn = bucket.getArn();
        // Each token read is a round trip to Node.js: read once, use many times.
        String bucketId = bucket.getId();

        S3BucketVersioningA v = new S3BucketVersioningA(this, "versioning", S3BucketVersioningAConfig.builder()
                .bucket(bucketId)
                .versioningConfiguration(S3BucketVersioningVersioningConfiguration.builder().status("Enabled").build())
                .build());
        this.versioning = v;

        new S3BucketServerSideEncryptionConfigurationA(this, "encryption",
                S3BucketServerSideEncryptionConfigurationAConfig.builder()
                        .bucket(bucketId)
                        .rule(List.of(S3BucketServerSideEncryptionConfigurationRuleA.builder()
                                .applyServerSideEncryptionByDefault(
                                        S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA
                                                .builder().sseAlgorithm("aws:kms").kmsMasterKeyId(kmsKeyArn).build())
                                // Bucket keys cut KMS requests (and their cost) by orders of magnitude.
                                .bucketKeyEnabled(true)
                                .build()))
                        .build());

        new S3BucketPublicAccessBlock(this, "public-access-block", S3BucketPublicAccessBlockConfig.builder()
                .bucket(bucketId)
                .blockPublicAcls(true)
                .blockPublicPolicy(true)
                .ignorePublicAcls(true)
                .restrictPublicBuckets(true)
                .build());

        new S3BucketOwnershipControls(this, "ownership", S3BucketOwnershipControlsConfig.builder()
                .bucket(bucketId)
                .rule(S3BucketOwnershipControlsRule.builder().objectOwnership("BucketOwnerEnforced").build())
                .build());

        new S3BucketPolicy(this, "policy", S3BucketPolicyConfig.builder()
                .bucket(bucketId)
                .policy(PolicyJson.document(PolicyJson.statement("DenyInsecureTransport", "Deny", List.of("s3:*"),
                        List.of(arn, arn + "/*"), "*",
                        Map.of("Bool", Map.of("aws:SecureTransport", "false")))))
                .build());

        new S3BucketLifecycleConfiguration(this, "lifecycle", S3BucketLifecycleConfigurationConfig.builder()
                .bucket(bucketId)
                .rule(List.of(S3BucketLifecycleConfigurationRule.builder()
                        .id("backups")
                        .status("Enabled")
                        .filter(S3BucketLifecycleConfigurationRuleFilter.builder().build())
                        .transition(List.of(S3BucketLifecycleConfigurationRuleTransition.builder()
                                .days(glacierAfterDays).storageClass("GLACIER").build()))
                        .noncurrentVersionExpiration(
                                S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration.builder()
                                        .noncurrentDays(expireNoncurrentAfterDays).build())
                        .abortIncompleteMultipartUpload(
                                S3BucketLifecycleConfigurationRuleAbortIncompleteMultipartUpload.builder()
                                        .daysAfterInitiation(7).build())
                        .build()))
                // Lifecycle rules on a bucket whose versioning is still being enabled can act on the wrong versions.
                .dependsOn(List.of(v))
                .build());

        // Server access logs: who read or deleted which backup, and from where (CloudTrail data events would
        // cost per request; access logs cost only their storage, a few MB a month for a nightly dump).
        new S3BucketLoggingA(this, "logging", S3BucketLoggingAConfig.builder()
                .bucket(bucketId)
                .targetBucket(accessLogsBucket(namePrefix, account, region, arn, tagging))
                .targetPrefix("s3-access/")
                .build());
    }

    /**
     * The bucket the backups bucket's server access logs go to. S3 log delivery writes only to buckets with SSE-S3
     * (not SSE-KMS) and, with ACLs disabled, needs a bucket policy for logging.s3.amazonaws.com. It does not log
     * its own access: that would need yet another bucket (docs/rules.md, coverage).
     */
    private String accessLogsBucket(String namePrefix, String account, String region, String sourceArn,
                                    Tagging tagging) {
        S3Bucket bucket = new S3Bucket(this, "access-logs", S3BucketConfig.builder()
                .bucket("opsstack-" + namePrefix + "-backup-logs-" + account + "-" + region)
                .forceDestroy(false)
                .tags(tagging.tags(namePrefix + "-backup-logs"))
                .build());
        String bucketId = bucket.getId();
        String bucketArn = bucket.getArn();
        S3BucketVersioningA v = new S3BucketVersioningA(this, "access-logs-versioning",
                S3BucketVersioningAConfig.builder()
                        .bucket(bucketId)
                        .versioningConfiguration(S3BucketVersioningVersioningConfiguration.builder()
                                .status("Enabled").build())
                        .build());
        new S3BucketServerSideEncryptionConfigurationA(this, "access-logs-encryption",
                S3BucketServerSideEncryptionConfigurationAConfig.builder()
                        .bucket(bucketId)
                        .rule(List.of(S3BucketServerSideEncryptionConfigurationRuleA.builder()
                                .applyServerSideEncryptionByDefault(
                                        S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA
                                                .builder().sseAlgorithm("AES256").build())
                                .build()))
                        .build());
        new S3BucketPublicAccessBlock(this, "access-logs-public-access-block", S3BucketPublicAccessBlockConfig.builder()
                .bucket(bucketId)
                .blockPublicAcls(true).blockPublicPolicy(true).ignorePublicAcls(true).restrictPublicBuckets(true)
                .build());
        new S3BucketOwnershipControls(this, "access-logs-ownership", S3BucketOwnershipControlsConfig.builder()
                .bucket(bucketId)
                .rule(S3BucketOwnershipControlsRule.builder().objectOwnership("BucketOwnerEnforced").build())
                .build());
        // Only S3's log delivery, only for our backups bucket in our account (confused deputy), may write.
        S3BucketPolicy policy = new S3BucketPolicy(this, "access-logs-policy", S3BucketPolicyConfig.builder()
                .bucket(bucketId)
                .policy(PolicyJson.document(
                        PolicyJson.statement("S3LogDeliveryWrites", "Allow", List.of("s3:PutObject"),
                                List.of(bucketArn + "/s3-access/*"), Map.of("Service", "logging.s3.amazonaws.com"),
                                Map.of("ArnLike", Map.of("aws:SourceArn", sourceArn),
                                        "StringEquals", Map.of("aws:SourceAccount", account))),
                        PolicyJson.statement("DenyInsecureTransport", "Deny", List.of("s3:*"),
                                List.of(bucketArn, bucketArn + "/*"), "*",
                                Map.of("Bool", Map.of("aws:SecureTransport", "false")))))
                .build());
        new S3BucketLifecycleConfiguration(this, "access-logs-lifecycle", S3BucketLifecycleConfigurationConfig.builder()
                .bucket(bucketId)
                .rule(List.of(S3BucketLifecycleConfigurationRule.builder()
                        .id("expire").status("Enabled")
                        .filter(S3BucketLifecycleConfigurationRuleFilter.builder().build())
                        // A year: long enough to answer "who read this backup" for an annual audit.
                        .expiration(S3BucketLifecycleConfigurationRuleExpiration.builder().days(365).build())
                        .noncurrentVersionExpiration(
                                S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration.builder()
                                        .noncurrentDays(30).build())
                        .abortIncompleteMultipartUpload(
                                S3BucketLifecycleConfigurationRuleAbortIncompleteMultipartUpload.builder()
                                        .daysAfterInitiation(7).build())
                        .build()))
                .dependsOn(List.of(v))
                .build());
        // Logging is checked on when it is turned on: the policy must exist first.
        return policy.getBucket();
    }
}
