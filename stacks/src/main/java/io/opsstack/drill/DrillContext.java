package io.opsstack.drill;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.config.EnvironmentConfig;

import java.nio.file.Path;
import java.util.List;

/**
 * What a runbook drill may do to a rehearsed environment (implemented by the rehearsal over its emulator, its scratch
 * project and its cdktf-cli runner). Every call records its own step; a failing call throws, which ends the drill.
 */
public interface DrillContext {

    /** The environment's name. */
    String environment();

    /** The environment as loaded from the scratch copy (reloaded by {@link #synth}). */
    EnvironmentConfig config();

    /** The scratch project: {@code environments/<env>.yaml} there is the copy a drill edits, never the user's. */
    Path project();

    /** The emulator's loopback URL. */
    String endpoint();

    /** Synthesizes again from the scratch project, with the override files; returns the ids of the stacks that changed. */
    List<String> synth(String label) throws Exception;

    /** Runs cdktf-cli in the scratch project with these arguments (after {@code cdktf}), as a user would. */
    void cdktf(String label, List<String> args) throws Exception;

    /** Runs the AWS CLI against the emulator with these arguments (after {@code aws}); returns its standard output. */
    String aws(String label, List<String> args) throws Exception;

    /** A plan of every stack: true when each has no changes (or only the rehearsal's excused ones). */
    boolean converged(String label) throws Exception;

    /** One stack's resources from its state ({@code terraform show -json}: values.root_module.resources). */
    JsonNode stateResources(String stackId) throws Exception;

    /** Records a check or step in the report (start from {@link System#nanoTime()}). */
    void record(String stack, String step, long startNanos, boolean ok, String detail);
}
