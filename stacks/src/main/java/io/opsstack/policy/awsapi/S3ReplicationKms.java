package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** AWS-S3-003: replicating SSE-KMS objects names the replica key, and only then. */
public final class S3ReplicationKms extends AwsRule {

    public S3ReplicationKms() {
        super("AWS-S3-003", List.of("aws_s3_bucket_replication_configuration"), "A replication rule that replicates"
                + " SSE-KMS objects names the destination key (replica_kms_key_id), and one that names a key"
                + " replicates SSE-KMS objects",
                "InvalidRequest: ReplicaKmsKeyID must be specified if SseKmsEncryptedObjects tag is present.",
                "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-config-for-kms-objects.html",
                "Set both source_selection_criteria.sse_kms_encrypted_objects and"
                        + " destination.encryption_configuration.replica_kms_key_id (constructs.BackupsReplication).");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        List<String> out = new ArrayList<>();
        for (JsonNode rule : b.path("rule")) {
            boolean kmsObjects = rule.at("/source_selection_criteria/sse_kms_encrypted_objects/status").asText()
                    .equals("Enabled");
            boolean key = !rule.at("/destination/encryption_configuration/replica_kms_key_id").isMissingNode();
            if (kmsObjects != key) {
                out.add("rule " + rule.path("id").asText() + (kmsObjects ? " replicates SSE-KMS objects but names no"
                        + " replica_kms_key_id" : " names a replica_kms_key_id but does not replicate SSE-KMS objects"));
            }
        }
        return out;
    }
}
