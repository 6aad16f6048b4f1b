package io.opsstack.render;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * The real validators (promtool, docker-compose, nginx, cloud-init, systemd-analyze, shellcheck), from Debian
 * packages that .ci/run installs. In CI a missing tool fails the test; on a workstation it is a clearly printed
 * skip.
 */
final class Tools {

    record Result(int exit, String output) {
    }

    private Tools() {
    }

    static void require(String tool, String debianPackage) {
        if (onPath(tool)) {
            return;
        }
        String message = tool + " is not on PATH (Debian package " + debianPackage + "; .ci/run installs it)";
        if (System.getenv("CI") != null) {
            fail(message + ": required in CI");
        }
        System.err.println("SKIPPED: " + message);
        Assumptions.abort(message);
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        for (String dir : List.of("/usr/sbin", "/sbin")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    static Result run(Path dir, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("PATH", pb.environment().getOrDefault("PATH", "") + ":/usr/sbin:/sbin");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " timed out");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
