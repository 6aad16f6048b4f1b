package io.opsstack.rehearse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The second plan's judge: only the listed emulator differences are excused, and only as "not proven". */
class PlanCheckTest {

    static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode plan(String type, String actions, String before, String after, String unknown)
            throws Exception {
        return JSON.readTree("{\"resource_changes\":[{\"address\":\"" + type + ".x\",\"type\":\"" + type
                + "\",\"change\":{\"actions\":" + actions + ",\"before\":" + before + ",\"after\":" + after
                + ",\"after_unknown\":" + unknown + "}}]}");
    }

    @Test
    void anExcusedArgumentIsNotProvenButConverged() throws Exception {
        PlanCheck.Verdict v = PlanCheck.check(plan("aws_db_instance", "[\"update\"]",
                "{\"monitoring_interval\":0,\"port\":5432}", "{\"monitoring_interval\":60,\"port\":5432}",
                "{}"));
        assertTrue(v.converged());
        assertEquals(1, v.notProven().size());
        assertTrue(v.notProven().get(0).startsWith("aws_db_instance.monitoring_interval: moto"));
    }

    @Test
    void failsOnAnArgumentNotOnTheList() throws Exception {
        PlanCheck.Verdict v = PlanCheck.check(plan("aws_db_instance", "[\"update\"]",
                "{\"monitoring_interval\":0,\"port\":5432}", "{\"monitoring_interval\":60,\"port\":5433}",
                "{}"));
        assertFalse(v.converged());
        assertEquals(List.of("monitoring_interval", "port"), v.failing().get(0).attributes());
    }

    @Test
    void failsOnTheListedArgumentOfAnotherType() throws Exception {
        assertFalse(PlanCheck.check(plan("aws_rds_cluster", "[\"update\"]", "{\"monitoring_interval\":0}",
                "{\"monitoring_interval\":60}", "{}")).converged());
    }

    @Test
    void failsOnAReplaceEvenOfAnExcusedArgument() throws Exception {
        assertFalse(PlanCheck.check(plan("aws_db_parameter_group", "[\"delete\",\"create\"]", "{\"parameter\":[]}",
                "{\"parameter\":[{\"name\":\"x\"}]}", "{}")).converged());
    }

    @Test
    void failsOnAValueKnownOnlyAfterApply() throws Exception {
        PlanCheck.Verdict v = PlanCheck.check(plan("aws_db_instance", "[\"update\"]", "{\"monitoring_interval\":60}",
                "{}", "{\"monitoring_interval\":true}"));
        assertFalse(v.converged(), "known after apply is not an excused difference");
        assertEquals(List.of("monitoring_interval"), v.failing().get(0).attributes());
    }

    @Test
    void failsOnAnOutputChange() throws Exception {
        JsonNode p = JSON.readTree("{\"resource_changes\":[],\"output_changes\":{\"db\":{\"actions\":[\"update\"]},"
                + "\"same\":{\"actions\":[\"no-op\"]}}}");
        PlanCheck.Verdict v = PlanCheck.check(p);
        assertFalse(v.converged());
        assertEquals("output.db", v.failing().get(0).address());
    }

    @Test
    void noOpAndReadAreNotChanges() throws Exception {
        JsonNode p = JSON.readTree("{\"resource_changes\":[{\"address\":\"a\",\"type\":\"aws_vpc\",\"change\":{"
                + "\"actions\":[\"no-op\"]}},{\"address\":\"data.b\",\"type\":\"aws_caller_identity\",\"change\":{"
                + "\"actions\":[\"read\"]}}]}");
        PlanCheck.Verdict v = PlanCheck.check(p);
        assertTrue(v.converged());
        assertTrue(v.notProven().isEmpty());
    }

    @Test
    void everyExcuseIsDocumentedInRehearsalMd() throws Exception {
        String doc = java.nio.file.Files.readString(io.opsstack.synth.SynthFixture.HOME.resolve("docs/rehearsal.md"));
        for (PlanCheck.Excuse e : PlanCheck.EXCUSED) {
            assertTrue(doc.contains("| `" + e.type() + "` | `" + e.attribute() + "` |"),
                    "docs/rehearsal.md lacks the row for " + e.type() + "." + e.attribute());
        }
    }

    @Test
    void anOutputUnknownOnlyBecauseOfAnExcusedUpdateIsNotProven() throws Exception {
        JsonNode p = JSON.readTree("{\"resource_changes\":[{\"address\":\"aws_db_instance.x\",\"type\":"
                + "\"aws_db_instance\",\"change\":{\"actions\":[\"update\"],\"before\":{\"performance_insights_enabled\":"
                + "false},\"after\":{\"performance_insights_enabled\":true},\"after_unknown\":{}}}],"
                + "\"output_changes\":{\"secret\":{\"actions\":[\"update\"],\"after_unknown\":true}}}");
        PlanCheck.Verdict v = PlanCheck.check(p);
        assertTrue(v.converged(), v.failing().toString());
        assertTrue(v.notProven().stream().anyMatch(n -> n.startsWith("output secret: unknown")), v.notProven().toString());
    }

    @Test
    void failsOnAnUnknownOutputWithoutAnExcusedUpdate() throws Exception {
        JsonNode p = JSON.readTree("{\"resource_changes\":[],\"output_changes\":{\"secret\":{\"actions\":"
                + "[\"update\"],\"after_unknown\":true}}}");
        assertFalse(PlanCheck.check(p).converged());
    }
}
