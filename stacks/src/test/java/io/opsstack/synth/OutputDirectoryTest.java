package io.opsstack.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The atomic swap under failure. Two kinds of proof: injected failures of each file-system step (through the
 * {@link OutputDirectory.Ops} seam: every rollback path, on any machine), and one real run as a non-root user
 * (setpriv; only when the tests run as root, as here and in CI's container) where file modes make the swap fail.
 */
class OutputDirectoryTest {

    Path dir;
    Path out;

    @BeforeEach
    void previousOutput() throws IOException {
        dir = Files.createTempDirectory("opsstack-swap-");
        out = dir.resolve("cdktf.out");
        Files.createDirectories(out.resolve("stacks/dev-network/.terraform/providers"));
        Files.writeString(out.resolve("manifest.json"), "old manifest");
        Files.writeString(out.resolve("stacks/dev-network/cdk.tf.json"), "old stack");
        Files.writeString(out.resolve("stacks/dev-network/.terraform.lock.hcl"), "lock");
        Files.writeString(out.resolve("stacks/dev-network/.terraform/providers/aws"), "provider");
    }

    static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(f).toString(), Files.readString(f));
            }
        }
        return files;
    }

    List<String> siblings() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static OutputDirectory.Filler<Void> newOutput() {
        return fresh -> {
            Files.createDirectories(fresh.resolve("stacks/dev-network"));
            Files.writeString(fresh.resolve("manifest.json"), "new manifest");
            Files.writeString(fresh.resolve("stacks/dev-network/cdk.tf.json"), "new stack");
            return null;
        };
    }

    /** Warnings the injected operations were asked to say: kept here, so the build log shows no staged failure. */
    private final List<String> warnings = new java.util.ArrayList<>();

    /** The real operations, except that {@code op} fails whenever {@code when} matches (moves: the first time). */
    OutputDirectory.Ops failing(String op, java.util.function.BiPredicate<Path, Path> when) {
        java.util.concurrent.atomic.AtomicBoolean moveFailed = new java.util.concurrent.atomic.AtomicBoolean();
        return new OutputDirectory.Ops() {
            @Override
            public void move(Path from, Path to) throws IOException {
                if (op.equals("move") && when.test(from, to) && !moveFailed.getAndSet(true)) {
                    throw new IOException("injected: cannot move " + from + " to " + to);
                }
                REAL.move(from, to);
            }

            @Override
            public void delete(Path path) throws IOException {
                if (op.equals("delete") && when.test(path, null)) {
                    throw new IOException("injected: cannot delete " + path);
                }
                REAL.delete(path);
            }

            @Override
            public void warn(String message) {
                warnings.add(message);
            }
        };
    }

    @Test
    void aSuccessfulSwapCarriesTerraformFilesAndLeavesNothingBeside() throws Exception {
        OutputDirectory.replace(out, newOutput());
        assertEquals(Map.of("manifest.json", "new manifest", "stacks/dev-network/cdk.tf.json", "new stack",
                "stacks/dev-network/.terraform.lock.hcl", "lock",
                "stacks/dev-network/.terraform/providers/aws", "provider"), tree(out));
        assertEquals(List.of("cdktf.out"), siblings());
    }

    @Test
    void theOutputFollowsTheUmaskLikeAnyNewDirectory() throws Exception {
        Path reference = Files.createDirectory(dir.resolve("made-by-mkdir"));
        OutputDirectory.replace(dir.resolve("fresh.out"), newOutput());
        assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(reference)),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("fresh.out"))),
                "a temp directory's 0700 would hide the output from other users");
    }

    @Test
    void failsToMoveTheNewOutputInAndPutsEverythingBack() throws Exception {
        Map<String, String> before = tree(out);
        OutputDirectory.Ops ops = failing("move", (from, to) -> to.equals(out));
        assertThrows(IOException.class, () -> OutputDirectory.replace(out, newOutput(), ops));
        assertEquals(before, tree(out), "previous output, Terraform's files included, exactly as it was");
        assertEquals(List.of("cdktf.out"), siblings(), "no temporary or old directory left");
    }

    @Test
    void failsToMoveThePreviousOutputAsideAndPutsTerraformFilesBack() throws Exception {
        Map<String, String> before = tree(out);
        OutputDirectory.Ops ops = failing("move", (from, to) -> from.equals(out));
        assertThrows(IOException.class, () -> OutputDirectory.replace(out, newOutput(), ops));
        assertEquals(before, tree(out));
        assertEquals(List.of("cdktf.out"), siblings());
    }

    @Test
    void failsToPutThePreviousOutputBackAndSaysWhereItIs() throws Exception {
        OutputDirectory.Ops ops = new OutputDirectory.Ops() {
            @Override
            public void move(Path from, Path to) throws IOException {
                if (to.equals(out)) {
                    throw new IOException("injected: cannot move " + from + " to " + to);
                }
                REAL.move(from, to);
            }

            @Override
            public void delete(Path path) throws IOException {
                REAL.delete(path);
            }
        };
        SynthException e = assertThrows(SynthException.class, () -> OutputDirectory.replace(out, newOutput(), ops));
        assertTrue(e.getMessage().contains("move it back to " + out + " by hand"), e.getMessage());
        assertTrue(siblings().stream().anyMatch(s -> s.startsWith(".cdktf.out.old-")), siblings().toString());
        OutputDirectory.replace(dir.resolve("other.out"), newOutput());
        OutputDirectory.replace(out.resolveSibling("cdktf.out"), fresh -> {
            assertTrue(siblings().stream().anyMatch(s -> s.startsWith(".cdktf.out.old-")),
                    "the only copy of the previous output is never removed as a leftover");
            return null;
        });
    }

    @Test
    void aPreviousOutputThatCannotBeDeletedAfterTheSwapIsAWarningAndTheNextRunRemovesIt() throws Exception {
        OutputDirectory.replace(out, newOutput(),
                failing("delete", (path, unused) -> path.toString().contains(".old-")));
        assertEquals("new manifest", Files.readString(out.resolve("manifest.json")), "committed");
        assertTrue(siblings().stream().anyMatch(s -> s.startsWith(".cdktf.out.old-")), siblings().toString());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("the new output is in place, but the previous one could not be deleted"
                + " from "), warnings.get(0));
        assertTrue(warnings.get(0).contains("injected: cannot delete"), warnings.get(0));
        OutputDirectory.replace(out, newOutput());
        assertEquals(List.of("cdktf.out"), siblings(), "the leftover of a finished run is removed");
    }

    @Test
    /** Dead process, no process id (earlier versions), or this process but not in use: removed. */
    void leftoversOfDeadRunsAreRemovedAndThoseOfLiveRunsKept() throws Exception {
        long dead = Integer.MAX_VALUE - 1;
        assertTrue(ProcessHandle.of(dead).isEmpty());
        long alive = ProcessHandle.current().parent().orElseThrow().pid();
        Path live = Files.createDirectories(dir.resolve(".cdktf.out.tmp-" + alive + "-7"));
        Files.createDirectories(dir.resolve(".cdktf.out.old-" + ProcessHandle.current().pid() + "-8"));
        Files.createDirectories(dir.resolve(".cdktf.out.old-" + dead + "-1/stacks"));
        Files.createDirectories(dir.resolve(".cdktf.out.tmp-" + dead + "-2"));
        Files.createDirectories(dir.resolve(".cdktf.out.tmp-12345678901/stacks"));
        Files.createDirectories(dir.resolve(".other.out.tmp-" + dead + "-3"));
        OutputDirectory.replace(out, newOutput());
        assertEquals(List.of(".cdktf.out.tmp-" + alive + "-7", ".other.out.tmp-" + dead
                + "-3", "cdktf.out"), siblings());
        assertTrue(Files.isDirectory(live));
    }

    @Test
    void failsBeforeFillingWhenThePreviousOutputIsNotADirectory() throws Exception {
        Path file = dir.resolve("plain");
        Files.writeString(file, "x");
        SynthException e = assertThrows(SynthException.class, () -> OutputDirectory.replace(file, fresh -> {
            throw new AssertionError("the filler must not run");
        }));
        assertTrue(e.getMessage().contains("is not a directory"), e.getMessage());
    }

    // As another user: root ignores file modes, so this is the only way to see the real failure here.

    static boolean canRunAsNobody() {
        return "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/setpriv"));
    }

    String runAsNobody(Path target) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:off", "-cp",
                nobodysClassPath().toString(), ReplaceAsUser.class.getName(), target.toString(), "new")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return p.waitFor() + " " + output;
    }

    /**
     * opsstack's own classes (main and test), copied where nobody can read them: the checkout may sit below a
     * folder only root can enter (mktemp -d makes 0700 folders), and then nobody's JVM finds no main class.
     */
    private Path nobodysClassPath() throws Exception {
        Path copy = Files.createTempDirectory("opsstack-nobody-cp");
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (Class<?> c : List.of(OutputDirectory.class, ReplaceAsUser.class)) {
            Path root = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
            try (Stream<Path> files = Files.walk(root.resolve("io"))) {
                for (Path f : files.toList()) {
                    Path to = copy.resolve(root.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(to);
                        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));
                    } else {
                        Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
                        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-r--r--"));
                    }
                }
            }
        }
        copies.add(copy);
        return copy;
    }

    private final List<Path> copies = new ArrayList<>();

    @AfterEach
    void removeCopies() throws Exception {
        for (Path copy : copies) {
            try (Stream<Path> files = Files.walk(copy)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }

    static void chownNobody(Path path) throws Exception {
        assertEquals(0, new ProcessBuilder("chown", "-R", "65534:65534", path.toString()).start().waitFor());
    }

    @Test
    void failsAsANonRootUserOnAReadOnlyOutputWithNothingChanged() throws Exception {
        assumeTrue(canRunAsNobody(), "needs root and setpriv to run as nobody");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        chownNobody(dir);
        Map<String, String> before = tree(out);
        for (Path d : List.of(out, out.resolve("stacks"))) {
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("r-xr-xr-x"));
        }
        String result = runAsNobody(out);
        assertTrue(result.startsWith("1 SynthException: cannot replace " + out + ": the previous output has"
                + " directories this user cannot write"), result);
        assertTrue(result.contains(out + ", " + out.resolve("stacks")), result);
        assertEquals(before, tree(out), "previous output exactly as it was");
        assertEquals(List.of("cdktf.out"), siblings(), "nothing left beside it");

        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(out.resolve("stacks"), PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals("0 ok", runAsNobody(out));
        assertEquals("new", Files.readString(out.resolve("new.txt")));
        assertEquals(List.of("cdktf.out"), siblings());
    }

    @Test
    void failsAsANonRootUserWhenTheParentIsNotWritable() throws Exception {
        assumeTrue(canRunAsNobody(), "needs root and setpriv to run as nobody");
        chownNobody(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        Map<String, String> before = tree(out);
        String result = runAsNobody(out);
        assertEquals("1 SynthException: cannot replace " + out + ": " + dir + " is not writable by this user;"
                + " nothing was changed", result);
        assertEquals(before, tree(out));
        assertFalse(Files.exists(out.resolve("new.txt")));
    }
}
