package io.opsstack.config;

/**
 * A finding accepted on purpose: rule id, the resource it is about ({@code <stack>/<construct>}), and why.
 *
 * @param rule     a rule id such as OPS-RDS-005
 * @param resource e.g. prod-data/database
 * @param reason   required: what makes this acceptable, for the reviewer and the next on-call
 */
public record Suppression(String rule, String resource, String reason) {
}
