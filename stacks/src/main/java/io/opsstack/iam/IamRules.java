package io.opsstack.iam;

import io.opsstack.policy.Rule;

import java.util.Comparator;
import java.util.List;

/** The IAM access matrix's rules, by id (docs/iam.md). */
public final class IamRules {

    public static final List<Rule> RULES = List.<Rule>of(new AccessPathDenied(), new MustDenyAllowed(),
            new UnknownAction(), new PolicyNotEvaluable()).stream().sorted(Comparator.comparing(Rule::id)).toList();

    private IamRules() {
    }
}
