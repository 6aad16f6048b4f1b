package io.opsstack.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsstack.synth.SynthFixture;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The coverage registry against what the stacks really emit and against the rule registry. */
class CoverageTest {

    static Synthesized synth;

    @BeforeAll
    static void synth() throws Exception {
        synth = new Synthesized(SynthFixture.shared().out);
    }

    @Test
    void everyResourceTypeThatAnyEnvironmentEmitsIsInTheCoverageTable() {
        Set<String> emitted = synth.all().stream().map(Resource::type).collect(Collectors.toCollection(TreeSet::new));
        // The fixture synthesizes every shipped environment (and test-only ones): this is more than a handful.
        assertTrue(emitted.containsAll(List.of("aws_db_instance", "aws_s3_bucket", "aws_autoscaling_notification",
                "aws_s3_bucket_logging", "docker_container")), emitted.toString());
        Set<String> missing = new TreeSet<>(emitted);
        missing.removeAll(Coverage.resourceTypes());
        assertEquals(Set.of(), missing, "emitted resource types with no row in io.opsstack.policy.Coverage");
    }

    @Test
    void everyRowNamesAnExistingRuleOrGivesAReason() {
        for (Coverage.Entry e : Coverage.ENTRIES) {
            if (e.status() == Coverage.Status.RULE) {
                assertNotNull(Policy.rule(e.rule()), e + ": no such rule");
            } else {
                assertNull(e.rule(), e.toString());
                if (e.status() != Coverage.Status.NO_CHECK) {
                    // A reason, or a pointer to the row that has it ("as CKV_AWS_126").
                    assertTrue(e.reason().length() > 20 || e.reason().matches("as \\S+.*"), e + ": no reason");
                }
            }
            assertTrue(e.upstream().matches("CKV2?_AWS_\\d+|AwsSolutions-[A-Z]+\\d+|-"), e.upstream());
            assertEquals(e.upstream().equals("-"), e.status() == Coverage.Status.NO_CHECK, e.toString());
        }
    }

    @Test
    void anUpstreamCheckOnOneResourceTypeHasOneAnswer() {
        List<String> keys = Coverage.ENTRIES.stream().map(e -> e.upstream() + " " + e.resourceType())
                .filter(k -> !k.startsWith("- ")).toList();
        assertEquals(keys.size(), new TreeSet<>(keys).size(), "duplicate rows");
    }

    @Test
    void rulesCarryTheUpstreamIdsTheyCover() {
        assertEquals(List.of("AwsSolutions-S1", "CKV_AWS_18"), Policy.rule("OPS-S3-006").upstream());
        assertEquals(List.of("CKV2_AWS_61", "CKV_AWS_300"), Policy.rule("OPS-S3-005").upstream());
        assertEquals(List.of("CKV2_AWS_30"), Policy.rule("OPS-RDS-009").upstream());
        // A rule of ours with no upstream counterpart carries none.
        assertEquals(List.of(), Policy.rule("OPS-DR-001").upstream());
        for (String id : List.of("OPS-ASG-001", "OPS-ASG-002", "OPS-LOG-002", "OPS-ALB-004", "OPS-EC2-006")) {
            assertFalse(Policy.rule(id).upstream().isEmpty(), id);
        }
    }

    @Test
    void theCheckCommandCountsTheExclusions() {
        assertEquals("excluded by design: " + Coverage.withStatus(Coverage.Status.EXCLUDED).size()
                + " checkov/cdk-nag checks, each with its reason (docs/rules.md, Coverage of checkov and cdk-nag)\n",
                Reports.exclusionsLine());
        assertTrue(Coverage.withStatus(Coverage.Status.EXCLUDED).size() > 10);
    }
}
