package io.opsstack.synth;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * Terraform and the real AWS provider for the tests, offline: the provider comes from a filesystem mirror through
 * a CLI config this class writes (never the registry, never the user's own CLI config), child processes get fake
 * AWS keys and none of the user's AWS_* or TF_* variables. Like the other external tools (render.Tools): on a
 * workstation without them the tests print a skip that says how to get them; in CI ({@code CI} set) they fail.
 */
final class TerraformCli {

    /** System property, then environment variable, naming the mirror folder (it holds registry.terraform.io/). */
    static final String MIRROR_PROPERTY = "opsstack.tfPluginMirror";
    static final String MIRROR_ENV = "OPSSTACK_TF_PLUGIN_MIRROR";
    /** Where the machine image and Terraform's own implied mirrors keep providers. */
    static final List<String> MIRROR_CANDIDATES = List.of("/opt/tf-plugins", "~/.terraform.d/plugins",
            "~/.local/share/terraform/plugins", "/usr/local/share/terraform/plugins", "/usr/share/terraform/plugins");
    static final String AWS = "registry.terraform.io/hashicorp/aws";
    /** An unpacked version folder (5.100.0) or a packed archive (terraform-provider-aws_5.100.0_linux_amd64.zip). */
    private static final Pattern AWS_5 = Pattern.compile(
            "5\\.\\d+\\.\\d+|terraform-provider-aws_5\\.\\d+\\.\\d+_.*\\.zip");
    private static final String HOW = "install Terraform 1.10+ (https://developer.hashicorp.com/terraform/install) and"
            + " put hashicorp/aws 5.x in a filesystem mirror (`terraform providers mirror DIR` in any synthesized"
            + " stack, once, with network), then point -D" + MIRROR_PROPERTY + "=DIR or " + MIRROR_ENV + "=DIR at it";

    record Result(int exit, String stdout, String stderr) {
    }

    final Path terraform;
    final Path mirror;
    final Path cliConfig;

    private TerraformCli(Path terraform, Path mirror, Path cliConfig) {
        this.terraform = terraform;
        this.mirror = mirror;
        this.cliConfig = cliConfig;
    }

    /** Terraform 1.10+ and a mirror with hashicorp/aws 5.x, or a skip (workstation) / failure (CI). */
    static TerraformCli require(Path work) throws IOException, InterruptedException {
        Optional<Path> terraform = onPath("terraform");
        if (terraform.isEmpty()) {
            unavailable("terraform is not on PATH");
        }
        Result version = run(terraform.get(), null, Map.of(), work, "version", "-json");
        String v = new ObjectMapper().readTree(version.stdout()).path("terraform_version").asText("");
        if (!v.matches("1\\.(1\\d|[2-9]\\d)\\..*")) {
            unavailable("terraform " + v + " is older than 1.10 (the stacks use the S3 backend's use_lockfile)");
        }
        Path mirror = mirror().orElse(null);
        if (mirror == null) {
            unavailable("no provider mirror holding " + AWS + "/5.x (looked at " + MIRROR_PROPERTY + ", "
                    + MIRROR_ENV + " and " + String.join(", ", MIRROR_CANDIDATES) + ")");
        }
        Path cli = work.resolve("terraform.tfrc");
        // Only the mirror, and only for hashicorp/aws: no `direct` block, so nothing is fetched from the network.
        Files.writeString(cli, "provider_installation {\n  filesystem_mirror {\n    path    = \""
                + mirror.toString().replace("\\", "\\\\") + "\"\n    include = [\"" + AWS + "\"]\n  }\n}\n"
                + "disable_checkpoint = true\n", StandardCharsets.UTF_8);
        return new TerraformCli(terraform.get(), mirror, cli);
    }

    static Optional<Path> mirror() {
        String configured = System.getProperty(MIRROR_PROPERTY, System.getenv(MIRROR_ENV));
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            if (!holdsAws5(p)) {
                // A mirror the user named but that lacks the provider is a mistake to show, not to skip over.
                fail(configured + " (from " + MIRROR_PROPERTY + "/" + MIRROR_ENV + ") holds no " + AWS + "/5.x");
            }
            return Optional.of(p);
        }
        for (String candidate : MIRROR_CANDIDATES) {
            Path p = Path.of(candidate.replaceFirst("^~", System.getProperty("user.home")));
            if (holdsAws5(p)) {
                return Optional.of(p);
            }
            // The machine image may keep the mirror one level down (/opt/tf-plugins/<name>/registry.terraform.io).
            if (Files.isDirectory(p)) {
                try (Stream<Path> children = Files.list(p)) {
                    Optional<Path> nested = children.sorted().filter(TerraformCli::holdsAws5).findFirst();
                    if (nested.isPresent()) {
                        return nested;
                    }
                } catch (IOException e) {
                    // unreadable: try the next candidate
                }
            }
        }
        return Optional.empty();
    }

    static boolean holdsAws5(Path mirror) {
        Path aws = mirror.resolve(AWS);
        if (!Files.isDirectory(aws)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(aws)) {
            return entries.anyMatch(e -> AWS_5.matcher(e.getFileName().toString()).matches());
        } catch (IOException e) {
            return false;
        }
    }

    private static void unavailable(String why) {
        String message = why + ": the terraform validate tests need it; " + HOW;
        if (System.getenv("CI") != null) {
            fail(message + ". Required in CI");
        }
        System.err.println("SKIPPED: " + message);
        Assumptions.abort(message);
    }

    private static Optional<Path> onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return Optional.of(Path.of(dir, tool));
            }
        }
        return Optional.empty();
    }

    /** Runs terraform in {@code dir} with this class's CLI config, {@code dataDir} as TF_DATA_DIR, fake keys. */
    Result run(Path dir, Path dataDir, String... args) throws IOException, InterruptedException {
        return run(terraform, cliConfig, Map.of("TF_DATA_DIR", dataDir.toString()), dir, args);
    }

    private static Result run(Path terraform, Path cliConfig, Map<String, String> extra, Path dir, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(terraform.toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        // None of the user's credentials, profiles, endpoints or Terraform settings reach the child.
        env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("TF_"));
        env.put("AWS_ACCESS_KEY_ID", "AKIAOPSSTACKTESTFAKE");
        env.put("AWS_SECRET_ACCESS_KEY", "opsstack-test-fake-secret");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_CONFIG_FILE", "/dev/null");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        env.put("CHECKPOINT_DISABLE", "1");
        env.put("TF_IN_AUTOMATION", "1");
        env.put("TF_INPUT", "0");
        if (cliConfig != null) {
            env.put("TF_CLI_CONFIG_FILE", cliConfig.toString());
        } else {
            env.put("TF_CLI_CONFIG_FILE", "/dev/null");
        }
        env.putAll(extra);
        Path out = Files.createTempFile(dir, ".tf-out-", ".txt");
        Path err = Files.createTempFile(dir, ".tf-err-", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("terraform " + String.join(" ", args) + " in " + dir + " timed out");
        }
        Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    static JsonNode json(String text) throws IOException {
        return new ObjectMapper().readTree(text);
    }
}
