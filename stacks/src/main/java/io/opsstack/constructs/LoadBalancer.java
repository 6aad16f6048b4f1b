package io.opsstack.constructs;

import com.hashicorp.cdktf.providers.aws.data_aws_caller_identity.DataAwsCallerIdentity;
import com.hashicorp.cdktf.providers.aws.data_aws_elb_service_account.DataAwsElbServiceAccount;
import com.hashicorp.cdktf.providers.aws.lb.Lb;
import com.hashicorp.cdktf.providers.aws.lb.LbAccessLogs;
import com.hashicorp.cdktf.providers.aws.lb.LbConfig;
import com.hashicorp.cdktf.providers.aws.lb_listener.LbListener;
import com.hashicorp.cdktf.providers.aws.lb_listener.LbListenerConfig;
import com.hashicorp.cdktf.providers.aws.lb_listener.LbListenerDefaultAction;
import com.hashicorp.cdktf.providers.aws.lb_listener.LbListenerDefaultActionRedirect;
import com.hashicorp.cdktf.providers.aws.lb_target_group.LbTargetGroup;
import com.hashicorp.cdktf.providers.aws.lb_target_group.LbTargetGroupConfig;
import com.hashicorp.cdktf.providers.aws.lb_target_group.LbTargetGroupHealthCheck;
import com.hashicorp.cdktf.providers.aws.s3_bucket.S3Bucket;
import com.hashicorp.cdktf.providers.aws.s3_bucket.S3BucketConfig;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfiguration;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationConfig;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRule;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRuleAbortIncompleteMultipartUpload;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRuleExpiration;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRuleFilter;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import software.constructs.Construct;

/**
 * The application load balancer in front of the hosts: a target group on port 80 with health check /health,
 * HTTP that forwards (or redirects to HTTPS when a certificate is given), HTTPS with a TLS 1.3 policy, invalid
 * header fields dropped; access logs to their own bucket; deletion protection as configured
 * (app.deletionProtection, on by default; production requires it: OPS-ALB-003).
 */
public final class LoadBalancer extends Construct {

    public final String arn;
    public final String arnSuffix;
    public final String dnsName;
    public final String zoneId;
    public final String targetGroupArn;
    public final String targetGroupArnSuffix;

    public LoadBalancer(Construct scope, String id, String namePrefix, String region, String vpcId,
                        List<String> publicSubnetIds, String securityGroupId, Optional<String> certificateArn,
                        boolean deletionProtection, Tagging tagging) {
        super(scope, id);
        String p = namePrefix;

        LbConfig.Builder lb = LbConfig.builder()
                .name(p + "-app")
                .internal(false)
                .loadBalancerType("application")
                .subnets(publicSubnetIds)
                .securityGroups(List.of(securityGroupId))
                .dropInvalidHeaderFields(true)
                .enableDeletionProtection(deletionProtection)
                .idleTimeout(60)
                .tags(tagging.tags(p + "-app"));
        // Access logs in every environment that has a load balancer: they are the only per-request record of who
        // called what (staging is where an attack rehearsal or a leaked URL shows up first); S3 storage of a
        // 90-day window costs cents a month at this service's volume.
        lb.accessLogs(LbAccessLogs.builder().bucket(accessLogsBucket(p, region, tagging)).enabled(true).build());
        Lb alb = new Lb(this, "alb", lb.build());

        LbTargetGroup tg = new LbTargetGroup(this, "target-group", LbTargetGroupConfig.builder()
                .name(p + "-app")
                .port(80)
                .protocol("HTTP")
                .targetType("instance")
                .vpcId(vpcId)
                .deregistrationDelay("30")
                .healthCheck(LbTargetGroupHealthCheck.builder()
                        .path("/health")
                        .protocol("HTTP")
                        .matcher("200")
                        .interval(15)
                        .timeout(5)
                        .healthyThreshold(2)
                        .unhealthyThreshold(3)
                        .build())
                .tags(tagging.tags(p + "-app"))
                .build());

        // Each token read is a round trip to Node.js: read once, use many times.
        String albArn = alb.getArn();
        String tgArn = tg.getArn();
        LbListenerDefaultAction forward = LbListenerDefaultAction.builder().type("forward")
                .targetGroupArn(tgArn).build();
        if (certificateArn.isPresent()) {
            new LbListener(this, "http", LbListenerConfig.builder()
                    .loadBalancerArn(albArn)
                    .port(80)
                    .protocol("HTTP")
                    .defaultAction(List.of(LbListenerDefaultAction.builder().type("redirect")
                            .redirect(LbListenerDefaultActionRedirect.builder()
                                    .protocol("HTTPS").port("443").statusCode("HTTP_301").build())
                            .build()))
                    .tags(tagging.tags(p + "-http"))
                    .build());
            new LbListener(this, "https", LbListenerConfig.builder()
                    .loadBalancerArn(albArn)
                    .port(443)
                    .protocol("HTTPS")
                    .sslPolicy("ELBSecurityPolicy-TLS13-1-2-2021-06")
                    .certificateArn(certificateArn.get())
                    .defaultAction(List.of(forward))
                    .tags(tagging.tags(p + "-https"))
                    .build());
        } else {
            new LbListener(this, "http", LbListenerConfig.builder()
                    .loadBalancerArn(albArn)
                    .port(80)
                    .protocol("HTTP")
                    .defaultAction(List.of(forward))
                    .tags(tagging.tags(p + "-http"))
                    .build());
        }
        this.arn = albArn;
        this.arnSuffix = alb.getArnSuffix();
        this.dnsName = alb.getDnsName();
        this.zoneId = alb.getZoneId();
        this.targetGroupArn = tgArn;
        this.targetGroupArnSuffix = tg.getArnSuffix();
    }

