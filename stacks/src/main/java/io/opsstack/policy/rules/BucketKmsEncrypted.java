package io.opsstack.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;

/** OPS-S3-003: every bucket encrypts with SSE-KMS (ALB access-log buckets: SSE-S3, which ALB requires). */
public final class BucketKmsEncrypted extends BucketRule {

    public BucketKmsEncrypted() {
        super("OPS-S3-003", "aws_s3_bucket_server_side_encryption_configuration",
                "Every bucket encrypts with SSE-KMS (access-log buckets of load balancers and of S3 with SSE-S3, the"
                        + " only kind ALB and S3 log delivery can write to)",
                "A customer key puts reads of backups under a key policy and in CloudTrail.",
                "Keep the bucket's encryption configuration at aws:kms with the data key.");
    }

    @Override
    boolean good(JsonNode sse, Resource bucket) {
        String algorithm = sse.at("/rule/0/apply_server_side_encryption_by_default/sse_algorithm").asText();
        String name = bucket.body().path("bucket").asText();
        boolean logDelivery = name.contains("-alb-logs-") || name.contains("-backup-logs-");
        return algorithm.equals("aws:kms") || logDelivery && algorithm.equals("AES256");
    }

    @Override
    public String violation() {
        return "the bucket has no SSE-KMS default encryption (SSE-S3 only for a load balancer access-log bucket)";
    }
}
