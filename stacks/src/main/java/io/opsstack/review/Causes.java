package io.opsstack.review;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Groups a review's resource changes by cause and orders the causes by consequence. A resource replaced or updated
 * because a resource it refers to is replaced (the blast radius) belongs to that resource's cause. A resource
 * changed directly belongs to the setting of its environment file that explains it: the one setting that changed;
 * else the settings whose old and new values it shows; else the settings of its section (network.* for the network
 * stacks, database.* for aws_db_*, ...). Without the environment files, the cause is the attributes that changed.
 */
final class Causes {

    private static final Pattern REFERS = Pattern.compile("^its \\S+ refers to (\\S+), which is replaced$");
    private static final Pattern NEW_ID = Pattern.compile("^\\(the new id of (\\S+), known after apply\\)$");
    /** Replacing or destroying one of these interrupts the service (or what it runs on). */
    private static final Set<String> SERVING = Set.of("aws_vpc", "aws_subnet", "aws_instance", "aws_lb",
            "aws_lb_listener", "aws_lb_target_group", "aws_db_instance", "aws_nat_gateway", "aws_autoscaling_group",
            "aws_route53_record", "aws_route_table", "aws_internet_gateway", "aws_security_group");
    /** Creating one of these costs money every hour. */
    private static final Set<String> BILLED = Set.of("aws_nat_gateway", "aws_instance", "aws_db_instance", "aws_lb",
            "aws_autoscaling_group", "aws_eip", "aws_vpc_endpoint", "aws_kms_key");
    /** Changing one of these arguments changes the bill. */
    private static final Set<String> PRICED = Set.of("instance_class", "instance_type", "allocated_storage",
            "max_allocated_storage", "multi_az", "desired_capacity", "min_size", "max_size", "storage_type", "iops",
            "storage_throughput", "connectivity_type", "retention_in_days", "backup_retention_period");

    private Causes() {
    }

    static List<Cause> of(Review review) {
        Map<String, Review.ResourceChange> byPath = new LinkedHashMap<>();
        review.resources.forEach(c -> byPath.putIfAbsent(c.path(), c));
        // cause label -> its resources; label -> effect override
        Map<String, List<Review.ResourceChange>> groups = new TreeMap<>();
        for (Review.ResourceChange c : review.resources) {
            Review.ResourceChange root = root(c, byPath, new TreeSet<>());
            groups.computeIfAbsent(label(review, root), k -> new ArrayList<>()).add(c);
        }
        // A setting that changed and reaches no resource still is a cause (only rendered files change, or nothing).
        review.environmentChanges.forEach((env, keys) -> {
            if (keys.containsKey(EnvironmentDiff.WHOLE)) {
                return;
            }
            for (Map.Entry<String, String[]> k : keys.entrySet()) {
                String single = env + ": " + describe(k.getKey(), k.getValue()) + " changed";
                boolean mentioned = groups.keySet().stream().anyMatch(l -> l.startsWith(env + ": ")
                        && l.contains(k.getKey() + " ("));
                if (!mentioned) {
                    groups.put(single, new ArrayList<>());
                }
            }
        });
        List<Cause> out = new ArrayList<>();
        groups.forEach((label, changes) -> {
            List<Note> notes = new ArrayList<>();
            for (ReviewRule rule : ReviewRules.ALL) {
                Note n = rule.check(review, changes);
                if (n != null) {
                    notes.add(n);
                }
            }
            notes.sort(Comparator.comparing(Note::consequence));
            Set<Consequence> consequences = new TreeSet<>();
            changes.forEach(c -> consequences.addAll(consequences(c)));
            notes.forEach(n -> consequences.add(n.consequence()));
            if (consequences.isEmpty()) {
                consequences.add(Consequence.OTHER);
            }
            out.add(new Cause(label, effect(review, label, changes), List.copyOf(consequences),
                    changes.stream().map(Review.ResourceChange::path).distinct().toList(), notes));
        });
        out.sort(Comparator.comparing(Cause::first).thenComparing(c -> -c.paths().size()).thenComparing(Cause::label));
        return out;
    }

