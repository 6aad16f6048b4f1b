package io.opsstack.rules;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Every rule id a suppression may name, below both {@code io.opsstack.config} (which refuses a suppression of an
 * unknown rule already at {@code validate}, without Node.js or a synth) and {@code io.opsstack.policy} (which owns
 * the rules themselves). The list is the resource {@code rule-ids.txt} beside this class, generated from the
 * policy registry; {@code RuleIdsTest} fails when the two differ and regenerates it with
 * {@code -Dopsstack.updateDocs=true}, like docs/rules.md. So config needs no import of policy, and policy keeps its
 * one-way import of config.
 */
public final class RuleIds {

    /** The resource's name, beside this class. */
    public static final String RESOURCE = "rule-ids.txt";

    /** Every id, sorted. */
    public static final SortedSet<String> ALL = Collections.unmodifiableSortedSet(load());

    private RuleIds() {
    }

    private static SortedSet<String> load() {
        SortedSet<String> ids = new TreeSet<>();
        try (InputStream in = RuleIds.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar (io/opsstack/rules/)");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                String id = line.strip();
                if (!id.isEmpty() && !id.startsWith("#")) {
                    ids.add(id);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids;
    }

    /** The resource's text for these ids (what RuleIdsTest writes). */
    public static String text(java.util.Collection<String> ids) {
        StringBuilder out = new StringBuilder("# Generated from io.opsstack.policy.Policy.allRules() by RuleIdsTest"
                + " (-Dopsstack.updateDocs=true). Do not edit.\n");
        new TreeSet<>(ids).forEach(id -> out.append(id).append('\n'));
        return out.toString();
    }
}
