package io.opsstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `opsstack check` judges only what the output holds: an environment it does not hold is an error, not a pass. */
class CheckCommandTest {

    /** An output holding only staging's network stack (no resources), as `synth staging` would, in outline. */
    static Path stagingOnly(Path dir, boolean withContents) throws Exception {
        Files.createDirectories(dir.resolve("stacks/staging-network"));
        Files.writeString(dir.resolve("stacks/staging-network/cdk.tf.json"), "{}");
        Files.writeString(dir.resolve("manifest.json"), "{\"version\":\"0.19.2\",\"stacks\":{\"staging-network\":"
                + "{\"name\":\"staging-network\",\"synthesizedStackPath\":\"stacks/staging-network/cdk.tf.json\"}}}");
        if (withContents) {
            Files.writeString(dir.resolve("opsstack.json"), "{\"environments\":{\"staging\":[\"staging-network\"]},"
                    + "\"complete\":false}");
        }
        return dir;
    }

    @Test
    void failsToCheckAnEnvironmentThePartialOutputDoesNotHold(@TempDir Path dir) throws Exception {
        for (boolean withContents : new boolean[] {true, false}) {
            Path out = stagingOnly(dir.resolve(String.valueOf(withContents)), withContents);
            MainTest.Run r = MainTest.run("check", "prod", "--in", out.toString(), "--project-dir",
                    MainTest.HOME.toString());
            assertEquals(2, r.code(), r.out() + r.err());
            assertEquals("opsstack: " + out + " holds no prod (it holds staging); run ./opsstack synth prod (or"
                    + " ./opsstack synth for every environment), then check again", r.err().strip());
            assertEquals("", r.out(), "no `no findings`");
            MainTest.assertNoStackTrace(r);
        }
    }

    @Test
    void checksOnlyTheEnvironmentsAPartialOutputHoldsAndSaysSo(@TempDir Path dir) throws Exception {
        Path out = stagingOnly(dir, true);
        // --no-iam: the IAM matrix's own note (when Node.js modules are missing) is not what this test is about.
        MainTest.Run r = MainTest.run("check", "--no-iam", "--in", out.toString(), "--project-dir",
                MainTest.HOME.toString());
        assertEquals("note: " + out + " is a partial synth; checking only staging", r.err().strip());
        assertEquals(0, r.code(), r.out() + r.err());
    }
}
