package io.opsstack.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * README, "With a filesystem mirror and no registry": cdktf-cli runs {@code terraform providers lock
 * -platform=linux_amd64} in a stack without a matching lock file, and that command ignores the CLI configuration's
 * filesystem mirror; {@code -fs-mirror=DIR} writes the lock file from the mirror. Run on a synthesized stack with the
 * mirror as the only installation method and the registry pointed at a closed loopback port (so the result is the
 * same with or without network).
 */
class ProvidersLockTest {

    private static TerraformCli offline(Path work) throws Exception {
        TerraformCli tf = TerraformCli.require(work);
        // Service discovery for the public registry answers with a port nothing listens on.
        Files.writeString(tf.cliConfig, Files.readString(tf.cliConfig) + "host \"registry.terraform.io\" {\n"
                + "  services = {\n    \"providers.v1\" = \"http://127.0.0.1:9/v1/providers/\"\n  }\n}\n");
        return tf;
    }

    private static Path stack(Path work) throws Exception {
        Path dir = Files.createDirectories(work.resolve("dev-network"));
        Files.copy(SynthFixture.shared().out.resolve("stacks/dev-network/cdk.tf.json"), dir.resolve("cdk.tf.json"));
        return dir;
    }

    @Test
    void fsMirrorWritesTheLockFileWithoutTheRegistry() throws Exception {
        Path work = Files.createTempDirectory("opsstack-providers-lock-");
        TerraformCli tf = offline(work);
        Path dir = stack(work);
        TerraformCli.Result r = tf.run(dir, work.resolve("data"), "providers", "lock", "-no-color",
                "-fs-mirror=" + tf.mirror, "-platform=linux_amd64");
        assertEquals(0, r.exit(), r.stderr() + r.stdout());
        String lock = Files.readString(dir.resolve(".terraform.lock.hcl"));
        assertTrue(lock.contains("provider \"registry.terraform.io/hashicorp/aws\""), lock);
        assertTrue(lock.contains("h1:"), lock);
    }

    /** What cdktf-cli runs: the mirror in the CLI configuration is not used, the registry is asked and fails. */
    @Test
    void failsToLockFromTheCliConfigurationsMirror() throws Exception {
        Path work = Files.createTempDirectory("opsstack-providers-lock-");
        TerraformCli tf = offline(work);
        Path dir = stack(work);
        TerraformCli.Result r = tf.run(dir, work.resolve("data"), "providers", "lock", "-no-color",
                "-platform=linux_amd64");
        assertNotEquals(0, r.exit(), r.stdout());
        assertTrue(r.stderr().contains("Could not retrieve providers for locking"), r.stderr());
        assertTrue(r.stderr().contains("could not query provider registry for"), r.stderr());
        assertFalse(Files.exists(dir.resolve(".terraform.lock.hcl")));
        // init, by contrast, installs from the same CLI configuration's mirror.
        TerraformCli.Result init = tf.run(dir, work.resolve("data"), "init", "-backend=false", "-no-color");
        assertEquals(0, init.exit(), init.stderr() + init.stdout());
    }
}
