package io.opsstack.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Ctrl-C during synth, as a terminal sends it: SIGINT to the whole process group (the JVM and jsii's Node.js
 * child), in a separate JVM. Expect exit 130, one line, the previous output untouched and no temporary directory.
 */
class InterruptTest {

    @Test
    void ctrlCDuringSynthExits130QuietlyAndKeepsThePreviousOutput() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setsid")) && Files.isExecutable(Path.of("/usr/bin/env")),
                "needs setsid and env (util-linux, coreutils) to send SIGINT to a process group");
        Path home = SynthFixture.copyOfProject(Map.of());
        Path out = Files.createDirectories(home.resolve("cdktf.out"));
        Files.writeString(out.resolve("marker"), "the previous output");

        String java = ProcessHandle.current().info().command().orElse("java");
        // setsid: a process group of its own, as a terminal's foreground job; env: SIGINT at its default even when
        // this JVM was started with it ignored (a background job), which the child would otherwise inherit.
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/setsid", "/usr/bin/env", "--default-signal=INT", java,
                "-cp", System.getProperty("java.class.path"), "io.opsstack.cli.Main", "synth", "--project-dir",
                home.toString());
        pb.environment().putIfAbsent("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
        Path stderr = home.resolve("stderr.txt");
        pb.redirectError(stderr.toFile());
        pb.redirectOutput(home.resolve("stdout.txt").toFile());
        Process p = pb.start();

        // Interrupt once the replacement is under way (its temporary directory exists) and jsii is working.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (temporaries(home).isEmpty() && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(p.isAlive(), "synth ended before it could be interrupted: " + Files.readString(stderr));
        Thread.sleep(300);
        new ProcessBuilder("kill", "-INT", "--", "-" + p.pid()).inheritIO().start().waitFor();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "synth did not stop on SIGINT");

        String err = Files.readString(stderr, StandardCharsets.UTF_8);
        assertEquals(130, p.exitValue(), err);
        List<String> lines = err.lines().toList();
        assertEquals(1, lines.size(), "one line, no stack trace:\n" + err);
        assertEquals("opsstack: interrupted; nothing was written (" + out + " is as before)", lines.get(0));
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of(out.resolve("marker")), files.toList());
        }
        assertEquals("the previous output", Files.readString(out.resolve("marker")));
        assertEquals(List.of(), temporaries(home), "temporary directories left behind");
    }

    private static List<Path> temporaries(Path home) throws Exception {
        try (Stream<Path> files = Files.list(home)) {
            return files.filter(f -> f.getFileName().toString().startsWith(".cdktf.out.")).toList();
        }
    }
}
