package io.opsstack.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.ResourceRule;
import io.opsstack.policy.Severity;
import io.opsstack.policy.Synthesized;

/** OPS-S3-001: Every bucket blocks all four kinds of public access */
public final class S3PublicAccessBlocked extends ResourceRule {

    public S3PublicAccessBlocked() {
        super("OPS-S3-001", Severity.ERROR, "aws_s3_bucket_public_access_block",
                "Every bucket blocks all four kinds of public access",
                "One ACL or policy mistake must not publish backups or logs.",
                "Keep all four settings of the bucket's aws_s3_bucket_public_access_block true.");
    }

    @Override
    protected boolean complies(JsonNode b, Resource r, Synthesized s) {
        return b.path("block_public_acls").asBoolean(false) && b.path("block_public_policy").asBoolean(false)
                && b.path("ignore_public_acls").asBoolean(false) && b.path("restrict_public_buckets").asBoolean(false);
    }

    @Override
    public String violation() {
        return "the bucket does not block all four kinds of public access";
    }
}
