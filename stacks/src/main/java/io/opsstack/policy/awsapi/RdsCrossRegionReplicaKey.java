package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.List;
import java.util.regex.Pattern;

/** AWS-RDS-011: an encrypted cross-region replica names a key in its region. */
public final class RdsCrossRegionReplicaKey extends AwsRule {

    public RdsCrossRegionReplicaKey() {
        super("AWS-RDS-011", List.of("aws_db_instance"), "A cross-region read replica of an encrypted instance"
                + " names a KMS key (kms_key_id) of its own region",
                "InvalidParameterCombination: Cross-region read replica of an encrypted DB instance requires"
                        + " KmsKeyId to be specified",
                "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.XRgn.html",
                "Set kms_key_id on the DR replica to the DR region's data key.");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        String source = b.path("replicate_source_db").asText("");
        if (!source.startsWith("arn:")) {
            return List.of();
        }
        String sourceRegion = source.split(":")[3];
        String region = Refs.region(s, r);
        String key = literal(b, "kms_key_id");
        if (b.path("kms_key_id").isMissingNode()) {
            return List.of("the cross-region replica of " + source + " names no kms_key_id");
        }
        return key != null && key.startsWith("arn:") && region != null && !key.split(":")[3].equals(region)
                ? List.of("kms_key_id " + key + " is not in the replica region " + region + " (source in "
                + sourceRegion + ")") : List.of();
    }
}
