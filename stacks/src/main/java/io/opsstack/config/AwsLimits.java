package io.opsstack.config;

import java.util.ArrayList;
import java.util.List;

/**
 * AWS's own limits that config values meet only in combination, checked at bind time so that {@code validate}
 * (no Node.js, no AWS) refuses what AWS would refuse at apply time, halfway through a deploy:
 * <ul>
 *   <li>S3 bucket names are at most 63 characters: opsstack names its buckets
 *       {@code opsstack-<prefix>-backups-<account>-<region>} (and {@code -backup-logs-}, {@code -alb-logs-}), with the DR
 *       prefix {@code <env>-dr} in the DR region, so the environment's name and the regions share that budget;</li>
 *   <li>a security group has at most 60 inbound rules (the default quota): one rule per CIDR and port;</li>
 *   <li>a DNS name has at most 253 characters, the regional records {@code <region>.<dns.name>} included.</li>
 * </ul>
 * Single values (tag lengths, name formats) are checked where they are bound.
 */
public final class AwsLimits {

    static final int BUCKET_NAME = 63;
    static final int INBOUND_RULES_PER_GROUP = 60;
    static final int DNS_NAME = 253;
    /** An AWS account id is 12 digits: the longest part of a bucket name opsstack does not know at bind time. */
    static final String ACCOUNT = "123456789012";

    private AwsLimits() {
    }

    static void check(YamlMap top, EnvironmentConfig env) {
        if (env.isLocal()) {
            return;
        }
        bucketNames(top, "name", env.name(), env.region(), env);
        env.dr().ifPresent(dr -> bucketNames(top, "dr", env.name() + "-dr", dr.region(), env));
        env.dns().ifPresent(dns -> {
            // With dr, each region gets a record <region>.<dns.name> (the failover records' targets).
            String longest = env.dr().map(dr -> (dr.region().length() > env.region().length() ? dr.region()
                    : env.region()) + "." + dns.name()).orElse(dns.name());
            if (longest.length() > DNS_NAME) {
                top.report("dns", "the record name " + longest + " would be " + longest.length() + " characters;"
                        + " DNS allows " + DNS_NAME + ": use a shorter dns.name");
            }
        });
        env.app().ifPresent(app -> {
            int admin = env.monitoring().adminCidrs().size() * 2;  // Prometheus and Grafana
            if (app.mode() == AppConfig.Mode.ASG) {
                int lb = app.allowedCidrs().size() * (app.certificateArn().isPresent() ? 2 : 1);
                inbound(top, "app", "the load balancer", lb, "app.allowedCidrs (x2 ports with a certificate)");
                inbound(top, "app", "the hosts", 1 + admin + app.sshCidrs().size(),
                        "monitoring.adminCidrs (x2 ports) + app.sshCidrs + 1 from the load balancer");
            } else {
                inbound(top, "app", "the host", app.allowedCidrs().size() + admin + app.sshCidrs().size(),
                        "app.allowedCidrs + monitoring.adminCidrs (x2 ports) + app.sshCidrs");
            }
        });
    }

    private static void bucketNames(YamlMap top, String key, String prefix, String region, EnvironmentConfig env) {
        String name = bucketNamesOf(prefix, region, env).stream()
                .max(java.util.Comparator.comparingInt(String::length)).orElseThrow();
        if (name.length() > BUCKET_NAME) {
            top.report(key, "the bucket name " + name.replace(ACCOUNT, "<account>") + " would be " + name.length()
                    + " characters; S3 allows " + BUCKET_NAME + ": shorten the environment's name by "
                    + (name.length() - BUCKET_NAME) + (key.equals("dr") ? " or pick a DR region with a shorter"
                    + " name" : ""));
        }
    }

    /** Every bucket name opsstack gives in one region, with a placeholder account id of the real length. */
    static List<String> bucketNamesOf(String prefix, String region, EnvironmentConfig env) {
        return bucketNames(prefix, region, env, ACCOUNT);
    }

    /**
     * Every bucket name opsstack gives in one region ({@code prefix} {@code <env>} or {@code <env>-dr}) for an
     * account id (or a shell expression of it), in the order a teardown empties them: data first, the access-log
     * buckets last (they receive logs until their sources are gone).
     */
    public static List<String> bucketNames(String prefix, String region, EnvironmentConfig env, String account) {
        // The names constructs.BackupsBucket and constructs.LoadBalancer give (InputLimitsTest checks every bucket
        // name of the synthesized environments against these patterns).
        List<String> names = new ArrayList<>();
        names.add("opsstack-" + prefix + "-backups-" + account + "-" + region);
        if (env.app().map(a -> a.mode() == AppConfig.Mode.ASG).orElse(false)) {
            names.add("opsstack-" + prefix + "-alb-logs-" + account + "-" + region);
        }
        names.add("opsstack-" + prefix + "-backup-logs-" + account + "-" + region);
        return names;
    }

    private static void inbound(YamlMap top, String key, String group, int rules, String how) {
        if (rules > INBOUND_RULES_PER_GROUP) {
            top.report(key, "the security group of " + group + " would get " + rules + " inbound rules ("
                    + how + "); AWS allows " + INBOUND_RULES_PER_GROUP + " per group: list fewer, wider CIDRs");
        }
    }
}
