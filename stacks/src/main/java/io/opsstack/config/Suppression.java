package io.opsstack.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A finding accepted on purpose: rule id, the resource it is about ({@code <stack>/<construct>}), and why.
 *
 * @param rule     a rule id such as OPS-RDS-005
 * @param resource e.g. prod-data/database
 * @param reason   required: what makes this acceptable, for the reviewer and the next on-call
 */
public record Suppression(String rule, String resource, String reason) {

    /** At most this many suppressions per environment: more is not a reviewable exception list. */
    static final int MAX = 100;

    /** The {@code suppressions} section, every problem reported (Guardrails' rules checked against config). */
    static List<Suppression> bind(YamlMap top, String env) {
        if (top.listSize("suppressions") > MAX) {
            top.value("suppressions");  // known, so it is not also reported as an unknown key
            top.report("suppressions", top.listSize("suppressions") + " suppressions; at most " + MAX
                    + " (accept findings by a construct path that covers several, e.g. " + env + "-app)");
            return List.of();
        }
        List<Suppression> out = new ArrayList<>();
        top.list("suppressions").forEach(item -> {
            Optional<String> rule = item.requiredString("rule", Guardrails.RDS_MULTI_AZ.id());
            Optional<String> resource = item.requiredString("resource", Guardrails.RDS_MULTI_AZ.resourceFor(env));
            Optional<String> reason = item.requiredString("reason", "\"why this is acceptable, and until when\"");
            item.finish();
            if (rule.isEmpty() || resource.isEmpty() || reason.isEmpty()) {
                return;
            }
            Guardrails.Rule known = Guardrails.BY_ID.get(rule.get());
            if (!io.opsstack.rules.RuleIds.ALL.contains(rule.get())) {
                item.report("rule", "\"" + rule.get() + "\" is not a rule id" + Suggest.didYouMean(rule.get(),
                        io.opsstack.rules.RuleIds.ALL) + " (like OPS-RDS-004; docs/rules.md lists them)");
                return;
            }
            if (known != null && !resource.get().equals(known.resourceFor(env))) {
                boolean drCopy = resource.get().startsWith(env + "-dr-");
                item.report("resource", "\"" + resource.get() + "\" is not a resource " + known.id()
                        + " applies to in this environment (expected " + known.resourceFor(env) + ")"
                        + (drCopy ? "; the DR database is built from the same database settings, so the suppression"
                        + " of " + known.resourceFor(env) + " covers it too" : ""));
                return;
            }
            if (reason.get().strip().length() < 10) {
                item.report("reason", "give a real reason (at least 10 characters): it is what the reviewer and"
                        + " the next on-call read");
                return;
            }
            out.add(new Suppression(rule.get(), resource.get(), reason.get().strip()));
        });
        return List.copyOf(out);
    }

    /**
     * The stack a suppression's path starts with must be one of the environment's (known from config alone, no
     * Node.js): a typo in it is reported by validate, with its place. Whether the rest of the path names a construct
     * is known only after synthesis (Policy.check).
     */
    static void checkStacks(YamlMap top, EnvironmentConfig env) {
        List<String> stacks = io.opsstack.stacks.StackPlan.of(env).stream()
                .map(io.opsstack.stacks.StackPlan.PlannedStack::id).toList();
        for (YamlMap item : top.list("suppressions")) {
            Optional<String> resource = item.string("resource");
            if (resource.isEmpty() || env.suppressions().stream().noneMatch(s -> s.resource().equals(resource.get()))) {
                continue;
            }
            String stack = resource.get().split("/", 2)[0];
            if (!stacks.contains(stack)) {
                item.report("resource", "\"" + resource.get() + "\" does not start with a stack of " + env.name()
                        + Suggest.didYouMean(stack, stacks) + "; its stacks: " + String.join(", ", stacks)
                        + " (then a construct path as findings show it, e.g. " + env.name() + "-data/database)");
            }
        }
    }
}
