package io.opsstack.policy;

import io.opsstack.config.ConfigException;
import io.opsstack.config.ConfigProblem;
import io.opsstack.config.EnvironmentConfig;
import io.opsstack.config.Suppression;
import io.opsstack.policy.rules.AlbAccessLogs;
import io.opsstack.policy.rules.AlbDeletionProtection;
import io.opsstack.policy.rules.AlbDropsInvalidHeaders;
import io.opsstack.policy.rules.AsgElbHealthCheck;
import io.opsstack.policy.rules.AsgErrorNotifications;
import io.opsstack.policy.rules.BucketAbortsIncompleteUploads;
import io.opsstack.policy.rules.BucketAccessLogged;
import io.opsstack.policy.rules.BucketKmsEncrypted;
import io.opsstack.policy.rules.BucketTlsOnly;
import io.opsstack.policy.rules.BucketVersioned;
import io.opsstack.policy.rules.DatabaseOnlyFromSecurityGroups;
import io.opsstack.policy.rules.DefaultSecurityGroupClosed;
import io.opsstack.policy.rules.EbsVolumeEncrypted;
import io.opsstack.policy.rules.Ec2EncryptedRootVolume;
import io.opsstack.policy.rules.Ec2Imdsv2;
import io.opsstack.policy.rules.Ec2InstanceProfile;
import io.opsstack.policy.rules.HttpsWhenCertificate;
import io.opsstack.policy.rules.InstanceImdsv2;
import io.opsstack.policy.rules.NoPublicIpInAutoScaling;
import io.opsstack.policy.rules.RdsPerformanceInsightsEncrypted;
import io.opsstack.policy.rules.KmsRotation;
import io.opsstack.policy.rules.LogGroupKmsEncrypted;
import io.opsstack.policy.rules.LogGroupRetention;
import io.opsstack.policy.rules.PostgresLogsSessionsAndDdl;
import io.opsstack.policy.rules.ProductionHasDr;
import io.opsstack.policy.rules.RdsBackupRetention;
import io.opsstack.policy.rules.RdsDeletionProtection;
import io.opsstack.policy.rules.RdsEncryptedWithCustomerKey;
import io.opsstack.policy.rules.RdsIamAuthAndLogs;
import io.opsstack.policy.rules.RdsManagedPassword;
import io.opsstack.policy.rules.RdsMultiAz;
import io.opsstack.policy.rules.RdsNotPublic;
import io.opsstack.policy.rules.S3PublicAccessBlocked;
import io.opsstack.policy.rules.SnsEncrypted;
import io.opsstack.policy.rules.SshNotOpenToTheWorld;
import io.opsstack.policy.rules.VpcFlowLogs;
import io.opsstack.policy.rules.WorldIngressOnlyToTheLoadBalancer;
import io.opsstack.iam.IamRules;
import io.opsstack.stacks.StackPlan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The rule registry and the engine: every rule over the synthesized JSON, suppressions applied. */
public final class Policy {

    /** Every rule, by id, the AWS API family included. docs/rules.md is generated from this list (a test fails when it is stale). */
    public static final List<Rule> RULES = java.util.stream.Stream.concat(List.<Rule>of(
            new RdsEncryptedWithCustomerKey(), new RdsNotPublic(), new RdsBackupRetention(),
            new RdsDeletionProtection(), new RdsMultiAz(), new RdsManagedPassword(), new RdsIamAuthAndLogs(),
            new RdsPerformanceInsightsEncrypted(),
            new Ec2Imdsv2(), new Ec2EncryptedRootVolume(), new Ec2InstanceProfile(), new NoPublicIpInAutoScaling(),
            new InstanceImdsv2(),
            new WorldIngressOnlyToTheLoadBalancer(), new SshNotOpenToTheWorld(), new DatabaseOnlyFromSecurityGroups(),
            new S3PublicAccessBlocked(), new BucketVersioned(), new BucketKmsEncrypted(), new BucketTlsOnly(),
            new VpcFlowLogs(), new DefaultSecurityGroupClosed(),
            new AlbDropsInvalidHeaders(), new HttpsWhenCertificate(), new AlbDeletionProtection(),
            new KmsRotation(), new LogGroupRetention(), new SnsEncrypted(), new ProductionHasDr(),
            new AsgErrorNotifications(), new AsgElbHealthCheck(), new BucketAbortsIncompleteUploads(),
            new BucketAccessLogged(), new LogGroupKmsEncrypted(), new PostgresLogsSessionsAndDdl(),
            new AlbAccessLogs(), new EbsVolumeEncrypted()).stream(),
            // The AWS API rules (AWS-*): what AWS refuses and the emulator accepts.
            io.opsstack.policy.awsapi.AwsRules.ALL.stream()).sorted(Comparator.comparing(Rule::id)).toList();

    /** All findings of one check, blocking ones first. */
    public record Report(List<Finding> findings) {

        public List<Finding> blocking() {
            return findings.stream().filter(Finding::blocking).toList();
        }

        public List<Finding> warnings() {
            return findings.stream().filter(f -> f.suppressed() == null && f.rule().severity() == Severity.WARNING)
                    .toList();
        }

        public List<Finding> suppressed() {
            return findings.stream().filter(f -> f.suppressed() != null).toList();
        }