    /** The resource whose own change set off {@code c}'s: through "refers to X, which is replaced", transitively. */
    private static Review.ResourceChange root(Review.ResourceChange c, Map<String, Review.ResourceChange> byPath,
                                              Set<String> seen) {
        if (!seen.add(c.path())) {
            return c;
        }
        String cause = null;
        if (c.replaceReason() != null) {
            Matcher m = REFERS.matcher(c.replaceReason());
            if (m.matches()) {
                cause = m.group(1);
            }
        } else if (c.action().equals("update") && !c.changes().isEmpty() && c.changes().stream()
                .allMatch(ch -> NEW_ID.matcher(ch.after()).matches())) {
            Matcher m = NEW_ID.matcher(c.changes().get(0).after());
            cause = m.matches() ? m.group(1) : null;
        }
        Review.ResourceChange parent = cause == null ? null : byPath.get(cause);
        return parent == null ? c : root(parent, byPath, seen);
    }

    private static String environment(Review review, Review.ResourceChange c) {
        return review.stackEnvironments.getOrDefault(c.stack(), c.stack().replaceAll("-(dr-)?(network|data|app)$",
                ""));
    }

    /** The cause of a resource changed directly. */
    private static String label(Review review, Review.ResourceChange c) {
        String env = environment(review, c);
        Map<String, String[]> keys = review.environmentChanges.get(env);
        if (review.stacksRemoved.contains(c.stack()) || keys != null && keys.containsKey(EnvironmentDiff.WHOLE)
                && keys.get(EnvironmentDiff.WHOLE)[1] == null) {
            return "environment " + env + " removed";
        }
        if (review.stacksAdded.contains(c.stack()) || keys != null && keys.containsKey(EnvironmentDiff.WHOLE)
                && keys.get(EnvironmentDiff.WHOLE)[0] == null) {
            return "environment " + env + " added";
        }
        if (c.replaceReason() != null && c.replaceReason().startsWith("construct id changed")) {
            return c.stack() + ": construct id changed (" + c.type() + ")";
        }
        if (keys != null && !keys.isEmpty()) {
            List<String> matched = keys.size() == 1 ? List.copyOf(keys.keySet()) : keys.entrySet().stream()
                    .filter(k -> showsValues(review, c, k.getValue())).map(Map.Entry::getKey).toList();
            if (matched.isEmpty()) {
                matched = keys.keySet().stream().filter(k -> inSection(k, c)).toList();
            }
            if (!matched.isEmpty()) {
                return env + ": " + String.join(", ", matched.stream().map(k -> describe(k, keys.get(k))).toList())
                        + " changed";
            }
            return env + ": other changes (" + String.join(", ", keys.keySet()) + " changed)";
        }
        // Without the environment files: the attributes that changed, wherever they changed.
        if (c.action().equals("create")) {
            return c.stack() + ": resources added";
        }
        if (c.action().equals("destroy")) {
            return c.stack() + ": resources removed";
        }
        Set<String> attributes = new TreeSet<>();
        c.changes().stream().filter(ch -> !NEW_ID.matcher(ch.after()).matches())
                .forEach(ch -> attributes.add(ch.attribute().replaceFirst("^policy statement .*", "policy")
                        .split("[./\\[ ]", 2)[0]));
        return env + ": " + String.join(", ", attributes) + " changed";
    }

    static String describe(String key, String[] values) {
        return key + " (" + shorten(values[0]) + " -> " + shorten(values[1]) + ")";
    }

    private static String shorten(String v) {
        return v == null ? "(none)" : v.length() > 60 ? v.substring(0, 57) + "..." : v;
    }

    /** Whether {@code c} shows the setting's old value before and its new value after (in an attribute or its user data). */
    private static boolean showsValues(Review review, Review.ResourceChange c, String[] values) {
        String was = values[0] == null || values[0].length() < 2 ? null : values[0];
        String now = values[1] == null || values[1].length() < 2 ? null : values[1];
        if (was == null && now == null) {
            return false;
        }
        for (Review.Change ch : c.changes()) {
            if (shows(ch.before(), ch.after(), was, now)) {
                return true;
            }
        }
        String[] userData = review.userDataTexts.get(c.path());
        return userData != null && shows(userData[0], userData[1], was, now);
    }

