package io.opsstack.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The drill report's three formats and its verdict, on a report built here. */
class DrillReportTest {

    static final Instant T = Instant.parse("2026-12-04T22:00:00Z");

    static DrillReport report(String restoreStatus) {
        DrillReport.Step s1 = new DrillReport.Step("snapshot-restore", "-", "restore/5: npx cdktf-cli@0.19.2 deploy"
                + " prod-data", T, 42.5, DrillReport.OK, "cdktf deploy prod-data");
        DrillReport.Step s2 = new DrillReport.Step("snapshot-restore", "-", "check: step 3: instance replaced", T
                .plusSeconds(43), 0.2, restoreStatus.equals(DrillReport.PASSED) ? DrillReport.OK : DrillReport.FAILED,
                "prod-postgres db-1 -> db-2 | from snap");
        DrillReport.Procedure restore = new DrillReport.Procedure("snapshot-restore", "docs/configuration.md#x",
                restoreStatus, T, 43.0, List.of(s1, s2), List.of("the rows of the restored database"),
                new DrillReport.Recovery(10, 60, 700.0, 120.0), restoreStatus.equals(DrillReport.PASSED) ? null
                : "step 3: instance replaced: same DbiResourceId");
        DrillReport.Procedure scale = new DrillReport.Procedure("scale", "docs/runbook.md#scaling", DrillReport.SKIPPED,
                T, 0, List.of(), List.of(), null, "app.mode single");
        return new DrillReport("prod", List.of(scale, restore));
    }

    @Test
    void textNamesEveryStepTheTargetsAndWhatIsNotProven() {
        String t = report(DrillReport.PASSED).text();
        assertTrue(t.contains("  2026-12-04T22:00:00Z    42.5 s  ok         restore/5: npx cdktf-cli@0.19.2 deploy"
                + " prod-data: cdktf deploy prod-data\n"), t);
        assertTrue(t.contains("RTO target 10 min, measured 700.0 s (API-level), OVER; RPO target 1 h, measured"
                + " 120.0 s (API-level), within"), t);
        assertTrue(t.contains("  not proven (emulator): the rows of the restored database\n"), t);
        assertTrue(t.contains("  skipped: app.mode single\n"), t);
        assertTrue(t.endsWith("drills passed for prod\n"), t);
    }

    @Test
    void markdownHasTheSummaryTheTargetsTableAndEscapesPipes() {
        String m = report(DrillReport.PASSED).markdown();
        assertTrue(m.startsWith("## Runbook drills: `prod` passed\n"), m);
        assertTrue(m.contains("| `snapshot-restore` | docs/configuration.md#x | passed | 43.0 | 2/0/0 |\n"), m);
        assertTrue(m.contains("| `snapshot-restore` | 10 min | 700.0 s | 1 h | 120.0 s |\n"), m);
        assertTrue(m.contains("Recovery targets (runbooks) and measured times (API-level"), m);
        assertTrue(m.contains("prod-postgres db-1 -> db-2 \\| from snap"), m);
    }

    @Test
    void jsonCarriesStepsAndRecovery() throws Exception {
        JsonNode j = new ObjectMapper().readTree(report(DrillReport.PASSED).json());
        assertTrue(j.path("passed").asBoolean());
        JsonNode r = j.path("procedures").path(1);
        assertEquals("snapshot-restore", r.path("id").asText());
        assertEquals("2026-12-04T22:00:00Z", r.path("steps").path(0).path("start").asText());
        assertEquals(42.5, r.path("steps").path(0).path("seconds").asDouble());
        assertEquals("API-level", r.path("recovery").path("measured").asText());
        assertEquals(600 / 60, r.path("recovery").path("rtoTargetMinutes").asInt());
        assertEquals("skipped", j.path("procedures").path(0).path("status").asText());
    }

    @Test
    void failsWhenAProcedureFailedOrNoneRan() {
        DrillReport failed = report(DrillReport.FAILED);
        assertFalse(failed.passed());
        assertTrue(failed.text().contains("  error: step 3: instance replaced: same DbiResourceId\n"));
        assertTrue(failed.markdown().contains("| **FAILED** |"));
        assertFalse(new DrillReport("dev", List.of(report(DrillReport.PASSED).procedures().get(0))).passed(),
                "only skipped procedures: nothing was drilled");
    }
}
