package io.opsstack.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.ResourceRule;
import io.opsstack.policy.Severity;
import io.opsstack.policy.Synthesized;

/** OPS-SG-003: The database port accepts only the app hosts' security group */
public final class DatabaseOnlyFromSecurityGroups extends ResourceRule {

    public DatabaseOnlyFromSecurityGroups() {
        super("OPS-SG-003", Severity.ERROR, "aws_vpc_security_group_ingress_rule",
                "The database port accepts only the app hosts' security group",
                "A CIDR rule on 5432 lets anything in that range try passwords against the database.",
                "Remove the CIDR rule; the data stack already admits the app hosts' group.");
    }

    @Override
    protected boolean complies(JsonNode b, Resource r, Synthesized s) {
        int from = b.path("from_port").asInt(0);
        int to = b.path("to_port").asInt(65535);
        return !(from <= 5432 && 5432 <= to) || b.has("referenced_security_group_id");
    }

    @Override
    public String violation() {
        return "the database port accepts a source other than the app hosts' security group";
    }
}
