package io.opsstack.rules;

import io.opsstack.policy.Policy;
import io.opsstack.policy.Rule;
import io.opsstack.synth.SynthFixture;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuleIdsTest {

    private static final Path FILE = SynthFixture.HOME.resolve("stacks/src/main/resources/io/opsstack/rules/"
            + RuleIds.RESOURCE);

    @Test
    void theIdListIsGeneratedFromThePolicyRegistry() throws Exception {
        List<String> registered = Policy.allRules().stream().map(Rule::id).toList();
        if (Boolean.getBoolean("opsstack.updateDocs")) {
            Files.writeString(FILE, RuleIds.text(registered));
        }
        assertEquals(RuleIds.text(registered), Files.readString(FILE), RuleIds.RESOURCE
                + " is stale: regenerate with -Dtest=RuleIdsTest -Dopsstack.updateDocs=true");
        assertEquals(new TreeSet<>(registered), RuleIds.ALL, "the jar's copy differs from the source: rebuild");
    }

    @Test
    void holdsEveryFamily() {
        // A rule of each family the suppressions may name: synth gate, AWS API rules, the IAM matrix.
        assertTrue(RuleIds.ALL.contains("OPS-RDS-004"), RuleIds.ALL.toString());
        assertTrue(RuleIds.ALL.stream().anyMatch(id -> id.startsWith("OPS-IAM-")), RuleIds.ALL.toString());
        assertTrue(RuleIds.ALL.size() > 80, "only " + RuleIds.ALL.size() + " ids");
    }

    @Test
    void failsToTreatCommentsOrBlankLinesAsIds() {
        assertFalse(RuleIds.ALL.stream().anyMatch(id -> id.startsWith("#") || id.isBlank()));
        assertTrue(RuleIds.text(List.of("B", "A")).endsWith("A\nB\n"));
    }
}
