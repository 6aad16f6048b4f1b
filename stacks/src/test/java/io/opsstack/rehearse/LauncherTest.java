package io.opsstack.rehearse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The emulator launcher's AWS rules, against moto itself (in-process, with the launcher's patches): what AWS refuses
 * is refused with AWS's error code and message, what AWS accepts still passes, and what moto forgets is kept. Needs
 * python3 with moto 5.2 and boto3 (.ci/run installs them); in CI a missing one fails, elsewhere it skips.
 */
class LauncherTest {

    private static List<String> lines;

    @BeforeAll
    static void run() throws IOException, InterruptedException {
        Path launcher = Path.of("src/main/resources/io/opsstack/rehearse/moto_launcher.py").toAbsolutePath();
        Path script = Path.of("src/test/resources/io/opsstack/rehearse/launcher_standby.py").toAbsolutePath();
        ProcessBuilder check = new ProcessBuilder("python3", "-c", "import moto, boto3").redirectErrorStream(true);
        Process probe;
        try {
            probe = check.start();
        } catch (IOException e) {
            probe = null;
        }
        if (probe == null || !probe.waitFor(60, TimeUnit.SECONDS) || probe.exitValue() != 0) {
            String message = "python3 with moto and boto3 is missing (.ci/run installs them)";
            if (System.getenv("CI") != null) {
                fail(message + ": required in CI");
            }
            Assumptions.abort(message);
        }
        ProcessBuilder pb = new ProcessBuilder("python3", script.toString(), launcher.toString())
                .redirectErrorStream(true);
        // Fake keys only; moto runs in-process and nothing leaves the machine.
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        pb.environment().put("AWS_ACCESS_KEY_ID", "test");
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "launcher_standby.py timed out");
        assertEquals(0, p.exitValue(), out);
        lines = Arrays.asList(out.split("\n"));
    }

    private static String line(String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + prefix + " in " + lines));
    }

    @Test
    void failsAReadReplicaOfASourceWithAManagedPasswordAsAwsDoes() {
        // RDS user guide, "Limitations for Secrets Manager integration"; the text as AWS returns it
        // (terraform-aws-modules/terraform-aws-rds issues 512 and 532).
        assertEquals("replica-of-managed REFUSED InvalidParameterValue Creating read replicas for source instance with"
                + " engine postgres where ManageMasterUserPassword is enabled is not supported.",
                line("replica-of-managed"));
    }

    @Test
    void aReplicaOfASourceWithAWrittenPasswordIsCreated() {
        assertEquals("replica-of-written ACCEPTED", line("replica-of-written"));
    }

    @Test
    void aSecretReplicaKeepsTheKeyItWasGiven() {
        assertEquals("secret-replica-key arn:aws:kms:us-west-2:123456789012:alias/opsstack/prod-dr/data",
                line("secret-replica-key"));
    }
}
