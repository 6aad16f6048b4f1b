package io.opsstack.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Safety requirements the loader enforces on config, each with a stable rule id that a suppression can name.
 * (The guardrails issue adds rules over the synthesized JSON under the same ids and one registry.)
 */
public final class Guardrails {

    /** One rule: stable id, what it requires, and which resource of an environment it is about. */
    public record Rule(String id, String requirement, String resourceSuffix) {

        /** The resource a suppression must name for environment {@code env}: e.g. prod-data/database. */
        public String resourceFor(String env) {
            return env + resourceSuffix;
        }
    }

    public static final Rule RDS_BACKUP_RETENTION = new Rule("OPS-RDS-003",
            "production databases keep automated backups for at least 7 days", "-data/database");
    public static final Rule RDS_DELETION_PROTECTION = new Rule("OPS-RDS-004",
            "production databases have deletion protection", "-data/database");
    public static final Rule RDS_MULTI_AZ = new Rule("OPS-RDS-005",
            "production databases run multi-AZ", "-data/database");

    public static final Map<String, Rule> BY_ID = Map.of(
            RDS_BACKUP_RETENTION.id(), RDS_BACKUP_RETENTION,
            RDS_DELETION_PROTECTION.id(), RDS_DELETION_PROTECTION,
            RDS_MULTI_AZ.id(), RDS_MULTI_AZ);

    private Guardrails() {
    }

    /** Production is an environment named prod or prod-*: there the database rules above are errors. */
    public static boolean isProduction(String environment) {
        return environment.equals("prod") || environment.startsWith("prod-");
    }

    public static Optional<Suppression> suppression(List<Suppression> suppressions, Rule rule, String env) {
        return suppressions.stream().filter(s -> s.rule().equals(rule.id())
                && s.resource().equals(rule.resourceFor(env))).findFirst();
    }
}
