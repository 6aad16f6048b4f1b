package io.opsstack.drill;

import io.opsstack.config.EnvironmentConfig;

import java.util.List;

/**
 * One runbook procedure, executed against a rehearsed environment exactly as its doc section shows it: the commands
 * and environment-file edits come from the doc's marked blocks ({@link ProcedureDocs}); the outcome is checked
 * through the AWS API; the drill ends with a converged plan. One small class per procedure, registered in
 * {@link Drills}.
 */
public interface Drill {

    /** Stable id, as {@code opsstack drill ENV ID} names it. */
    String id();

    /** The doc section the drill executes ({@code docs/runbook.md#scaling}). */
    String docSection();

    /** Runs the procedure and its checks; a failing step or check throws. */
    void run(DrillContext ctx) throws Exception;

    /** Why the procedure does not apply to this environment (no hosts, SQLite, ...), or null when it does. */
    default String skipReason(EnvironmentConfig env) {
        return null;
    }

    /** What the emulator cannot prove about this procedure (named in the report). */
    default List<String> notProven() {
        return List.of();
    }

    /** True for the procedures the runbooks' RTO/RPO targets apply to (restores, the region swap). */
    default boolean hasRecoveryTargets() {
        return false;
    }

    /** The ids of the doc blocks the drill executes ({@link ProcedureDocs}), for the static checks. */
    default List<String> docBlocks() {
        return List.of();
    }
}
