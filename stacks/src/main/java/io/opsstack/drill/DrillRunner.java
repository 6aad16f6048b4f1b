package io.opsstack.drill;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.config.EnvironmentConfig;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs drills one after the other on one rehearsed environment (the rehearsal calls this after its deploy and its
 * empty second plan) and collects the {@link DrillReport}: every call a drill makes through the context is a step
 * with its start, duration and status. A failing drill ends there; the next one still runs.
 */
public final class DrillRunner {

    private final Clock clock;
    private final Consumer<DrillReport.Step> progress;

    public DrillRunner(Clock clock, Consumer<DrillReport.Step> progress) {
        this.clock = clock;
        this.progress = progress;
    }

    public DrillReport run(List<Drill> drills, DrillContext ctx) {
        List<DrillReport.Procedure> out = new ArrayList<>();
        for (Drill d : drills) {
            out.add(runOne(d, ctx));
        }
        return new DrillReport(ctx.environment(), out);
    }

    private DrillReport.Procedure runOne(Drill d, DrillContext ctx) {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        String skip = d.skipReason(ctx.config());
        if (skip != null) {
            return new DrillReport.Procedure(d.id(), d.docSection(), DrillReport.SKIPPED, started, 0, List.of(),
                    List.of(), null, skip);
        }
        Recording rec = new Recording(ctx, d.id());
        String error = null;
        try {
            d.run(rec);
        } catch (Exception e) {
            error = e instanceof DrillException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        boolean failedStep = rec.steps.stream().anyMatch(s -> s.status().equals(DrillReport.FAILED));
        String status = error == null && !failedStep ? DrillReport.PASSED : DrillReport.FAILED;
        DrillReport.Recovery recovery = d.hasRecoveryTargets() ? new DrillReport.Recovery(DrillReport.RTO_TARGET_MINUTES,
                DrillReport.RPO_TARGET_MINUTES, rec.rto, rec.rpo) : null;
        return new DrillReport.Procedure(d.id(), d.docSection(), status, started, seconds(t0), List.copyOf(rec.steps),
                d.notProven(), recovery, error);
    }

    private static double seconds(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e8) / 10.0;
    }

    /** The context as the drill sees it: every call timed and kept for the report, then passed on. */
    private final class Recording implements DrillContext {
        private final DrillContext ctx;
        private final String procedure;
        private final List<DrillReport.Step> steps = new ArrayList<>();
        private Double rto;
        private Double rpo;

        Recording(DrillContext ctx, String procedure) {
            this.ctx = ctx;
            this.procedure = procedure;
        }

        private void add(String stack, String step, long startNanos, String status, String detail) {
            long elapsed = System.nanoTime() - startNanos;
            DrillReport.Step s = new DrillReport.Step(procedure, stack, step, clock.instant().minusNanos(elapsed),
                    Math.round(elapsed / 1e8) / 10.0, status, detail == null ? "" : detail);
            steps.add(s);
            progress.accept(s);
        }

        private interface Call<T> {
            T call() throws Exception;
        }

        private <T> T timed(String stack, String step, Call<T> call, java.util.function.Function<T, String> detail)
                throws Exception {
            long start = System.nanoTime();
            try {
                T v = call.call();
                add(stack, step, start, DrillReport.OK, detail.apply(v));
                return v;
            } catch (Exception e) {
                add(stack, step, start, DrillReport.FAILED, e.getMessage());
                throw e;
            }
        }

        @Override
        public String environment() {
            return ctx.environment();
        }

        @Override
        public EnvironmentConfig config() {
            return ctx.config();
        }

        @Override
        public Path project() {
            return ctx.project();
        }

        @Override
        public String endpoint() {
            return ctx.endpoint();
        }

        @Override
        public List<String> synth(String label) throws Exception {
            return timed("-", label, () -> ctx.synth(label), changed -> "changed: "
                    + (changed == null || changed.isEmpty() ? "none" : String.join(", ", changed)));
        }

        @Override
        public void cdktf(String label, List<String> args) throws Exception {
            timed("-", label, () -> {
                ctx.cdktf(label, args);
                return null;
            }, v -> "cdktf " + String.join(" ", args));
        }

        @Override
        public String aws(String label, List<String> args) throws Exception {
            return timed("-", label, () -> ctx.aws(label, args), v -> "aws " + String.join(" ", args));
        }

        @Override
        public boolean converged(String label) throws Exception {
            long start = System.nanoTime();
            boolean ok = ctx.converged(label);
            add("-", label, start, ok ? DrillReport.OK : DrillReport.FAILED, ok ? "every stack: no changes"
                    : "changes planned");
            return ok;
        }

        @Override
        public JsonNode stateResources(String stackId) throws Exception {
            return ctx.stateResources(stackId);
        }

        @Override
        public void record(String stack, String step, long startNanos, boolean ok, String detail) {
            double s = Math.round((System.nanoTime() - startNanos) / 1e8) / 10.0;
            if (step.equals(DrillReport.MEASURED_RTO)) {
                rto = s;
            } else if (step.equals(DrillReport.MEASURED_RPO)) {
                rpo = s;
            }
            add(stack, step, startNanos, !ok ? DrillReport.FAILED : detail != null && detail.startsWith("not proven")
                    ? DrillReport.NOT_PROVEN : DrillReport.OK, detail);
            ctx.record(stack, step, startNanos, ok, detail);
        }
    }
}
