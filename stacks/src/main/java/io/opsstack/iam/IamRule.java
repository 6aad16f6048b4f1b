package io.opsstack.iam;

import io.opsstack.policy.Finding;
import io.opsstack.policy.Rule;
import io.opsstack.policy.Severity;
import io.opsstack.policy.Synthesized;

import java.util.List;

/**
 * A rule of the IAM access matrix (docs/iam.md). Its findings come from evaluating the policies in a separate
 * Node.js process ({@link IamMatrix}), in {@code opsstack check} and in the build; the synth gate, which runs
 * without that evaluator, does not run it, so {@link #check} finds nothing by itself.
 */
abstract class IamRule implements Rule {

    private final String id;
    private final String statement;
    private final String violation;
    private final String explanation;
    private final String fix;

    IamRule(String id, String statement, String violation, String explanation, String fix) {
        this.id = id;
        this.statement = statement;
        this.violation = violation;
        this.explanation = explanation;
        this.fix = fix;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String statement() {
        return statement;
    }

    @Override
    public String violation() {
        return violation;
    }

    @Override
    public String explanation() {
        return explanation;
    }

    @Override
    public String fix() {
        return fix;
    }

    /** Evaluated by {@link IamMatrix}, not from the JSON alone. */
    @Override
    public List<Finding> check(Synthesized synth) {
        return List.of();
    }
}
