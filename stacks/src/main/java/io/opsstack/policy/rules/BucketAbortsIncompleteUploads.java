package io.opsstack.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

/** OPS-S3-005: every bucket's lifecycle aborts incomplete multipart uploads. */
public final class BucketAbortsIncompleteUploads extends BucketRule {

    public BucketAbortsIncompleteUploads() {
        super("OPS-S3-005", "aws_s3_bucket_lifecycle_configuration",
                "Every bucket has an enabled lifecycle rule that aborts incomplete multipart uploads",
                "Parts of an upload that never completed (a backup killed halfway) are billed like objects, yet no"
                        + " listing shows them.",
                "Keep abort_incomplete_multipart_upload (7 days) in the bucket's aws_s3_bucket_lifecycle_configuration.");
    }

    @Override
    boolean good(JsonNode lifecycle, Resource bucket) {
        for (JsonNode rule : lifecycle.path("rule")) {
            if (rule.path("status").asText().equals("Enabled")
                    && rule.at("/abort_incomplete_multipart_upload/days_after_initiation").asInt(0) > 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected String problem(Resource bucket, Synthesized s) {
        return "bucket " + bucket.path() + " has no enabled lifecycle rule that aborts incomplete multipart uploads";
    }

    @Override
    public String violation() {
        return "the bucket has no enabled lifecycle rule that aborts incomplete multipart uploads";
    }
}
