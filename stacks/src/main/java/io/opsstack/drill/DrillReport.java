package io.opsstack.drill;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A drill report, like a DR drill's: per procedure each step with its start time, duration, status and what it
 * checked; what the emulator cannot prove; for the restores (and the region swap, which the rehearsal adds) the
 * runbooks' targets, RTO 10 min and RPO 1 h, beside the measured times, which are API-level (the emulator's, not
 * AWS's). Text, JSON, Markdown (a pull request or an incident ticket). Passed only when no procedure failed.
 */
public final class DrillReport {

    public static final String OK = "ok";
    public static final String NOT_PROVEN = "not proven";
    public static final String FAILED = "FAILED";
    public static final String PASSED = "passed";
    public static final String SKIPPED = "skipped";
    /** Step names a drill records to give its measured times (DrillContext.record with the start of the window). */
    public static final String MEASURED_RTO = "measured RTO (API-level)";
    public static final String MEASURED_RPO = "measured RPO (API-level)";
    public static final int RTO_TARGET_MINUTES = 10;
    public static final int RPO_TARGET_MINUTES = 60;

    /** One step of one procedure. */
    public record Step(String procedure, String stack, String step, Instant start, double seconds, String status,
                       String detail) {
    }

    /** The runbooks' targets and the measured API-level times (null: not measured). */
    public record Recovery(int rtoTargetMinutes, int rpoTargetMinutes, Double rtoSeconds, Double rpoSeconds) {
        public String measuredAs() {
            return "API-level";
        }

        public boolean rtoMet() {
            return rtoSeconds != null && rtoSeconds <= rtoTargetMinutes * 60.0;
        }

        public boolean rpoMet() {
            return rpoSeconds != null && rpoSeconds <= rpoTargetMinutes * 60.0;
        }
    }

    /** One procedure: passed, FAILED or skipped (with the reason in {@code error}). */
    public record Procedure(String id, String docSection, String status, Instant start, double seconds,
                            List<Step> steps, List<String> notProven, Recovery recovery, String error) {
        public Procedure {
            steps = List.copyOf(steps);
            notProven = List.copyOf(notProven);
        }
    }

    private final String environment;
    private final List<Procedure> procedures;

    public DrillReport(String environment, List<Procedure> procedures) {
        this.environment = environment;
        this.procedures = List.copyOf(procedures);
    }

    public String environment() {
        return environment;
    }

    public List<Procedure> procedures() {
        return procedures;
    }

    /** A report with one more procedure (the rehearsal's region swap, timed by the rehearsal). */
    public DrillReport with(Procedure p) {
        List<Procedure> all = new ArrayList<>(procedures);
        all.add(p);
        return new DrillReport(environment, all);
    }

    /** True when no procedure failed and at least one ran. */
    public boolean passed() {
        return procedures.stream().noneMatch(p -> p.status().equals(FAILED))
                && procedures.stream().anyMatch(p -> p.status().equals(PASSED));
    }

    /** Every procedure's id and status, for a summary. */
    public String text() {
        StringBuilder b = new StringBuilder();
        b.append("drill report: ").append(environment).append('\n');
        for (Procedure p : procedures) {
            b.append('\n').append(p.id()).append("  (").append(p.docSection()).append(")  ").append(p.status());
            b.append(String.format(Locale.ROOT, "  %.1f s%n", p.seconds()));
            for (Step s : p.steps()) {
                b.append(String.format(Locale.ROOT, "  %s %7.1f s  %-10s %s%s%n", time(s.start()), s.seconds(),
                        s.status(), s.step(), s.detail().isEmpty() ? "" : ": " + oneLine(s.detail())));
            }
            if (p.error() != null) {
                b.append("  ").append(p.status().equals(SKIPPED) ? "skipped: " : "error: ").append(p.error())
                        .append('\n');
            }
            if (p.recovery() != null) {
                b.append("  ").append(recoveryLine(p.recovery())).append('\n');
            }
            for (String n : p.notProven()) {
                b.append("  not proven (emulator): ").append(n).append('\n');
            }
        }
        b.append('\n').append(String.format(Locale.ROOT, "%-24s %-8s %9s  %s%n", "PROCEDURE", "RESULT", "SECONDS",
                "STEPS (ok/not proven/failed)"));
        for (Procedure p : procedures) {
            b.append(String.format(Locale.ROOT, "%-24s %-8s %9.1f  %s%n", p.id(), p.status(), p.seconds(), counts(p)));
        }
        b.append("drills ").append(passed() ? "passed" : "FAILED").append(" for ").append(environment).append('\n');
        return b.toString();
    }

