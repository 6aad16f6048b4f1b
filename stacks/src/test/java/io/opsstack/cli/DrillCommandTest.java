package io.opsstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsstack.drill.Drill;
import io.opsstack.drill.DrillReport;
import io.opsstack.synth.SynthFixture;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** `opsstack drill`: arguments, the seam to the rehearsal, formats and exit codes (the rehearsal replaced). */
class DrillCommandTest {

    final List<String> asked = new ArrayList<>();
    final DrillCommand.Rehearser original = DrillCommand.rehearser;

    @AfterEach
    void restore() {
        DrillCommand.rehearser = original;
    }

    RunbookProceduresTest.Run run(String status, String... args) {
        DrillCommand.rehearser = (options, env, drills, progress) -> {
            asked.add(env.name() + " " + String.join(",", drills.stream().map(Drill::id).toList()) + " "
                    + options.scratch().getFileName().toString().startsWith("opsstack-drill-"));
            return new DrillReport(env.name(), List.of(new DrillReport.Procedure(drills.get(0).id(), "doc", status,
                    Instant.EPOCH, 1.0, List.of(), List.of(), null, null)));
        };
        return RunbookProceduresTest.run(SynthFixture.HOME, args);
    }

    @Test
    void runsTheNamedProceduresInRegistryOrderAndExitsZeroWhenAllPassed() {
        var r = run(DrillReport.PASSED, "drill", "prod", "lost-host", "rollout-rollback");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("prod rollout-rollback,lost-host true"), asked);
        assertTrue(r.out().contains("drills passed for prod"), r.out());
    }

    @Test
    void failsWithExitOneWhenAProcedureFailed() {
        var r = run(DrillReport.FAILED, "drill", "prod", "--format", "markdown");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().startsWith("## Runbook drills: `prod` FAILED"), r.out());
        assertEquals(List.of("prod rollout-rollback,scale,lost-host,snapshot-restore,point-in-time-restore true"),
                asked);
    }

    @Test
    void failsAnUnknownProcedureOrFormatOrTheLocalEnvironmentAsUsageErrors() {
        var unknown = run(DrillReport.PASSED, "drill", "prod", "restore");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("opsstack: unknown procedure restore (known: rollout-rollback, scale,"
                + " lost-host, snapshot-restore, point-in-time-restore)"), unknown.err());
        assertEquals(2, run(DrillReport.PASSED, "drill", "prod", "--format", "html").code());
        assertEquals(2, run(DrillReport.PASSED, "drill", "local").code());
        assertEquals(List.of(), asked, "nothing rehearsed");
    }

    @Test
    void jsonIsTheReport() {
        var r = run(DrillReport.PASSED, "drill", "staging", "scale", "--format", "json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"environment\" : \"staging\""), r.out());
    }
}
