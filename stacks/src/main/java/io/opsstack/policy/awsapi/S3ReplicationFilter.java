package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** AWS-S3-004: a rule with a filter (V2 schema) states delete marker replication. */
public final class S3ReplicationFilter extends AwsRule {

    public S3ReplicationFilter() {
        super("AWS-S3-004", List.of("aws_s3_bucket_replication_configuration"), "A replication rule with a filter"
                + " states delete_marker_replication, and several rules each have a distinct priority",
                "InvalidRequest: DeleteMarkerReplication must be specified for this version of Cross Region"
                        + " Replication configuration schema.",
                "https://docs.aws.amazon.com/AmazonS3/latest/API/API_ReplicationRule.html",
                "Add delete_marker_replication to each rule with a filter (constructs.BackupsReplication).");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        List<String> out = new ArrayList<>();
        java.util.Set<String> priorities = new java.util.HashSet<>();
        for (JsonNode rule : b.path("rule")) {
            if (!rule.path("filter").isMissingNode() && rule.path("delete_marker_replication").isMissingNode()) {
                out.add("rule " + rule.path("id").asText() + " has a filter but no delete_marker_replication");
            }
            if (b.path("rule").size() > 1 && !priorities.add(rule.path("priority").asText(""))) {
                out.add("rule " + rule.path("id").asText() + " has no distinct priority");
            }
        }
        return out;
    }
}