    /** Markdown for a pull request or an incident ticket. */
    public String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("## Runbook drills: `").append(environment).append("` ").append(passed() ? "passed" : "FAILED")
                .append("\n\n");
        b.append("| procedure | doc | result | seconds | steps (ok/not proven/failed) |\n|---|---|---|---:|---|\n");
        for (Procedure p : procedures) {
            b.append("| `").append(p.id()).append("` | ").append(md(p.docSection())).append(" | ")
                    .append(p.status().equals(FAILED) ? "**FAILED**" : p.status()).append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f", p.seconds())).append(" | ").append(counts(p))
                    .append(" |\n");
        }
        List<Procedure> timed = procedures.stream().filter(p -> p.recovery() != null).toList();
        if (!timed.isEmpty()) {
            b.append("\n### Recovery targets (runbooks) and measured times (API-level: the emulator's, not AWS's)\n\n");
            b.append("| procedure | RTO target | measured (API-level) | RPO target | measured (API-level) |\n")
                    .append("|---|---|---|---|---|\n");
            for (Procedure p : timed) {
                Recovery r = p.recovery();
                b.append("| `").append(p.id()).append("` | ").append(r.rtoTargetMinutes()).append(" min | ")
                        .append(secs(r.rtoSeconds())).append(" | ").append(r.rpoTargetMinutes() / 60).append(" h | ")
                        .append(secs(r.rpoSeconds())).append(" |\n");
            }
        }
        for (Procedure p : procedures) {
            b.append("\n<details><summary><code>").append(p.id()).append("</code>: ").append(p.status())
                    .append("</summary>\n\n");
            if (p.error() != null) {
                b.append(p.status().equals(SKIPPED) ? "Skipped: " : "**Error:** ").append(md(p.error())).append("\n\n");
            }
            if (!p.steps().isEmpty()) {
                b.append("| start (UTC) | seconds | status | step | checked |\n|---|---:|---|---|---|\n");
                for (Step s : p.steps()) {
                    b.append("| ").append(time(s.start())).append(" | ")
                            .append(String.format(Locale.ROOT, "%.1f", s.seconds())).append(" | ").append(s.status())
                            .append(" | ").append(md(s.step())).append(" | ").append(md(oneLine(s.detail())))
                            .append(" |\n");
                }
                b.append('\n');
            }
            for (String n : p.notProven()) {
                b.append("- not proven (emulator): ").append(md(n)).append('\n');
            }
            b.append("\n</details>\n");
        }
        return b.toString();
    }

    /** The report as JSON (stable key order; times ISO-8601 UTC, durations in seconds). */
    public String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("environment", environment);
        root.put("passed", passed());
        List<Object> list = new ArrayList<>();
        for (Procedure p : procedures) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", p.id());
            m.put("docSection", p.docSection());
            m.put("status", p.status());
            m.put("start", p.start() == null ? null : p.start().toString());
            m.put("seconds", p.seconds());
            m.put("error", p.error());
            List<Object> steps = new ArrayList<>();
            for (Step s : p.steps()) {
                Map<String, Object> st = new LinkedHashMap<>();
                st.put("step", s.step());
                st.put("stack", s.stack());
                st.put("start", s.start() == null ? null : s.start().toString());
                st.put("seconds", s.seconds());
                st.put("status", s.status());
                st.put("checked", s.detail());
                steps.add(st);
            }
            m.put("steps", steps);
            m.put("notProven", p.notProven());
            if (p.recovery() != null) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("rtoTargetMinutes", p.recovery().rtoTargetMinutes());
                r.put("rtoMeasuredSeconds", p.recovery().rtoSeconds());
                r.put("rpoTargetMinutes", p.recovery().rpoTargetMinutes());
                r.put("rpoMeasuredSeconds", p.recovery().rpoSeconds());
                r.put("measured", p.recovery().measuredAs());
                m.put("recovery", r);
            }
            list.add(m);
        }
        root.put("procedures", list);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String recoveryLine(Recovery r) {
        return "RTO target " + r.rtoTargetMinutes() + " min, measured " + secs(r.rtoSeconds()) + " (API-level)"
                + (r.rtoSeconds() == null ? "" : r.rtoMet() ? ", within" : ", OVER") + "; RPO target "
                + r.rpoTargetMinutes() / 60 + " h, measured " + secs(r.rpoSeconds()) + " (API-level)"
                + (r.rpoSeconds() == null ? "" : r.rpoMet() ? ", within" : ", OVER");
    }

    private static String counts(Procedure p) {
        long ok = p.steps().stream().filter(s -> s.status().equals(OK)).count();
        long np = p.steps().stream().filter(s -> s.status().equals(NOT_PROVEN)).count();
        long failed = p.steps().stream().filter(s -> s.status().equals(FAILED)).count();
        return ok + "/" + np + "/" + failed;
    }

    private static String secs(Double s) {
        return s == null ? "not measured" : String.format(Locale.ROOT, "%.1f s", s);
    }

    private static String time(Instant t) {
        return t == null ? "-" : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*\n\\s*", " / ");
    }

    private static String md(String s) {
        return s.replace("|", "\\|").replace("<", "&lt;");
    }
}
