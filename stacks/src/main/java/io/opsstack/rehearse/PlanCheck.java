package io.opsstack.rehearse;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Judges the second plan ({@code terraform show -json} of {@code plan -detailed-exitcode}): converged means no
 * change at all, except an in-place update whose every changed argument is on the narrow {@link #EXCUSED} list,
 * where the emulator, not the stack, is known to differ from AWS. Such a stack is reported as "not proven", never
 * as passed; anything else (another argument, a create, a replace, a destroy, an output) fails the rehearsal.
 */
public final class PlanCheck {

    /** A second-plan difference the emulator is known to cause: resource type, argument, and why. */
    public record Excuse(String type, String attribute, String emulatorBehaviour) {
    }

    /**
     * The only excused differences. Keep this list narrow and in sync with docs/rehearsal.md ("Not proven"): an
     * entry is an argument the emulator truly cannot store or return as AWS does, so the provider sees a change that
     * AWS would not show. It is empty: the nine entries it had (Performance Insights, enhanced monitoring, parameter
     * group parameters, S3 replication rule fields, an instance's user data and security groups) were moto not
     * storing or not returning a value AWS returns, which the launcher now puts right, or (user_data) a perpetual
     * diff of the provider's that AWS shows too, fixed in the stack; docs/rehearsal.md lists each and why.
     */
    public static final List<Excuse> EXCUSED = List.of();

    /** One planned change: resource address, type, actions, and the top-level arguments that differ. */
    public record Change(String address, String type, List<String> actions, List<String> attributes) {
        @Override
        public String toString() {
            return address + " " + String.join("/", actions)
                    + (attributes.isEmpty() ? "" : " (" + String.join(", ", attributes) + ")");
        }
    }

    /** What the plan showed: changes that fail, and excused ones (reported as not proven). */
    public record Verdict(List<Change> failing, List<String> notProven) {
        public boolean converged() {
            return failing.isEmpty();
        }
    }

    private PlanCheck() {
    }

    public static Verdict check(JsonNode plan) {
        return check(plan, EXCUSED);
    }

    /** {@link #check(JsonNode)} against a given excused list (tests judge with one of their own). */
    static Verdict check(JsonNode plan, List<Excuse> excused) {
        List<Change> failing = new ArrayList<>();
        TreeSet<String> notProven = new TreeSet<>();
        for (JsonNode rc : plan.path("resource_changes")) {
            List<String> actions = new ArrayList<>();
            rc.path("change").path("actions").forEach(a -> actions.add(a.asText()));
            if (actions.equals(List.of("no-op")) || actions.equals(List.of("read"))) {
                continue;
            }
            String type = rc.path("type").asText();
            List<String> attributes = changedAttributes(rc.path("change"));
            Change change = new Change(rc.path("address").asText(), type, actions, attributes);
            // A value known only after apply is a real change to come, never an emulator's echo: not excusable.
            boolean unknown = attributes.stream().anyMatch(a -> isTrueSomewhere(rc.path("change").path("after_unknown")
                    .get(a)));
            if (actions.equals(List.of("update")) && !attributes.isEmpty() && !unknown
                    && attributes.stream().allMatch(a -> excuse(excused, type, a) != null)) {
                attributes.forEach(a -> notProven.add(type + "." + a + ": "
                        + excuse(excused, type, a).emulatorBehaviour()));
            } else {
                failing.add(change);
            }
        }
        boolean onlyExcused = failing.isEmpty() && !notProven.isEmpty();
        plan.path("output_changes").fields().forEachRemaining(o -> {
            List<String> actions = new ArrayList<>();
            o.getValue().path("actions").forEach(a -> actions.add(a.asText()));
            if (actions.equals(List.of("no-op"))) {
                return;
            }
            // An output that only becomes unknown because an excused in-place update is planned on the resource it
            // reads (Terraform cannot know the computed values until that update runs) is that update's shadow,
            // not a change of its own. A known new value, or any output change beside a real change, fails.
            boolean unknown = isTrueSomewhere(o.getValue().path("after_unknown"));
            if (onlyExcused && unknown && actions.equals(List.of("update"))) {
                notProven.add("output " + o.getKey() + ": unknown until the excused update above is applied");
            } else {
                failing.add(new Change("output." + o.getKey(), "output", actions, List.of()));
            }
        });
        return new Verdict(failing, List.copyOf(notProven));
    }

    static Excuse excuse(List<Excuse> excused, String type, String attribute) {
        return excused.stream().filter(e -> e.type().equals(type) && e.attribute().equals(attribute)).findFirst()
                .orElse(null);
    }

    private static List<String> changedAttributes(JsonNode change) {
        TreeSet<String> names = new TreeSet<>();
        JsonNode before = change.path("before");
        JsonNode after = change.path("after");
        before.fieldNames().forEachRemaining(names::add);
        after.fieldNames().forEachRemaining(names::add);
        List<String> changed = new ArrayList<>();
        for (String name : names) {
            if (!Objects.equals(before.get(name), after.get(name))
                    || isTrueSomewhere(change.path("after_unknown").get(name))) {
                changed.add(name);
            }
        }
        return changed;
    }

    private static boolean isTrueSomewhere(JsonNode n) {
        if (n == null) {
            return false;
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        for (JsonNode c : n) {
            if (isTrueSomewhere(c)) {
                return true;
            }
        }
        return false;
    }
}
