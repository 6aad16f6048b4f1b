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

    /** What kind of deployable unit a stack is, in deploy order. DR kinds exist only with a dr section. */
    public enum Kind {
        NETWORK("network", "VPC, subnets, NAT, flow logs, shared security groups"),
        DR_NETWORK("dr-network", "DR region: VPC, data key, backups bucket (replication target)"),
        DATA("data", "KMS key, RDS PostgreSQL, backups bucket"),
        APP("app", "hosts running the Compose stack, load balancer, alarms, DNS"),
        DR_DATA("dr-data", "DR region: database (replica, promoted or restored)"),
        DR_APP("dr-app", "DR region: hosts, load balancer, alarms, DNS failover"),
        LOCAL("local", "the whole service on this machine's Docker");

        private final String suffix;
        private final String purpose;

        Kind(String suffix, String purpose) {
            this.suffix = suffix;
            this.purpose = purpose;
        }

        /**
         * What the stack holds in {@code env}, not in general: an SQLite environment's data stack has no database
         * server, a single-host environment has no load balancer, nat: none has no NAT gateway.
         */
        public String purpose(EnvironmentConfig env) {
            boolean asg = env.app().map(a -> a.mode() == io.opsstack.config.AppConfig.Mode.ASG).orElse(false);
            String dns = env.dns().isPresent() ? ", DNS" : "";
            return switch (this) {
                case NETWORK -> env.network().nat() == io.opsstack.net.NatMode.NONE
                        ? "VPC, subnets (no NAT gateway), flow logs, shared security groups" : purpose;
                case DATA -> env.database().sqlite()
                        ? "KMS key, backups bucket (SQLite lives on the app host's data volume)" : purpose;
                case APP -> asg ? "hosts (Auto Scaling group) running the Compose stack, load balancer, alarms" + dns
                        : "one host running the Compose stack, alarms" + dns;
                case DR_DATA -> env.dr().map(d -> d.mode() == io.opsstack.config.DrConfig.Mode.PILOT_LIGHT
                        ? "DR region: the primary's automated backups, replicated (a database restored on failover)"
                        : "DR region: read replica of the database (promoted on failover)").orElse(purpose);
                default -> purpose;
            };
        }
    }

    /** One stack to deploy: id, kind, region it deploys to, and its place in the environment's order (1-based). */
    public record PlannedStack(String id, Kind kind, String region, int order, String backend) {
    }

    private StackPlan() {
    }

    public static String id(String environment, Kind kind) {
        return kind == Kind.LOCAL ? "local" : environment + "-" + kind.suffix;
    }

    private static String backend(EnvironmentConfig env) {
        return env.state().map(s -> "s3://" + s.bucket() + "/" + s.keyPrefix() + "/" + env.name() + "/")
                .orElse("local");
    }

    public static List<PlannedStack> of(EnvironmentConfig env) {
        List<PlannedStack> out = new ArrayList<>();
        String backend = backend(env);
        if (env.isLocal()) {
            return List.of(new PlannedStack(id(env.name(), Kind.LOCAL), Kind.LOCAL, "docker", 1, backend));
        }
        String drBackend = env.dr().isPresent() ? backend(env.inDrRegion()) : backend;
        // DR network (with the DR bucket) comes before the primary data stack, whose backups replicate into it;
        // the DR database comes after the primary one it replicates.
        for (Kind kind : Kind.values()) {
            boolean dr = kind.name().startsWith("DR_");
            if (kind == Kind.LOCAL) {
                continue;
            }
            if (dr && env.dr().isEmpty()) {
                continue;
            }
            if ((kind == Kind.APP || kind == Kind.DR_APP) && env.app().isEmpty()) {
                continue; // no app section: no hosts
            }
            String region = dr ? env.dr().get().region() : env.region();
            out.add(new PlannedStack(id(env.name(), kind), kind, region, out.size() + 1, dr ? drBackend : backend));
        }
        return out;
    }
}
