package io.opsstack.review;

/**
 * What a review rule says about a cause, once: {@code id} (stable, from the rule), its consequence, a short
 * {@code headline} phrase for the cause's headline, and the full {@code text} (why, and the runbook step).
 */
public record Note(String id, Consequence consequence, String headline, String text) {
}
