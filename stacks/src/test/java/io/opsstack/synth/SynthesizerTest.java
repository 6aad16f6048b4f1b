package io.opsstack.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsstack.cli.Main;
import io.opsstack.config.ConfigLoader;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The synth pipeline's guarantees: deterministic, atomic, no machine paths, Terraform's working files kept. */
class SynthesizerTest {

    static SynthFixture fx;

    @BeforeAll
    static void synth() {
        fx = SynthFixture.shared();
    }

    /** Every regular file under {@code dir}, relative path to bytes. */
    static Map<String, byte[]> tree(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(f).toString(), Files.readAllBytes(f));
            }
        }
        return out;
    }

    static void assertSameTree(Map<String, byte[]> expected, Map<String, byte[]> actual, String what) {
        assertEquals(expected.keySet(), actual.keySet(), what + ": files");
        for (String f : expected.keySet()) {
            assertArrayEquals(expected.get(f), actual.get(f), what + ": bytes of " + f);
        }
    }

    static int run(Path home, StringWriter err, String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "--project-dir";
        full[1] = home.toString();
        System.arraycopy(args, 0, full, 2, args.length);
        // --project-dir is inherited: it may come before or after the subcommand.
        String[] reordered = new String[full.length];
        reordered[0] = full[2];
        System.arraycopy(full, 0, reordered, 1, 2);
        System.arraycopy(full, 3, reordered, 3, full.length - 3);
        return Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), reordered);
    }

    @Test
    void twoSynthsOfTheSameInputAreByteIdentical() throws Exception {
        Path again = fx.home.resolve("second-out");
        new Synthesizer(fx.home).synth(new ConfigLoader(fx.home).load(List.of()), again);
        Map<String, byte[]> first = tree(fx.out);
        assertTrue(first.containsKey("manifest.json") && first.containsKey("stacks/prod-network/cdk.tf.json"),
                first.keySet().toString());
        assertSameTree(first, tree(again), "second synth");
    }

    @Test
    void synthRunFromAnotherFolderPrintsThePathItWrote() throws Exception {
        Path home = SynthFixture.copyOfProject(Map.of());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // The tests run in stacks/, not in the project: the message must name where the files are.
        assertFalse(home.startsWith(Path.of("").toAbsolutePath()));
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), "synth", "dev", "--project-dir",
                home.toString());
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().startsWith("synthesized 3 stacks into " + home.resolve("cdktf.out") + ": "),
                out.toString());
    }

    @Test
    void outputNamesNoPathOfThisMachine() throws IOException {
        List<String> forbidden = List.of(fx.home.toString(), SynthFixture.HOME.toString(),
                System.getProperty("user.home"), System.getProperty("java.io.tmpdir"));
        for (Map.Entry<String, byte[]> f : tree(fx.out).entrySet()) {
            String text = new String(f.getValue(), StandardCharsets.UTF_8);
            for (String path : forbidden) {
                assertFalse(text.contains(path), f.getKey() + " contains the machine path " + path);
            }
        }
    }

    @Test
    void manifestListsEveryStackWithRelativePaths() throws Exception {
        var manifest = SynthFixture.read(fx.out.resolve("manifest.json"));
        assertEquals("0.19.2", manifest.path("version").asText());
        // Every planned stack of every environment, and nothing else.
        List<String> ids = new ArrayList<>();
        for (var env : new ConfigLoader(fx.home).load(List.of())) {
            io.opsstack.stacks.StackPlan.of(env).forEach(p -> ids.add(p.id()));
        }
        assertTrue(ids.containsAll(List.of("prod-dr-network", "prod-dr-app", "warm-dr-data", "dev-app")), ids.toString());
        for (String id : ids) {
            assertEquals("stacks/" + id + "/cdk.tf.json", manifest.at("/stacks/" + id + "/synthesizedStackPath")
                    .asText());
        }
        assertEquals(ids.size(), manifest.path("stacks").size());
    }

    @Test
    void failedSynthLeavesThePreviousOutputExactlyAsItWasAndTerraformFilesSurviveAGoodOne() throws Exception {
        Path home = SynthFixture.copyOfProject(Map.of());
        StringWriter err = new StringWriter();
        assertEquals(0, run(home, err, "synth", "dev"), err.toString());
        Path out = home.resolve("cdktf.out");

        // What `cdktf deploy` leaves in a stack's working directory must survive the next synth.
        Path work = out.resolve("stacks/dev-network");
        Files.createDirectories(work.resolve(".terraform/providers"));
        Files.writeString(work.resolve(".terraform/providers/marker"), "provider binaries");
        Files.writeString(work.resolve(".terraform.lock.hcl"), "# lock");
        assertEquals(0, run(home, err, "synth", "dev"), err.toString());
        assertEquals("provider binaries", Files.readString(work.resolve(".terraform/providers/marker")));
        assertEquals("# lock", Files.readString(work.resolve(".terraform.lock.hcl")));
        Map<String, byte[]> before = tree(out);

        // A bad config: exit 2, the message names file:line:col, and not one byte of cdktf.out changes.
        Files.writeString(home.resolve("environments/dev.yaml"), "name: dev\nregion: us-east-1\nnetwork:\n"
                + "  cidr: 10.0.0.0/33\n");
        StringWriter badErr = new StringWriter();
        assertEquals(2, run(home, badErr, "synth", "dev"));
        assertTrue(badErr.toString().contains("environments/dev.yaml:4:9: network.cidr:"), badErr.toString());
        assertSameTree(before, tree(out), "after a failed synth");

        // No temporary or backup directories are left beside the output.
        try (Stream<Path> siblings = Files.list(home)) {
            List<String> left = siblings.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".cdktf.out"))
                    .toList();
            assertEquals(List.of(), left);
        }
    }

    @Test
    void failsOnABrokenTemplateWithItsNameAndLeavesTheOutputAlone() throws Exception {
        // Rendering runs on its own thread while jsii builds the stacks: its failure must still reach the user as
        // the template's error, exit 1, and nothing written.
        Path home = SynthFixture.copyOfProject(Map.of());
        StringWriter err = new StringWriter();
        assertEquals(0, run(home, err, "synth", "dev"), err.toString());
        Map<String, byte[]> before = tree(home.resolve("cdktf.out"));
        Path template = home.resolve("templates/nginx.conf.ftl");
        Files.writeString(template, Files.readString(template) + "\n${noSuchModelValue}\n");
        StringWriter badErr = new StringWriter();
        assertEquals(1, run(home, badErr, "synth", "dev"));
        assertTrue(badErr.toString().contains("nginx.conf.ftl"), badErr.toString());
        assertTrue(badErr.toString().contains("noSuchModelValue"), badErr.toString());
        assertSameTree(before, tree(home.resolve("cdktf.out")), "after a render failure");
    }

    @Test
    void synthOfNamedEnvironmentsWritesOnlyThose() throws Exception {
        Path home = SynthFixture.copyOfProject(Map.of());
        StringWriter err = new StringWriter();
        assertEquals(0, run(home, err, "synth", "staging", "--out", home.resolve("only").toString()),
                err.toString());
        try (Stream<Path> stacks = Files.list(home.resolve("only/stacks"))) {
            assertEquals(List.of("staging-app", "staging-data", "staging-network"), stacks
                    .map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
