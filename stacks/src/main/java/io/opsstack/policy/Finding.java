package io.opsstack.policy;

/**
 * One rule's verdict on one resource.
 *
 * @param rule       the rule
 * @param resource   stack-qualified construct path
 * @param message    what is wrong, specifically
 * @param suppressed the suppression's reason, or null
 */
public record Finding(Rule rule, String resource, String message, String suppressed) {

    public boolean blocking() {
        return suppressed == null && rule.severity() == Severity.ERROR;
    }
}
