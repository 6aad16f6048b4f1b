package io.opsstack.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.ResourceRule;
import io.opsstack.policy.Severity;
import io.opsstack.policy.Synthesized;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** OPS-RDS-009: PostgreSQL parameter groups log connections, disconnections, DDL and slow statements. */
public final class PostgresLogsSessionsAndDdl extends ResourceRule {

    public PostgresLogsSessionsAndDdl() {
        super("OPS-RDS-009", Severity.ERROR, "aws_db_parameter_group",
                "PostgreSQL parameter groups log connections, disconnections, schema changes (log_statement ddl or"
                        + " all) and slow statements",
                "Who connected, when, and who changed the schema is the evidence an incident review starts from;"
                        + " slow statements are the runbooks' first performance signal.",
                "Keep log_connections=1, log_disconnections=1, log_statement=ddl and log_min_duration_statement in"
                        + " the database construct's parameter group.");
    }

    @Override
    protected boolean applies(Resource r) {
        return r.body().path("family").asText().startsWith("postgres");
    }

    @Override
    protected boolean complies(JsonNode b, Resource r, Synthesized s) {
        return missing(b).isEmpty();
    }

    @Override
    protected String problem(Resource r, Synthesized s) {
        return "PostgreSQL parameter group " + r.path() + " does not log " + String.join(", ", missing(r.body()));
    }

    private static List<String> missing(JsonNode b) {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode p : b.path("parameter")) {
            values.put(p.path("name").asText(), p.path("value").asText());
        }
        List<String> out = new ArrayList<>();
        if (!values.getOrDefault("log_connections", "").equals("1")) {
            out.add("connections (log_connections=1)");
        }
        if (!values.getOrDefault("log_disconnections", "").equals("1")) {
            out.add("disconnections (log_disconnections=1)");
        }
        String statement = values.getOrDefault("log_statement", "none");
        if (!statement.equals("ddl") && !statement.equals("all")) {
            out.add("schema changes (log_statement=ddl)");
        }
        if (values.getOrDefault("log_min_duration_statement", "-1").equals("-1")) {
            out.add("slow statements (log_min_duration_statement)");
        }
        return out;
    }

    @Override
    public String violation() {
        return "the PostgreSQL parameter group does not log sessions, schema changes or slow statements";
    }
}
