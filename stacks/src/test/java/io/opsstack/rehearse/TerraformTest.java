package io.opsstack.rehearse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner of terraform commands, with a stand-in script for terraform: what a step reports, and the step timeout
 * that keeps one endless provider wait from hanging the rehearsal (and CI).
 */
class TerraformTest {

    @TempDir
    static Path dir;

    static Path fake;

    /** Echoes its arguments; "apply" waits like a provider polling a state that never comes, until SIGTERM. */
    @BeforeAll
    static void fakeTerraform() throws Exception {
        fake = dir.resolve("terraform");
        Files.writeString(fake, """
                #!/bin/sh
                echo "args: $*"
                case "$1" in
                  apply)
                    trap 'echo "Interrupt received. Gracefully shutting down..."; exit 1' TERM
                    echo "aws_db_instance.database: Still creating... [10s elapsed]"
                    while :; do sleep 0.1; done ;;
                  destroy) echo "Destroy complete! Resources: 7 destroyed." ;;
                  plan) exit 2 ;;
                esac
                """);
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Terraform terraform(Duration timeout) {
        return new Terraform(fake.toString(), Map.of("PATH", "/usr/bin:/bin"), dir.resolve("logs"), 7, timeout);
    }

    @Test
    void reportsExitCodeOutputAndResourceCount() throws Exception {
        Terraform.Run destroy = terraform(Duration.ofMinutes(1)).destroy(dir, "s.destroy");
        assertTrue(destroy.ok());
        assertFalse(destroy.timedOut());
        assertEquals(7, destroy.resources());
        assertTrue(destroy.output().contains("args: destroy -auto-approve -input=false -no-color -parallelism=7"),
                destroy.output());
        assertEquals(2, terraform(Duration.ofMinutes(1)).plan(dir, "s.plan").exitCode(), "plan's exit code kept");
    }

    @Test
    void failsAStepThatOutrunsTheTimeoutAfterStoppingTerraformCleanly() throws Exception {
        long start = System.nanoTime();
        Terraform.Run run = terraform(Duration.ofSeconds(1)).apply(dir, "s.apply");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(Terraform.TIMED_OUT, run.exitCode());
        assertTrue(run.timedOut());
        assertFalse(run.ok());
        assertTrue(run.output().startsWith("Timed out: terraform apply still running after 1 s (--step-timeout)"),
                run.output());
        String log = Files.readString(run.log());
        assertTrue(log.contains("Still creating"), log);
        assertTrue(log.contains("Interrupt received"), "SIGTERM first, so terraform saves its state: " + log);
        assertTrue(seconds < 30, "stopped at the timeout, not at the grace period's end: " + seconds + " s");
    }
}
