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

    /**
     * One stack to deploy: id, kind, region it deploys to, its place in the environment's order (1-based), and the
     * stacks it needs deployed first ({@link StackPlan#dependencies}), which synth records with {@code addDependency} so that
     * cdktf-cli's manifest.json holds exactly this graph.
     */
    public record PlannedStack(String id, Kind kind, String region, int order, String backend,
                               List<String> dependsOn) {
        public PlannedStack {
            dependsOn = List.copyOf(dependsOn);
        }
    }

    private StackPlan() {
    }

    /**
     * What a stack of {@code kind} needs deployed before it, in {@code env} (kinds the environment does not have are
     * left out). cdktf-cli deploys the stacks given to it concurrently, bounded only by these (manifest.json), so
     * each ordering the resources need is here, including those cdktf cannot see because the name is built from
     * config instead of read from the other stack's state:
     * <ul>
     *   <li>data needs network (subnets, security groups: cross-stack references; not with SQLite) and, with a dr section,
     *       dr-network: its backups bucket replicates into the DR bucket and re-encrypts with the DR key, both
     *       named from config (BackupsReplication); S3 refuses a replication rule whose destination bucket does not
     *       exist.</li>
     *   <li>app needs network and data (references).</li>
     *   <li>dr-data needs dr-network (references) and data: the replica (warm standby) or the automated-backups
     *       replication (pilot light) names the primary instance's ARN from config (DrDataStack).</li>
     *   <li>dr-app needs dr-network and dr-data (references) and, with dns, app: the failover record of the primary
     *       aliases {@code <primary region>.<dns.name>}, the record app creates; Route 53 refuses an alias to a name
     *       that does not exist ("Tried to create an alias that targets ..., but that target was not found").</li>
     * </ul>
     * The DR promise (DR stacks deploy while the primary region is down) is kept at the command, not in this
     * graph: a failover deploys the DR stacks with {@code --ignore-missing-stack-dependencies --parallelism 1}
     * (docs/disaster-recovery.md).
     */
    public static List<Kind> dependencies(EnvironmentConfig env, Kind kind) {
        boolean dr = env.dr().isPresent();
        boolean app = env.app().isPresent();
        List<Kind> out = new ArrayList<>();
        switch (kind) {
            case DATA -> {
                if (!env.database().sqlite()) {
                    out.add(Kind.NETWORK); // SQLite: no database server, nothing in the network
                }
                if (dr) {
                    out.add(Kind.DR_NETWORK);
                }
            }
            case APP -> out.addAll(List.of(Kind.NETWORK, Kind.DATA));
            case DR_DATA -> out.addAll(List.of(Kind.DR_NETWORK, Kind.DATA));
            case DR_APP -> {
                out.addAll(List.of(Kind.DR_NETWORK, Kind.DR_DATA));
                if (app && env.dns().isPresent()) {
                    out.add(Kind.APP);
                }
            }
            default -> {
            }
        }
        return out;
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
            return List.of(new PlannedStack(id(env.name(), Kind.LOCAL), Kind.LOCAL, "docker", 1, backend, List.of()));
        }
        String drBackend = env.dr().isPresent() ? backend(env.inDrRegion()) : backend;
        // The enum's order is a topological order of dependencies(): DR network (with the DR bucket) before the
        // primary data stack, whose backups replicate into it; the DR database after the primary one it replicates.
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
            List<String> needs = dependencies(env, kind).stream().map(k -> id(env.name(), k)).toList();
            out.add(new PlannedStack(id(env.name(), kind), kind, region, out.size() + 1, dr ? drBackend : backend,
                    needs));
        }
        return out;
    }
}
