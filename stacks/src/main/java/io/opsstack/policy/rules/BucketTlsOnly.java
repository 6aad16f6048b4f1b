package io.opsstack.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;

/** OPS-S3-004: every bucket's policy denies requests without TLS. */
public final class BucketTlsOnly extends BucketRule {

    public BucketTlsOnly() {
        super("OPS-S3-004", "aws_s3_bucket_policy", "Every bucket's policy denies requests made without TLS",
                "Without it a misconfigured client can send backups or credentials in clear text.",
                "Keep the DenyInsecureTransport statement (aws:SecureTransport false -> Deny).");
    }

    @Override
    boolean good(JsonNode policy, Resource bucket) {
        String text = policy.path("policy").asText();
        return text.contains("\"Deny\"") && text.contains("\"aws:SecureTransport\":\"false\"");
    }

    @Override
    public String violation() {
        return "the bucket's policy does not deny requests made without TLS";
    }
}
