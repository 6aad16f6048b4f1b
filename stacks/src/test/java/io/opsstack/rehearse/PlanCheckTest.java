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

    /** A stand-in excused list: the shipped one is empty, the mechanism must still judge as documented. */
    static final List<PlanCheck.Excuse> EXCUSED = List.of(
            new PlanCheck.Excuse("aws_db_instance", "monitoring_interval", "emulator X does not keep it"),
            new PlanCheck.Excuse("aws_db_instance", "performance_insights_enabled", "emulator X does not keep it"),
            new PlanCheck.Excuse("aws_db_parameter_group", "parameter", "emulator X does not return it"));

    private static PlanCheck.Verdict judge(JsonNode plan) {
        return PlanCheck.check(plan, EXCUSED);
    }

    private static JsonNode plan(String type, String actions, String before, String after, String unknown)
            throws Exception {
        return JSON.readTree("{\"resource_changes\":[{\"address\":\"" + type + ".x\",\"type\":\"" + type
                + "\",\"change\":{\"actions\":" + actions + ",\"before\":" + before + ",\"after\":" + after
                + ",\"after_unknown\":" + unknown + "}}]}");
    }

    @Test
    void anExcusedArgumentIsNotProvenButConverged() throws Exception {
        PlanCheck.Verdict v = judge(plan("aws_db_instance", "[\"update\"]",
                "{\"monitoring_interval\":0,\"port\":5432}", "{\"monitoring_interval\":60,\"port\":5432}",
                "{}"));
        assertTrue(v.converged());
        assertEquals(1, v.notProven().size());
        assertTrue(v.notProven().get(0).startsWith("aws_db_instance.monitoring_interval: emulator X"));
    }

    @Test
    void failsOnAnArgumentNotOnTheList() throws Exception {
        PlanCheck.Verdict v = judge(plan("aws_db_instance", "[\"update\"]",
                "{\"monitoring_interval\":0,\"port\":5432}", "{\"monitoring_interval\":60,\"port\":5433}",
                "{}"));
        assertFalse(v.converged());
        assertEquals(List.of("monitoring_interval", "port"), v.failing().get(0).attributes());
    }

    @Test
    void failsOnTheListedArgumentOfAnotherType() throws Exception {
        assertFalse(judge(plan("aws_rds_cluster", "[\"update\"]", "{\"monitoring_interval\":0}",
                "{\"monitoring_interval\":60}", "{}")).converged());
    }

    @Test
    void failsOnAReplaceEvenOfAnExcusedArgument() throws Exception {
        assertFalse(judge(plan("aws_db_parameter_group", "[\"delete\",\"create\"]", "{\"parameter\":[]}",
                "{\"parameter\":[{\"name\":\"x\"}]}", "{}")).converged());
    }

    @Test
    void failsOnAValueKnownOnlyAfterApply() throws Exception {
        PlanCheck.Verdict v = judge(plan("aws_db_instance", "[\"update\"]", "{\"monitoring_interval\":60}",
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
        PlanCheck.Verdict v = judge(p);
        assertTrue(v.converged(), v.failing().toString());
        assertTrue(v.notProven().stream().anyMatch(n -> n.startsWith("output secret: unknown")), v.notProven().toString());
    }

    @Test
    void failsOnAnUnknownOutputWithoutAnExcusedUpdate() throws Exception {
        JsonNode p = JSON.readTree("{\"resource_changes\":[],\"output_changes\":{\"secret\":{\"actions\":"
                + "[\"update\"],\"after_unknown\":true}}}");
        assertFalse(PlanCheck.check(p).converged());
    }

    @Test
    void failsOnEveryArgumentOnceExcusedThatTheLauncherNowReturns() throws Exception {
        // The nine former excuses: the launcher stores and returns these as AWS does (MotoLauncherTest), or the
        // stack no longer plans them (user_data), so a difference in any of them is a real one now.
        String[][] former = {{"aws_db_instance", "performance_insights_enabled"},
                {"aws_db_instance", "performance_insights_kms_key_id"},
                {"aws_db_instance", "performance_insights_retention_period"},
                {"aws_db_instance", "monitoring_interval"}, {"aws_db_instance", "monitoring_role_arn"},
                {"aws_db_parameter_group", "parameter"}, {"aws_s3_bucket_replication_configuration", "rule"},
                {"aws_instance", "user_data"}, {"aws_instance", "vpc_security_group_ids"}};
        for (String[] f : former) {
            PlanCheck.Verdict v = PlanCheck.check(plan(f[0], "[\"update\"]", "{\"" + f[1] + "\":0}",
                    "{\"" + f[1] + "\":1}", "{}"));
            assertFalse(v.converged(), f[0] + "." + f[1] + " is excused again");
        }
        assertTrue(PlanCheck.EXCUSED.isEmpty(), PlanCheck.EXCUSED.toString());
    }

    @Test
    void everyExcusedRowInRehearsalMdIsOnTheList() throws Exception {
        String doc = java.nio.file.Files.readString(io.opsstack.synth.SynthFixture.HOME.resolve("docs/rehearsal.md"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^\\| `(aws_[a-z0-9_]+)` \\| `([a-z0-9_]+)` \\|")
                .matcher(doc);
        while (m.find()) {
            String type = m.group(1);
            String attribute = m.group(2);
            assertTrue(PlanCheck.EXCUSED.stream().anyMatch(e -> e.type().equals(type) && e.attribute().equals(attribute)),
                    "docs/rehearsal.md lists " + type + "." + attribute + " as excused, PlanCheck.EXCUSED does not");
        }
    }
}
