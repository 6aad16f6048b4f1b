package io.opsstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code opsstack drift}: its usage errors (exit 2 before any terraform), and the command's plumbing with a stand-in
 * terraform that prints what real Terraform printed (the drift fixtures, see io/opsstack/drift/README.md): exit 2
 * on drift, exit 1 when a plan cannot take the state lock. The real terraform against moto: DriftEmulatorTest.
 */
class DriftCommandTest {

    @TempDir
    Path tmp;

    @Test
    void failsOnUsageErrorsWithExitTwo() throws Exception {
        MainTest.Run local = MainTest.run("drift", "local", "--project-dir", MainTest.HOME.toString());
        assertEquals(2, local.code(), local.err());
        assertTrue(local.err().contains("local (Docker) environment"), local.err());

        MainTest.Run stack = MainTest.run("drift", "dev", "--stacks", "dev-nope", "--project-dir",
                MainTest.HOME.toString());
        assertEquals(2, stack.code(), stack.err());
        assertTrue(stack.err().contains("dev-nope is not a stack of dev (its stacks: dev-network, dev-data, dev-app)"),
                stack.err());

        MainTest.Run noSynth = MainTest.run("drift", "dev", "--no-synth", "--out", tmp.resolve("empty").toString(),
                "--project-dir", MainTest.HOME.toString());
        assertEquals(2, noSynth.code(), noSynth.err());
        assertTrue(noSynth.err().contains("has no up-to-date cdk.tf.json for dev-network, dev-data, dev-app"),
                noSynth.err());
        MainTest.assertNoStackTrace(noSynth);
    }

    @Test
    void exitsTwoOnDriftWithEveryStackInDeployOrder() throws Exception {
        Path out = synthOutput();
        Path terraform = fakeTerraform("""
                case "$1" in
                  init) echo "Terraform has been successfully initialized!" ;;
                  plan) echo "plan $*" >> "$LOG" ;;
                  show) case "$3" in *refresh*) cat "$FIXTURES/sg-bucket-vpc.refresh.json" ;;
                          *) cat "$FIXTURES/sg-bucket-vpc.plan.json" ;; esac ;;
                  providers) cat "$FIXTURES/aws-5.100.0-schema-subset.json" ;;
                esac
                """);
        MainTest.Run r = MainTest.run("drift", "dev", "--no-synth", "--out", out.toString(), "--format", "json",
                "--terraform", terraform.toString(), "--project-dir", MainTest.HOME.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(List.of("dev-network", "dev-data", "dev-app"), List.of(json.path("stacks").get(0).path("stack")
                .asText(), json.path("stacks").get(1).path("stack").asText(), json.path("stacks").get(2).path("stack")
                .asText()));
        assertEquals(3, json.path("stacks").get(0).path("items").size(), r.out());
        List<String> plans = Files.readAllLines(tmp.resolve("log"));
        assertEquals(6, plans.size(), "a refresh-only and a normal plan per stack: " + plans);
        assertTrue(plans.get(0).startsWith("plan plan -refresh-only -input=false -no-color -lock-timeout=0s -out="),
                plans.get(0));
        assertTrue(plans.stream().noneMatch(p -> p.contains("-lock=false")), plans.toString());
        assertTrue(plans.get(1).startsWith("plan plan -input=false -no-color -lock-timeout=0s -out="), plans.get(1));
    }

    @Test
    void failsWithExitOneWhenAStateLockIsHeld() throws Exception {
        Path out = synthOutput();
        Path terraform = fakeTerraform("""
                case "$1" in
                  plan) echo "Error: Error acquiring the state lock" >&2; exit 1 ;;
                esac
                """);
        MainTest.Run r = MainTest.run("drift", "dev", "--no-synth", "--out", out.toString(), "--terraform",
                terraform.toString(), "--project-dir", MainTest.HOME.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("dev-network: check failed\n  terraform plan -refresh-only failed (exit 1):\n"
                + "  Error: Error acquiring the state lock"), r.out());
    }

    /** A synth output with the three stacks' directories (newer than the environment file, as after a synth). */
    private Path synthOutput() throws Exception {
        Path out = tmp.resolve("cdktf.out");
        for (String id : List.of("dev-network", "dev-data", "dev-app")) {
            Files.createDirectories(out.resolve("stacks").resolve(id));
            Files.writeString(out.resolve("stacks").resolve(id).resolve("cdk.tf.json"), "{}");
        }
        return out;
    }

    private Path fakeTerraform(String body) throws Exception {
        Path fixtures = tmp.resolve("fixtures");
        Files.createDirectories(fixtures);
        for (String f : List.of("sg-bucket-vpc.refresh.json", "sg-bucket-vpc.plan.json",
                "aws-5.100.0-schema-subset.json")) {
            try (InputStream in = DriftCommandTest.class.getResourceAsStream("/io/opsstack/drift/" + f)) {
                Files.copy(in, fixtures.resolve(f));
            }
        }
        Path script = tmp.resolve("terraform");
        Files.writeString(script, "#!/bin/sh\nLOG='" + tmp.resolve("log") + "'\nFIXTURES='" + fixtures + "'\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }
}
