package io.opsstack.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.ResourceRule;
import io.opsstack.policy.Severity;
import io.opsstack.policy.Synthesized;

/**
 * OPS-S3-006: every bucket that holds data has S3 server access logs. Log-delivery buckets (the target of an
 * aws_s3_bucket_logging or of a load balancer's access_logs) are exempt: logging them would need yet another bucket.
 */
public final class BucketAccessLogged extends ResourceRule {

    public BucketAccessLogged() {
        super("OPS-S3-006", Severity.ERROR, "aws_s3_bucket",
                "Every bucket that holds data (not a log-delivery bucket) has S3 server access logs",
                "Server access logs are the record of who read or deleted which backup, and from where.",
                "Keep the bucket's aws_s3_bucket_logging to its access-log bucket (the backups construct adds both).");
    }

    @Override
    protected boolean complies(JsonNode b, Resource bucket, Synthesized s) {
        return isLogDelivery(bucket, s) || s.resources("aws_s3_bucket_logging").stream()
                .anyMatch(l -> l.stack().equals(bucket.stack())
                        && l.body().path("bucket").asText().equals(bucket.ref("id"))
                        && !l.body().path("target_bucket").asText().isEmpty());
    }

    /** A bucket that S3 log delivery or a load balancer writes logs to (directly or through its policy's output). */
    public static boolean isLogDelivery(Resource bucket, Synthesized s) {
        boolean s3Target = s.resources("aws_s3_bucket_logging").stream().anyMatch(l -> l.stack().equals(bucket.stack())
                && refersTo(l.body().path("target_bucket").asText(), bucket, s));
        boolean lbTarget = s.resources("aws_lb").stream().anyMatch(l -> l.stack().equals(bucket.stack())
                && l.body().at("/access_logs/enabled").asBoolean(false)
                && refersTo(l.body().at("/access_logs/bucket").asText(), bucket, s));
        return s3Target || lbTarget;
    }

    /** The bucket itself, or a policy of it whose .bucket output is used to order delivery after the policy. */
    private static boolean refersTo(String ref, Resource bucket, Synthesized s) {
        if (ref.equals(bucket.ref("id")) || ref.equals(bucket.ref("bucket"))) {
            return true;
        }
        return s.resources("aws_s3_bucket_policy").stream().anyMatch(p -> p.stack().equals(bucket.stack())
                && p.body().path("bucket").asText().equals(bucket.ref("id")) && ref.equals(p.ref("bucket")));
    }

    @Override
    protected String problem(Resource bucket, Synthesized s) {
        return "bucket " + bucket.path() + " has no server access logs: reads and deletes of its objects leave no"
                + " record";
    }

    @Override
    public String violation() {
        return "the bucket has no server access logs";
    }
}
