package io.opsstack.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsstack.config.ConfigLoader;
import io.opsstack.config.EnvironmentConfig;
import io.opsstack.synth.SynthFixture;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bootstrap's commands, as data and as the script {@code opsstack state-bucket} prints (StateLockTest runs
 * them against the emulator).
 */
class StateBootstrapTest {

    @TempDir
    Path dir;

    private static EnvironmentConfig load(Path home, String name) throws Exception {
        return new ConfigLoader(home).load(List.of(name)).get(0);
    }

    private static List<String> operations(List<List<String>> commands) {
        return commands.stream().map(c -> c.get(1) + " " + c.get(2) + " " + c.get(c.indexOf("--region") + 1)).toList();
    }

    @Test
    void prodGetsBothBucketsEachConfiguredInItsRegion() throws Exception {
        List<List<String>> commands = StateBootstrap.commands(load(SynthFixture.HOME, "prod"));
        assertEquals(List.of("s3api create-bucket us-east-1", "s3api put-bucket-versioning us-east-1",
                "s3api put-bucket-encryption us-east-1", "s3api put-public-access-block us-east-1",
                "s3api put-bucket-policy us-east-1",
                "s3api create-bucket us-west-2", "s3api put-bucket-versioning us-west-2",
                "s3api put-bucket-encryption us-west-2", "s3api put-public-access-block us-west-2",
                "s3api put-bucket-policy us-west-2"), operations(commands));
        for (List<String> c : commands) {
            assertEquals("aws", c.get(0));
            assertFalse(c.contains("--endpoint-url"), c.toString());
        }
        // us-east-1 refuses a LocationConstraint naming itself; every other region requires one.
        assertFalse(commands.get(0).contains("--create-bucket-configuration"), commands.get(0).toString());
        assertTrue(commands.get(5).contains("LocationConstraint=us-west-2"), commands.get(5).toString());
        assertTrue(commands.get(5).contains("acme-opsstack-tfstate-usw2"), commands.get(5).toString());
        assertTrue(commands.get(4).get(commands.get(4).size() - 1).contains("arn:aws:s3:::acme-opsstack-tfstate/*"));
        assertEquals(8, StateBootstrap.commands(load(SynthFixture.HOME, "prod"), true).size(), "without the policy");
    }

    @Test
    void aLockTableGetsItsTable() throws Exception {
        Path home = SynthFixture.copyOfProject(Map.of("tablelock", """
                name: tablelock
                region: eu-west-2
                state:
                  bucket: acme-tfstate-euw2
                  lockTable: acme-tflock
                network:
                  cidr: 10.70.0.0/16
                """));
        List<List<String>> commands = StateBootstrap.commands(load(home, "tablelock"));
        List<String> table = commands.get(commands.size() - 1);
        assertEquals(List.of("aws", "dynamodb", "create-table", "--region", "eu-west-2", "--table-name", "acme-tflock",
                "--attribute-definitions", "AttributeName=LockID,AttributeType=S", "--key-schema",
                "AttributeName=LockID,KeyType=HASH", "--billing-mode", "PAY_PER_REQUEST"), table);
        assertTrue(commands.get(0).contains("LocationConstraint=eu-west-2"), commands.get(0).toString());
    }

    @Test
    void anEnvironmentWithoutStateNeedsNothing() throws Exception {
        assertEquals(List.of(), StateBootstrap.commands(load(SynthFixture.HOME, "dev")));
    }

    @Test
    void theScriptRunsExactlyTheCommands() throws Exception {
        EnvironmentConfig prod = load(SynthFixture.HOME, "prod");
        String script = StateBootstrap.script(prod, Optional.of("http://127.0.0.1:5000"));
        assertTrue(script.startsWith("#!/bin/sh\n"), script);
        assertTrue(script.contains("\nset -eu\n"), script);
        assertTrue(script.contains("# versioning: "), script);
        Path file = dir.resolve("bootstrap.sh");
        Files.writeString(file, script);
        // A stand-in aws prints each argument on its own line, then a separator: the shell's own reading.
        Process p = new ProcessBuilder("sh", "-c", "aws() { for a in \"$@\"; do printf '%s\\n' \"$a\"; done;"
                + " echo ---; }; . " + file).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        List<String> expected = new ArrayList<>();
        for (List<String> c : StateBootstrap.commands(prod)) {
            expected.addAll(c.subList(1, c.size()));
            expected.addAll(List.of("--endpoint-url", "http://127.0.0.1:5000", "---"));
        }
        assertEquals(expected, List.of(out.split("\n")));
    }

    @Test
    void quotesWhatTheShellWouldRead() {
        assertEquals("plain-arg_1.2:x=y,z", StateBootstrap.quote("plain-arg_1.2:x=y,z"));
        assertEquals("'{\"a\": [1]}'", StateBootstrap.quote("{\"a\": [1]}"));
        assertEquals("'it'\\''s'", StateBootstrap.quote("it's"));
        assertEquals("''", StateBootstrap.quote(""));
    }
}
