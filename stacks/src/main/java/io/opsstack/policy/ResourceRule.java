package io.opsstack.policy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The common shape: every resource of one type must satisfy a condition (optionally only in some environments).
 * Subclasses are one small class per rule, carrying the rule's metadata and its condition.
 */
public abstract class ResourceRule implements Rule {

    private final String id;
    private final Severity severity;
    private final String type;
    private final String statement;
    private final String explanation;
    private final String fix;

    protected ResourceRule(String id, Severity severity, String type, String statement, String explanation,
                           String fix) {
        this.id = id;
        this.severity = severity;
        this.type = type;
        this.statement = statement;
        this.explanation = explanation;
        this.fix = fix;
    }

    /** Whether the resource complies. */
    protected abstract boolean complies(JsonNode body, Resource resource, Synthesized synth);

    /** Whether the rule applies to this resource at all (default: always). */
    protected boolean applies(Resource resource) {
        return true;
    }

    @Override
    public List<Finding> check(Synthesized synth) {
        List<Finding> out = new ArrayList<>();
        for (Resource r : synth.resources(type)) {
            if (applies(r) && !complies(r.body(), r, synth)) {
                out.add(new Finding(this, r.path(), problem(r, synth), null));
            }
        }
        return out;
    }

    /** What is wrong with {@code r}, for the finding's message (default: the rule's violation and the resource). */
    protected String problem(Resource r, Synthesized synth) {
        return violation() + " (" + r.type() + " " + r.path() + ")";
    }

    protected static boolean isProduction(Resource r) {
        String env = r.environment();
        return env.equals("prod") || env.startsWith("prod-");
    }

    protected static Predicate<JsonNode> isTrue(String field) {
        return b -> b.path(field).asBoolean(false);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Severity severity() {
        return severity;
    }

    @Override
    public String statement() {
        return statement;
    }

    @Override
    public String explanation() {
        return explanation;
    }

    @Override
    public String fix() {
        return fix;
    }
}
