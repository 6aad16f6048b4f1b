package io.opsstack.rehearse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.opsstack.drift.Drift;
import io.opsstack.drift.DriftItem;
import io.opsstack.drift.DriftRenderer;
import io.opsstack.drift.DriftReport;
import io.opsstack.drift.StackDrift;
import io.opsstack.drift.TerraformRunner;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drift check end to end, as the rehearsal's drift drill runs it: a small stack (the app hosts' security group
 * with a rule declared as its own resource, the backups bucket with versioning, a tagged VPC, named as the shipped
 * stacks name them) applied by Terraform with the real AWS provider to moto started through opsstack's launcher,
 * with the rehearsal's override file (Overrides) and child environment (fake keys). A clean environment has no
 * drift (exit 0); the launcher's {@code hand-changes} (a rule added, versioning suspended, a tag removed) are each
 * found with the recorded and the found value (exit 2); after the documented remedy (apply, and the printed
 * command for the rule an apply never removes) it is clean again. The DB instance class is proven on a real plan
 * too (PlanDriftTest's fixture): an RDS create costs the provider some 90 s against moto.
 */
class DriftEmulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUCKET = "opsstack-drift-backups-123456789012-us-east-1";

    @TempDir
    Path dir;

    @Test
    void findsEachHandChangeAndNothingOnACleanEnvironment() throws Exception {
        Path mirror = requireTools();
        Files.createDirectories(dir.resolve("home"));
        Files.writeString(dir.resolve("home/aws-config-empty"), "");
        Files.writeString(dir.resolve("home/aws-credentials-empty"), "");
        Path rc = dir.resolve("terraform.rc");
        Files.createDirectories(dir.resolve("plugin-cache"));
        // As Rehearsal.writeTerraformConfig: the provider only from the mirror, never the registry.
        Files.writeString(rc, "plugin_cache_dir = \"" + dir.resolve("plugin-cache") + "\"\nprovider_installation {\n"
                + "  filesystem_mirror {\n    path = \"" + mirror + "\"\n  }\n}\ndisable_checkpoint = true\n");
        Map<String, String> env = ChildEnvironment.of(System.getenv(), dir, Map.of("TF_CLI_CONFIG_FILE",
                rc.toString()));
        try (Emulator emulator = Emulator.moto(dir, env, "python3")) {
            Path stack = dir.resolve("cdktf.out/stacks/drift-network");
            Files.createDirectories(stack);
            JsonNode config = stack();
            Files.writeString(stack.resolve("cdk.tf.json"), config.toString());
            Files.createDirectories(dir.resolve("state"));
            Files.writeString(stack.resolve(Overrides.FILE), Overrides.of(config, "drift-network", dir.resolve("state"),
                    emulator.endpoint, Map.of(), Map.of()).toString());
            TerraformRunner terraform = runner(env);
            ok(terraform.run(stack, "init", List.of("init", "-input=false", "-no-color")));
            ok(terraform.run(stack, "apply", List.of("apply", "-auto-approve", "-input=false", "-no-color")));

            DriftReport clean = Drift.check("drift", List.of(stack), terraform);
            assertEquals(0, clean.exitCode(), DriftRenderer.text(clean));
            assertEquals(StackDrift.Status.CLEAN, clean.stacks().get(0).status(), DriftRenderer.text(clean));

            JsonNode changes = JSON.readTree(launcher(env, "hand-changes", emulator.endpoint, "drift", "--region",
                    "us-east-1", "sg-rule", "versioning", "tag"));
            assertEquals(3, changes.path("changes").size(), changes.toString());

            DriftReport drifted = Drift.check("drift", List.of(stack), terraform);
            String text = DriftRenderer.text(drifted);
            assertEquals(2, drifted.exitCode(), text);
            List<DriftItem> items = drifted.items();
            assertEquals(3, items.size(), text);
            DriftItem rule = one(items, "ingress");
            assertEquals(DriftItem.Kind.UNMANAGED_RULE, rule.kind());
            assertEquals("203.0.113.0/24", rule.found().path("cidr_ipv4").asText(), text);
            assertEquals(22, rule.found().path("from_port").asInt(), text);
            assertEquals(DriftItem.Remedy.KEEPS, rule.remedy(), text);
            DriftItem versioning = one(items, "versioning_configuration[0].status");
            assertEquals("Enabled", versioning.recorded().asText());
            assertEquals("Suspended", versioning.found().asText());
            assertEquals(BUCKET, versioning.id());
            assertEquals(DriftItem.Remedy.REVERTS, versioning.remedy());
            DriftItem tag = one(items, "tags.environment");
            assertEquals("drift", tag.recorded().asText());
            assertTrue(tag.found() == null, text);
            assertEquals(DriftItem.Remedy.REVERTS, tag.remedy());

            // The remedy as docs/runbook.md "Drift" says it: apply, and the printed command for the rule.
            ok(terraform.run(stack, "apply-remedy", List.of("apply", "-auto-approve", "-input=false", "-no-color")));
            JsonNode json = JSON.readTree(DriftRenderer.json(drifted));
            String revoke = json.path("stacks").get(0).path("items").findValue("removeCommand").asText();
            awsCli(env, emulator.endpoint, revoke);

            DriftReport after = Drift.check("drift", List.of(stack), terraform);
            assertEquals(0, after.exitCode(), DriftRenderer.text(after));
        }
    }

    /** The stack, in cdktf's JSON: named as the shipped stacks name the app hosts' group and the backups bucket. */
    private static JsonNode stack() throws Exception {
        ObjectNode s = (ObjectNode) JSON.readTree("""
                {"terraform": {"required_providers": {"aws": {"source": "hashicorp/aws", "version": "5.100.0"}}},
                 "provider": {"aws": [{"region": "us-east-1"}]},
                 "resource": {
                   "aws_vpc": {"vpc": {"cidr_block": "10.9.0.0/16",
                       "tags": {"Name": "drift-vpc", "environment": "drift", "managed-by": "opsstack"}}},
                   "aws_security_group": {"app-sg": {"name": "drift-app", "description": "App hosts of drift",
                       "vpc_id": "${aws_vpc.vpc.id}", "revoke_rules_on_delete": true,
                       "tags": {"Name": "drift-app", "environment": "drift", "managed-by": "opsstack"}}},
                   "aws_vpc_security_group_ingress_rule": {"app-https": {
                       "security_group_id": "${aws_security_group.app-sg.id}", "ip_protocol": "tcp",
                       "from_port": 443, "to_port": 443, "cidr_ipv4": "10.9.0.0/16"}},
                   "aws_s3_bucket": {"backups": {"bucket": "%s",
                       "tags": {"Name": "drift-backups", "environment": "drift", "managed-by": "opsstack"}}},
                   "aws_s3_bucket_versioning": {"backups": {"bucket": "${aws_s3_bucket.backups.id}",
                       "versioning_configuration": {"status": "Enabled"}}}
                 }}
                """.formatted(BUCKET));
        return s;
    }

    private static DriftItem one(List<DriftItem> items, String argument) {
        List<DriftItem> found = items.stream().filter(i -> i.argument().equals(argument)).toList();
        assertEquals(1, found.size(), argument + " in " + items);
        return found.get(0);
    }

    /** Terraform in the rehearsal's child environment (fake keys, no AWS_* of the user's), bounded in time. */
    private TerraformRunner runner(Map<String, String> env) {
        return (d, label, args) -> {
            List<String> command = new ArrayList<>();
            command.add("terraform");
            command.addAll(args);
            return run(command, d, env, label);
        };
    }

    private TerraformRunner.Result run(List<String> command, Path workdir, Map<String, String> env, String label)
            throws java.io.IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workdir.toFile());
        ChildEnvironment.apply(pb, env);
        Path out = dir.resolve(label + ".out");
        Path err = dir.resolve(label + ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(new File("/dev/null"));
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " timed out");
        }
        return new TerraformRunner.Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private String launcher(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("python3", dir.resolve(Emulator.LAUNCHER).toString()));
        command.addAll(List.of(args));
        TerraformRunner.Result r = run(command, dir, env, "launcher-" + args[0]);
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        return r.stdout();
    }

    /** The printed remove command, run with the AWS CLI (v1 takes the endpoint only as --endpoint-url). */
    private void awsCli(Map<String, String> env, String endpoint, String command) throws Exception {
        assertTrue(command.startsWith("aws ec2 revoke-security-group-ingress --group-id sg-"), command);
        List<String> words = new ArrayList<>(List.of("aws", "--endpoint-url", endpoint, "--region", "us-east-1"));
        // The command's one quoted argument is the --ip-permissions value.
        String[] parts = command.split("'");
        for (String w : parts[0].trim().split(" ")) {
            if (!w.equals("aws")) {
                words.add(w);
            }
        }
        words.add(parts[1]);
        TerraformRunner.Result r = run(words, dir, env, "aws-revoke");
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
    }

    private static void ok(TerraformRunner.Result r) {
        assertEquals(0, r.exitCode(), r.stdout() + "\n" + r.stderr());
    }

    /** terraform, the provider mirror, moto and the AWS CLI; skipped when missing, failed in CI. */
    private static Path requireTools() throws Exception {
        String mirrorSetting = System.getenv("OPSSTACK_TF_PLUGIN_MIRROR");
        Path mirror = Path.of(mirrorSetting != null ? mirrorSetting : "/opt/tf-plugins");
        List<String> missing = new ArrayList<>();
        if (!Files.isDirectory(mirror.resolve("registry.terraform.io/hashicorp/aws/5.100.0"))) {
            missing.add("hashicorp/aws 5.100.0 in the provider mirror " + mirror + " (OPSSTACK_TF_PLUGIN_MIRROR)");
        }
        for (String[] probe : new String[][] {{"terraform", "version"},
                {"python3", "-c", "import moto, moto.server, boto3"}, {"aws", "--version"}}) {
            try {
                Process p = new ProcessBuilder(probe).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    missing.add(String.join(" ", probe));
                }
            } catch (java.io.IOException e) {
                missing.add(probe[0] + " (not on PATH)");
            }
        }
        if (!missing.isEmpty()) {
            String message = "drift emulator test needs: " + String.join("; ", missing);
            if (System.getenv("CI") != null) {
                fail(message + ": required in CI");
            }
            System.err.println("SKIPPED: " + message);
            Assumptions.abort(message);
        }
        return mirror;
    }
}
