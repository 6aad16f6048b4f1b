package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.List;
import java.util.regex.Pattern;

/** AWS-RDS-003: DB parameter group names. */
public final class RdsParameterGroupName extends AwsRule {

    public RdsParameterGroupName() {
        super("AWS-RDS-003", List.of("aws_db_parameter_group"), "A DB parameter group name is 1-255 letters,"
                + " digits and hyphens, starting with a letter, with no two consecutive hyphens and no trailing"
                + " hyphen, and it has a description",
                "InvalidParameterValue: The parameter DBParameterGroupName is not a valid identifier.",
                "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBParameterGroup.html",
                "Fix the parameter group name in constructs.Database (<env>-postgres<major>).");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        String description = literal(b, "description");
        return list(name("name", literal(b, "name"), 255, RdsIdentifier.ID, "a valid identifier"),
                description != null && description.isBlank() ? "the description is empty" : null);
    }
}
