package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.List;
import java.util.regex.Pattern;

/** AWS-ELB-004: the access-log bucket of a load balancer uses SSE-S3. */
public final class AlbAccessLogsSseS3 extends AwsRule {

    public AlbAccessLogsSseS3() {
        super("AWS-ELB-004", List.of("aws_lb"), "The bucket a load balancer writes its access logs to is encrypted"
                + " with SSE-S3 (AES256), not SSE-KMS",
                "InvalidConfigurationRequest: Access Denied for bucket: <bucket>. Please check S3bucket permission",
                "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html",
                "Encrypt the access-log bucket with sse_algorithm AES256 (constructs.LoadBalancer).");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        JsonNode logs = b.path("access_logs");
        if (logs.isArray()) {
            logs = logs.path(0);
        }
        if (!logs.path("enabled").asBoolean(true) || logs.path("bucket").isMissingNode()) {
            return List.of();
        }
        String bucket = Refs.bucketOf(s, r.stack(), logs.path("bucket").asText());
        if (bucket == null) {
            return List.of();
        }
        return s.resources("aws_s3_bucket_server_side_encryption_configuration").stream()
                .filter(c -> c.stack().equals(r.stack()) && Refs.names(c.body().path("bucket").asText(), bucket))
                .flatMap(c -> {
                    java.util.List<String> algs = new java.util.ArrayList<>();
                    c.body().path("rule").forEach(rule -> algs.add(rule.at("/apply_server_side_encryption_by_default"
                            + "/sse_algorithm").asText()));
                    return algs.stream();
                })
                .filter(a -> !a.equals("AES256"))
                .map(a -> "its access-log bucket " + bucket + " is encrypted with " + a + " (only SSE-S3, AES256,"
                        + " is supported)").distinct().toList();
    }
}
