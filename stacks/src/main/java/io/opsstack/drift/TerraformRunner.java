package io.opsstack.drift;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How {@link Drift} runs terraform in a stack's directory. {@code opsstack drift} uses {@link #process}, with the
 * user's own environment (credentials, profile, backend access) left as it is; the rehearsal passes its own, with
 * the emulator's environment and its log folder.
 */
@FunctionalInterface
public interface TerraformRunner {

    /** One finished run: exit code, standard output (a {@code show -json} is read from it), standard error. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    /**
     * Runs {@code terraform ARGS...} in {@code dir}.
     *
     * @param label names the run (stack and step, e.g. {@code prod-data.drift-refresh}) for logs
     */
    Result run(Path dir, String label, List<String> args) throws IOException, InterruptedException;

    /**
     * Runs the executable as a child process with this process's environment plus {@code extraEnv}; output is
     * collected through temporary files (a {@code show -json} of a large stack is megabytes).
     */
    static TerraformRunner process(String executable, Map<String, String> extraEnv) {
        return (dir, label, args) -> {
            List<String> command = new ArrayList<>();
            command.add(executable);
            command.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
            pb.environment().putAll(extraEnv);
            // Terraform's hints ("run terraform apply") are for a person at its prompt, not ours.
            pb.environment().put("TF_IN_AUTOMATION", "1");
            Path out = Files.createTempFile("opsstack-drift-", ".out");
            Path err = Files.createTempFile("opsstack-drift-", ".err");
            try {
                pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                        new java.io.File("/dev/null")));
                Process p;
                try {
                    p = pb.start();
                } catch (IOException e) {
                    throw new IOException("cannot run " + executable + " (Terraform 1.5+ on PATH, or --terraform):"
                            + " " + e.getMessage(), e);
                }
                int code;
                try {
                    code = p.waitFor();
                } catch (InterruptedException e) {
                    // Ctrl-C: terraform got the signal too (same process group); let it release its lock.
                    p.destroy();
                    throw e;
                }
                return new Result(code, Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        };
    }
}
