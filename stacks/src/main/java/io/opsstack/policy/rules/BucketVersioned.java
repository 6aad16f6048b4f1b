package io.opsstack.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;

/** OPS-S3-002: every bucket is versioned. */
public final class BucketVersioned extends BucketRule {

    public BucketVersioned() {
        super("OPS-S3-002", "aws_s3_bucket_versioning", "Every bucket is versioned",
                "Versions turn an overwrite or delete (by mistake or by an attacker) into something recoverable.",
                "Keep the bucket's aws_s3_bucket_versioning at Enabled.");
    }

    @Override
    boolean good(JsonNode versioning, Resource bucket) {
        return versioning.at("/versioning_configuration/status").asText().equals("Enabled");
    }

    @Override
    public String violation() {
        return "the bucket is not versioned";
    }
}
