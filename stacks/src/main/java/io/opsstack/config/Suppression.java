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

    /** The {@code suppressions} section, every problem reported (Guardrails' rules checked against config). */
    static List<Suppression> bind(YamlMap top, String env) {
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
            if (known == null && !rule.get().matches("OPS-[A-Z0-9]+-\\d{3}")) {
                item.report("rule", "\"" + rule.get() + "\" is not a rule id (like OPS-RDS-004; docs/rules.md lists"
                        + " them)" + Suggest.didYouMean(rule.get(), Guardrails.BY_ID.keySet()));
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
}