    /** The old value (if any) is in {@code before} and not after; the new one (if any) after and not before. */
    private static boolean shows(String before, String after, String was, String now) {
        return (was == null || before.contains(was) && !after.contains(was))
                && (now == null || after.contains(now) && !before.contains(now));
    }

    /** Whether a setting's section is where {@code c} lives (network.* and the network stacks, ...). */
    private static boolean inSection(String key, Review.ResourceChange c) {
        String section = key.split("\\.", 2)[0];
        return switch (section) {
            case "network" -> c.stack().endsWith("-network");
            case "database" -> c.type().startsWith("aws_db_") || c.type().startsWith("aws_secretsmanager_");
            case "backups" -> c.type().startsWith("aws_s3_");
            case "app", "monitoring", "frontend", "docker" -> c.stack().endsWith("-app");
            case "dr" -> c.stack().contains("-dr-") || c.type().equals("aws_route53_record");
            case "alerts" -> c.type().startsWith("aws_sns_") || c.type().equals("aws_cloudwatch_metric_alarm");
            case "dns" -> c.type().startsWith("aws_route53_");
            case "tags", "region" -> true;
            default -> false;
        };
    }

    /** What one resource change does, by itself. */
    static Set<Consequence> consequences(Review.ResourceChange c) {
        Set<Consequence> out = new TreeSet<>();
        boolean gone = c.action().equals("destroy") || c.action().equals("replace");
        if (gone && c.notes().stream().anyMatch(n -> n.startsWith("data loss")) && !c.type().equals("aws_instance")) {
            out.add(Consequence.DATA_LOSS);
        }
        if (gone && SERVING.contains(c.type()) || c.notes().stream().anyMatch(n -> n.startsWith("impact:")
                && (n.contains("unavailable") || n.contains("downtime") || n.contains("failover")))) {
            out.add(Consequence.OUTAGE);
        }
        if (c.action().equals("create") && BILLED.contains(c.type()) || c.action().equals("update") && c.changes()
                .stream().anyMatch(ch -> PRICED.contains(ch.attribute().split("[./\\[]", 2)[0]))) {
            out.add(Consequence.COST);
        }
        return out;
    }

    /** "the VPC x and every resource in it are replaced (52 resources)", else counts with the first resources named. */
    private static String effect(Review review, String label, List<Review.ResourceChange> changes) {
        if (changes.isEmpty()) {
            String env = label.split(": ", 2)[0];
            List<String> files = review.configDiffs.keySet().stream().filter(f -> f.startsWith(env + "/")).toList();
            return files.isEmpty() ? "no resource changes" : "no resource changes; rendered files change ("
                    + String.join(", ", files.stream().map(f -> "config/" + f).toList()) + ")";
        }
        if (label.startsWith("environment ") && label.endsWith(" removed")) {
            return "every resource of its stacks is destroyed (" + changes.size() + " resources)";
        }
        Review.ResourceChange vpc = changes.stream().filter(c -> c.type().equals("aws_vpc")
                && c.action().equals("replace")).findFirst().orElse(null);
        if (vpc != null) {
            return "the VPC " + vpc.path() + " and every resource in it are replaced (" + changes.size()
                    + " resources: " + counts(changes) + ")";
        }
        List<String> parts = new ArrayList<>();
        for (String action : List.of("replace", "destroy", "update", "create")) {
            List<Review.ResourceChange> of = changes.stream().filter(c -> c.action().equals(action)).toList();
            if (of.isEmpty()) {
                continue;
            }
            String verb = switch (action) {
                case "replace" -> "replaces";
                case "destroy" -> "destroys";
                case "update" -> "updates";
                default -> "creates";
            };
            parts.add(verb + " " + String.join(", ", of.stream().limit(3).map(c -> c.type() + " " + c.path())
                    .toList()) + (of.size() > 3 ? " and " + (of.size() - 3) + " more" : ""));
        }
        return String.join(", ", parts);
    }

    private static String counts(List<Review.ResourceChange> changes) {
        List<String> out = new ArrayList<>();
        for (String action : List.of("replace", "update", "destroy", "create")) {
            long n = changes.stream().filter(c -> c.action().equals(action)).count();
            if (n > 0) {
                out.add(n + " " + action);
            }
        }
        return String.join(", ", out);
    }
}
