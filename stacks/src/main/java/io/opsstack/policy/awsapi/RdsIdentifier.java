package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.List;
import java.util.regex.Pattern;

/** AWS-RDS-001: DB instance identifiers. */
public final class RdsIdentifier extends AwsRule {
    /** A letter, then letters, digits and single inner hyphens, never ending with one. */
    static final Pattern ID = Pattern.compile("[a-zA-Z](?:-?[a-zA-Z0-9])*");

    public RdsIdentifier() {
        super("AWS-RDS-001", List.of("aws_db_instance"), "A DB instance identifier is 1-63 letters, digits and"
                + " hyphens, starting with a letter, with no two consecutive hyphens and no trailing hyphen",
                "InvalidParameterValue: The parameter DBInstanceIdentifier is not a valid identifier. Identifiers must"
                        + " begin with a letter; must contain only ASCII letters, digits, and hyphens; and must not end"
                        + " with a hyphen or contain two consecutive hyphens.",
                "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html", "Shorten or rename the environment (the instance is <env>-postgres).");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        return list(name("identifier", literal(b, "identifier"), 63, ID, "a valid identifier"));
    }
}