        /** The findings that do not stop a synth: warnings and suppressed ones. */
        public Report nonBlocking() {
            return new Report(findings.stream().filter(f -> !f.blocking()).toList());
        }

        /** One line per finding, for a terminal. */
        public String text() {
            StringBuilder out = new StringBuilder();
            for (Finding f : findings) {
                String level = f.suppressed() != null ? "suppressed" : f.rule().severity().label();
                // What is wrong (the finding's message), never the rule's desired state read as a fact.
                out.append(level).append(' ').append(f.rule().id()).append(' ').append(f.resource()).append(": ")
                        .append(f.message());
                if (f.suppressed() != null) {
                    out.append(" [reason: ").append(f.suppressed()).append(']');
                } else {
                    out.append(". Fix: ").append(f.rule().fix());
                }
                out.append('\n');
            }
            return out.toString();
        }
    }

    private Policy() {
    }

    /**
     * The rules of the synth gate and the IAM access matrix's ({@link IamRules}: evaluated in a separate Node.js
     * process by {@code opsstack check} and the build, not at synth). Suppressions, SARIF and docs/rules.md use all.
     */
    public static List<Rule> allRules() {
        List<Rule> all = new ArrayList<>(RULES);
        all.addAll(IamRules.RULES);
        all.sort(Comparator.comparing(Rule::id));
        return List.copyOf(all);
    }

    public static Rule rule(String id) {
        return allRules().stream().filter(r -> r.id().equals(id)).findFirst().orElse(null);
    }

    /**
     * Runs every rule over {@code synth} and applies the suppressions of {@code environments}. A suppression naming
     * an unknown rule, or a resource that is not in the environment's synthesized stacks, is a config error.
     */
    public static Report check(Synthesized synth, List<EnvironmentConfig> environments) throws ConfigException {
        return check(synth, environments, List.of());
    }

    /**
     * As {@link #check(Synthesized, List)}, with findings evaluated elsewhere ({@code evaluated}, the IAM access
     * matrix's) judged and suppressed like the rules' own.
     */
    public static Report check(Synthesized synth, List<EnvironmentConfig> environments, List<Finding> evaluated)
            throws ConfigException {
        Map<String, EnvironmentConfig> envOfStack = new TreeMap<>();
        for (EnvironmentConfig env : environments) {
            StackPlan.of(env).forEach(p -> envOfStack.put(p.id(), env));
        }
        List<ConfigProblem> problems = new ArrayList<>();
        for (EnvironmentConfig env : environments) {
            for (int i = 0; i < env.suppressions().size(); i++) {
                Suppression s = env.suppressions().get(i);
                if (rule(s.rule()) == null) {
                    problems.add(new ConfigProblem(env.file(), 0, 0, "suppressions[" + i + "].rule", "\"" + s.rule()
                            + "\" is not a rule id (docs/rules.md lists them)"));
                } else if (synth.all().stream().noneMatch(r -> covers(s.resource(), r.path()))
                        && !synth.stacks().containsKey(s.resource())) {
                    problems.add(new ConfigProblem(env.file(), 0, 0, "suppressions[" + i + "].resource", "\""
                            + s.resource() + "\" is not a resource of this environment's stacks (use the construct"
                            + " path a finding shows, e.g. " + env.name() + "-data/database)"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        List<Finding> raw = new ArrayList<>();
        for (Rule rule : RULES) {
            raw.addAll(rule.check(synth));
        }
        raw.addAll(evaluated);
        List<Finding> findings = new ArrayList<>();
        for (Finding f : raw) {
            Rule rule = f.rule();
            String stack = f.resource().split("/", 2)[0];
            EnvironmentConfig env = envOfStack.get(stack);
            String primary = env == null ? f.resource() : primaryCounterpart(env, f.resource());
            String reason = env == null ? null : env.suppressions().stream()
                    .filter(s -> s.rule().equals(rule.id())
                            && (covers(s.resource(), f.resource()) || covers(s.resource(), primary)))
                    .map(Suppression::reason).findFirst().orElse(null);
            findings.add(new Finding(rule, f.resource(), f.message(), reason));
        }
        findings.sort(Comparator.comparing((Finding f) -> !f.blocking()).thenComparing(f -> f.rule().id())
                .thenComparing(Finding::resource));
        return new Report(findings);
    }

    /**
     * The DR stacks are the primary ones built again from the same config ({@link EnvironmentConfig#inDrRegion()}),
     * so a suppression of a primary construct covers its DR copy too: {@code prod-dr-data/database/instance} is
     * judged as {@code prod-data/database/instance}. (Lifting deletion protection for a restore lifts it on the DR
     * replica as well, which failback needs.) A suppression naming a {@code <env>-dr-*} path covers only the DR one.
     */
    static String primaryCounterpart(EnvironmentConfig env, String path) {
        String drPrefix = env.name() + "-dr-";
        return env.dr().isPresent() && path.startsWith(drPrefix)
                ? env.name() + "-" + path.substring(drPrefix.length()) : path;
    }

    /** "prod-data/database" covers itself and everything under it (prod-data/database/instance). */
    static boolean covers(String suppression, String path) {
        return path.equals(suppression) || path.startsWith(suppression + "/");
    }
}
