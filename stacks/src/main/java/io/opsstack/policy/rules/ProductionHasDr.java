package io.opsstack.policy.rules;

import io.opsstack.policy.Finding;
import io.opsstack.policy.Rule;
import io.opsstack.policy.Severity;
import io.opsstack.policy.Synthesized;

import java.util.ArrayList;
import java.util.List;

/** OPS-DR-001 (warning): production environments have a DR region. */
public final class ProductionHasDr implements Rule {

    @Override
    public String id() {
        return "OPS-DR-001";
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String statement() {
        return "Production environments have a DR region (a dr section)";
    }

    @Override
    public String explanation() {
        return "The runbooks plan for a whole-region outage with RPO 1 h and RTO 10 min; without DR stacks that is"
                + " a rebuild from scratch.";
    }

    @Override
    public String fix() {
        return "Add a dr section (docs/disaster-recovery.md).";
    }

    @Override
    public List<Finding> check(Synthesized synth) {
        List<Finding> out = new ArrayList<>();
        for (String stack : synth.stacks().keySet()) {
            if (stack.matches("prod(-[a-z0-9]+)?-network") && !stack.contains("-dr-")) {
                String env = stack.substring(0, stack.length() - "-network".length());
                if (!synth.stacks().containsKey(env + "-dr-network")) {
                    out.add(new Finding(this, stack, env + " has no DR region (no dr section)", null));
                }
            }
        }
        return out;
    }

    @Override
    public String violation() {
        return "a production environment has no DR region (no dr section)";
    }
}
