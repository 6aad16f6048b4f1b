package io.opsstack.rehearse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The emulator launcher's AWS refusals, in process: moto_launcher.py is imported (its patches apply on import) and
 * the RDS API is called through moto's in-memory mock, no server, no port. The same calls without the launcher are
 * accepted by moto (launcher_refusals.py with an empty launcher prints "created" for both).
 */
class LauncherRefusalsTest {

    @Test
    void failsAReadReplicaOfAnInstanceWithoutAutomatedBackupsAsAwsDoes() throws Exception {
        List<String> lines = run();
        assertEquals(List.of("replica of no-backups: InvalidDBInstanceState: Automated backups are not enabled for this"
                        + " database instance. To enable automated backups, use ModifyDBInstance to set the backup"
                        + " retention period to a non-zero value.",
                "replica of with-backups: created"), lines);
    }

    private static List<String> run() throws Exception {
        Path dir = Files.createTempDirectory("opsstack-launcher-");
        Path launcher = dir.resolve(Emulator.LAUNCHER);
        Path script = dir.resolve("launcher_refusals.py");
        try (InputStream l = Emulator.class.getResourceAsStream(Emulator.LAUNCHER);
             InputStream s = LauncherRefusalsTest.class.getResourceAsStream("launcher_refusals.py")) {
            Files.copy(l, launcher, StandardCopyOption.REPLACE_EXISTING);
            Files.copy(s, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Process probe = new ProcessBuilder("python3", "-c", "import moto, boto3").redirectErrorStream(true).start();
        if (!probe.waitFor(60, TimeUnit.SECONDS) || probe.exitValue() != 0) {
            String message = "python3 with moto and boto3 is missing (.ci/run installs moto[server]==5.2.1)";
            if (System.getenv("CI") != null) {
                fail(message + ": required in CI");
            }
            Assumptions.abort(message);
        }
        Process p = new ProcessBuilder("python3", script.toString(), launcher.toString()).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail("launcher_refusals.py failed:\n" + out);
        }
        return out.lines().toList();
    }
}