    /** ALB access logs need SSE-S3 (not KMS) and a policy for the region's load-balancing log delivery account. */
    private String accessLogsBucket(String p, String region, Tagging tagging) {
        String account = new DataAwsCallerIdentity(this, "account").getAccountId();
        S3Bucket bucket = new S3Bucket(this, "access-logs", S3BucketConfig.builder()
                .bucket("opsstack-" + p + "-alb-logs-" + account + "-" + region)
                .tags(tagging.tags(p + "-alb-logs"))
                .build());
        String bucketId = bucket.getId();
        String bucketArn = bucket.getArn();
        new S3BucketVersioningA(this, "access-logs-versioning", S3BucketVersioningAConfig.builder()
                .bucket(bucketId)
                .versioningConfiguration(S3BucketVersioningVersioningConfiguration.builder().status("Enabled").build())
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
        String elbAccount = new DataAwsElbServiceAccount(this, "elb-account").getArn();
        List<Map<String, Object>> statements = new ArrayList<>();
        statements.add(PolicyJson.statement("LoadBalancerDelivers", "Allow", List.of("s3:PutObject"),
                List.of(bucketArn + "/AWSLogs/" + account + "/*"), Map.of("AWS", elbAccount), null));
        statements.add(PolicyJson.statement("DenyInsecureTransport", "Deny", List.of("s3:*"),
                List.of(bucketArn, bucketArn + "/*"), "*",
                Map.of("Bool", Map.of("aws:SecureTransport", "false"))));
        S3BucketPolicy policy = new S3BucketPolicy(this, "access-logs-policy", S3BucketPolicyConfig.builder()
                .bucket(bucketId)
                .policy(PolicyJson.document(statements))
                .build());
        new S3BucketLifecycleConfiguration(this, "access-logs-lifecycle", S3BucketLifecycleConfigurationConfig.builder()
                .bucket(bucketId)
                .rule(List.of(S3BucketLifecycleConfigurationRule.builder()
                        .id("expire").status("Enabled")
                        .filter(S3BucketLifecycleConfigurationRuleFilter.builder().build())
                        .expiration(S3BucketLifecycleConfigurationRuleExpiration.builder().days(90).build())
                        // The bucket is versioned: an expired log becomes a noncurrent version, kept forever
                        // unless this removes it.
                        .noncurrentVersionExpiration(
                                S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration.builder()
                                        .noncurrentDays(30).build())
                        // Parts of an upload that never completed are billed like objects and listed nowhere.
                        .abortIncompleteMultipartUpload(
                                S3BucketLifecycleConfigurationRuleAbortIncompleteMultipartUpload.builder()
                                        .daysAfterInitiation(7).build())
                        .build()))
                .build());
        // The load balancer checks it can write when logging is turned on: the policy must exist first.
        return policy.getBucket();
    }
}
