package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** AWS-S3-002: replication needs versioning on both buckets. */
public final class S3ReplicationVersioning extends AwsRule {

    public S3ReplicationVersioning() {
        super("AWS-S3-002", List.of("aws_s3_bucket_replication_configuration"), "Replication has versioning enabled"
                + " on the source bucket and on the destination bucket",
                "InvalidRequest: Versioning must be Enabled on the bucket to apply a replication configuration /"
                        + " Destination bucket must have versioning enabled.",
                "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-requirements.html",
                "Enable versioning on both buckets (constructs.BackupsBucket does); depend on the versioning.");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        List<String> out = new ArrayList<>();
        String source = Refs.bucketOf(s, r.stack(), b.path("bucket").asText());
        if (source != null && !versioned(s, r.stack(), source)) {
            out.add("source bucket " + source + " has no enabled versioning");
        }
        for (JsonNode rule : b.path("rule")) {
            String arn = literal(rule.path("destination"), "bucket");
            if (arn == null || !arn.startsWith("arn:aws:s3:::")) {
                continue;
            }
            String name = arn.substring("arn:aws:s3:::".length());
            s.resources("aws_s3_bucket").stream().filter(d -> name.equals(literal(d.body(), "bucket")))
                    .filter(d -> !versioned(s, d.stack(), d.name()))
                    .forEach(d -> out.add("destination bucket " + d.path() + " has no enabled versioning"));
        }
        return out;
    }

    private static boolean versioned(Synthesized s, String stack, String bucket) {
        return s.resources("aws_s3_bucket_versioning").stream().anyMatch(v -> v.stack().equals(stack)
                && Refs.names(v.body().path("bucket").asText(), bucket)
                && v.body().at("/versioning_configuration/status").asText(
                        v.body().at("/versioning_configuration/0/status").asText()).equals("Enabled"));
    }
}
