package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.List;
import java.util.regex.Pattern;

/** AWS-RDS-004: DB subnet group names. */
public final class RdsSubnetGroupName extends AwsRule {
    private static final Pattern NAME = Pattern.compile("[a-z0-9 ._-]+");

    public RdsSubnetGroupName() {
        super("AWS-RDS-004", List.of("aws_db_subnet_group"), "A DB subnet group name is at most 255 lowercase"
                + " letters, digits, periods, underscores, spaces and hyphens, and not default",
                "InvalidParameterValue: DBSubnetGroupName must contain no more than 255 letters, numbers, periods,"
                        + " underscores, spaces, or hyphens; must not be default",
                "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBSubnetGroup.html",
                "Fix the subnet group name in constructs.Database (<env>-database).");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        String n = literal(b, "name");
        return list(name("name", n, 255, NAME, "lowercase letters, digits, periods, underscores, spaces and"
                + " hyphens"), "default".equalsIgnoreCase(n) ? "the name is default" : null);
    }
}
