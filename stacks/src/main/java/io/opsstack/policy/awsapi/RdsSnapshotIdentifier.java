package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.List;
import java.util.regex.Pattern;

/** AWS-RDS-002: final snapshot identifiers. */
public final class RdsSnapshotIdentifier extends AwsRule {

    public RdsSnapshotIdentifier() {
        super("AWS-RDS-002", List.of("aws_db_instance"), "A final snapshot identifier is 1-255 letters, digits"
                + " and hyphens, starting with a letter, with no two consecutive hyphens and no trailing hyphen",
                "InvalidParameterValue: The parameter FinalDBSnapshotIdentifier is not a valid identifier.",
                "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DeleteDBInstance.html",
                "Fix final_snapshot_identifier in constructs.Database (<identifier>-final, or"
                        + " <identifier>-final-<restore source>).");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        return list(name("final_snapshot_identifier", literal(b, "final_snapshot_identifier"), 255,
                RdsIdentifier.ID, "a valid identifier"));
    }
}
