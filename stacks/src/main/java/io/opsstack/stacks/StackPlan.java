package io.opsstack.stacks;

import io.opsstack.config.EnvironmentConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * The stacks of an environment, in deploy order, computed from config alone (no jsii), so that
 * {@code opsstack list} is instant and synth builds exactly what list shows.
 * Stack ids are a contract: {@code <env>-network}, {@code <env>-data}, {@code <env>-app}, {@code <env>-dr...}.
 */
public final class StackPlan {

    /** What kind of deployable unit a stack is, in deploy order. The region-swap work adds DR. */
    public enum Kind {
        NETWORK("network", "VPC, subnets, NAT, flow logs, shared security groups"),
        DATA("data", "KMS key, RDS PostgreSQL, backups bucket"),
        APP("app", "hosts running the Compose stack, load balancer, alarms, DNS");

        private final String suffix;
        private final String purpose;

        Kind(String suffix, String purpose) {
            this.suffix = suffix;
            this.purpose = purpose;
        }

        public String purpose() {
            return purpose;
        }
    }

    /** One stack to deploy: id, kind, region it deploys to, and its place in the environment's order (1-based). */
    public record PlannedStack(String id, Kind kind, String region, int order, String backend) {
    }

    private StackPlan() {
    }

    public static String id(String environment, Kind kind) {
        return environment + "-" + kind.suffix;
    }

    public static List<PlannedStack> of(EnvironmentConfig env) {
        List<PlannedStack> out = new ArrayList<>();
        String backend = env.state().map(s -> "s3://" + s.bucket() + "/" + s.keyPrefix() + "/" + env.name() + "/")
                .orElse("local");
        for (Kind kind : Kind.values()) {
            if (kind == Kind.APP && env.app().isEmpty()) {
                continue; // no app section: no hosts
            }
            out.add(new PlannedStack(id(env.name(), kind), kind, env.region(), out.size() + 1, backend));
        }
        return out;
    }
}
