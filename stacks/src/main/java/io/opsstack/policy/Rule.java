package io.opsstack.policy;

import java.util.List;

/**
 * One policy rule: a stable id (OPS-AREA-NNN; never reused), a severity, the desired state in one line, why it
 * matters, and how to fix it. {@link #check} is pure: synthesized JSON in, findings out.
 */
public interface Rule {

    String id();

    Severity severity();

    /** The desired state, one line. */
    String statement();

    String explanation();

    String fix();

    /**
     * What is wrong when something breaks the rule, one line ("the KMS key does not rotate"): findings say this,
     * not the desired state, so a warning never reads as a statement of fact. Every rule overrides it
     * (PolicyRulesTest checks); the default only keeps a rule without one readable.
     */
    default String violation() {
        return "does not meet: " + statement();
    }

    List<Finding> check(Synthesized synth);

    /**
     * The checkov and cdk-nag check ids this rule covers, from the one coverage registry ({@link Coverage}), so
     * that a reviewer can match our findings to theirs.
     */
    default List<String> upstream() {
        return Coverage.upstreamOf(id());
    }
}
