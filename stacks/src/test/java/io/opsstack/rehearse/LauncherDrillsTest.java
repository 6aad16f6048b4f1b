package io.opsstack.rehearse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The launcher's patches that the runbook drills rely on (docs/runbook.md, "Drills"), against moto in-process: an
 * instance refresh replaces the group's hosts from the template's new version (whose user data moto had left
 * unparsed), a lost group host is replaced, and a point-in-time restore takes the request's deletion protection.
 */
class LauncherDrillsTest {

    private static List<String> lines;

    @BeforeAll
    static void run() throws Exception {
        Path launcher = Path.of("src/main/resources/io/opsstack/rehearse/moto_launcher.py").toAbsolutePath();
        Path script = Path.of("src/test/resources/io/opsstack/rehearse/launcher_drills.py").toAbsolutePath();
        Process probe = new ProcessBuilder("python3", "-c", "import moto, boto3").redirectErrorStream(true).start();
        if (!probe.waitFor(60, TimeUnit.SECONDS) || probe.exitValue() != 0) {
            String message = "python3 with moto and boto3 is missing (.ci/run installs them)";
            if (System.getenv("CI") != null) {
                fail(message + ": required in CI");
            }
            Assumptions.abort(message);
        }
        ProcessBuilder pb = new ProcessBuilder("python3", script.toString(), launcher.toString())
                .redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        pb.environment().put("AWS_ACCESS_KEY_ID", "test");
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "launcher_drills.py timed out");
        assertEquals(0, p.exitValue(), out);
        lines = List.of(out.split("\n"));
    }

    private static String line(String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + prefix + " in " + lines));
    }

    @Test
    void anInstanceRefreshReplacesEveryHostFromTheNewTemplateVersion() {
        assertEquals("refresh-replaced 2 hosts, none kept", line("refresh-replaced"));
        assertEquals("refresh-status Successful 100", line("refresh-status"));
    }

    @Test
    void failsToCancelARefreshThatIsNotRunningAndOneOfAGroupThatDoesNotExist() {
        assertEquals("refresh-cancel REFUSED ActiveInstanceRefreshNotFound", line("refresh-cancel"));
        assertEquals("refresh-unknown REFUSED ValidationError AutoScalingGroup name not found - no-such-group",
                line("refresh-unknown"));
    }

    @Test
    void aLostGroupHostIsReplaced() {
        assertEquals("lost-host 2 hosts, lost one gone", line("lost-host"));
    }

    @Test
    void aPointInTimeRestoreTakesTheRequestedDeletionProtection() {
        assertEquals("pitr-default DeletionProtection False", line("pitr-default"));
        assertEquals("pitr-off DeletionProtection False", line("pitr-off"));
        assertEquals("pitr-on DeletionProtection True", line("pitr-on"));
    }
}
