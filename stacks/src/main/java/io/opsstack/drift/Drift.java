package io.opsstack.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the drift check of an environment's stacks: per stack, in the order given (deploy order),
 * {@code terraform plan -refresh-only -out F} and {@code terraform show -json F} (what changed outside Terraform),
 * then a normal {@code plan} and its {@code show -json} (what an apply would do about it), and once
 * {@code terraform providers schema -json} (which attributes are arguments, which are sensitive). Read-only: it
 * never applies, and a plan writes no state. Each plan takes the stack's state lock while it runs (Terraform has one
 * lock for plan and apply; with the S3 backend, the lock file or the DynamoDB item); {@code -lock=false} is never
 * used, so a check never reads a state an apply is writing. The plan files hold the state (and so its secrets): they
 * are written to a private temporary folder and deleted after each stack.
 *
 * <p>The rehearsal (a drift drill) calls {@link #check(String, List, TerraformRunner)} with the stack directories it
 * deployed (already initialized, override files in place) and a runner carrying the emulator's environment; the
 * {@code opsstack drift} command calls {@link #check(String, List, List, TerraformRunner, Options)} with the user's
 * {@code cdktf.out/stacks/<id>} directories and credentials. {@link PlanDrift} is the pure core.
 */
public final class Drift {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param init        run {@code terraform init -input=false} in each directory first (as cdktf-cli does before
     *                    a deploy); false when the directories are initialized already (the rehearsal)
     * @param lockTimeout {@code -lock-timeout} of each plan: how long to wait for a lock an apply holds (default
     *                    "0s": fail at once, exit 1, and say so)
     */
    public record Options(boolean init, String lockTimeout) {
        public static final Options REHEARSAL = new Options(false, "0s");
    }

    private Drift() {
    }

    /**
     * Checks initialized stack directories, every one of the environment's stacks among them (the security group
     * rules the environment declares are read from their states). For the rehearsal's drift drill.
     *
     * @param environment the environment's name (for the report)
     * @param stackDirs   {@code .../stacks/<stack id>} directories in deploy order; the stack id is the folder's name
     * @param terraform   runs terraform (the rehearsal's runner, with the emulator's environment and logs)
     * @return the report; {@link DriftReport#exitCode()} is 0 clean, 2 drift, 1 a stack could not be checked
     */
    public static DriftReport check(String environment, List<Path> stackDirs, TerraformRunner terraform)
            throws IOException, InterruptedException {
        return check(environment, stackDirs, List.of(), terraform, Options.REHEARSAL);
    }

    /**
     * @param others the environment's stacks not checked (a {@code --stacks} selection): only their state is read,
     *               without a refresh, for the security group rules they declare (a rule of the data stack opens
     *               the network stack's database group), so those rules are not taken for hand-made ones
     */
    public static DriftReport check(String environment, List<Path> stackDirs, List<Path> others,
                                    TerraformRunner terraform, Options options) throws IOException,
            InterruptedException {
        Path tmp = Files.createTempDirectory("opsstack-drift-");
        try {
            Map<String, StackDrift> failed = new LinkedHashMap<>();
            Map<String, JsonNode[]> plans = new LinkedHashMap<>();
            Path initialized = null;
            for (Path dir : stackDirs) {
                String id = dir.getFileName().toString();
                try {
                    plans.put(id, plans(id, dir, tmp, terraform, options));
                    initialized = initialized == null ? dir : initialized;
                } catch (Failure f) {
                    failed.put(id, StackDrift.error(id, f.getMessage()));
                }
            }
            SecurityGroupRules rules = new SecurityGroupRules();
            plans.values().forEach(p -> rules.addDeclared(p[0].path("prior_state").path("values")
                    .path("root_module")));
            List<StackDrift> unreadable = new ArrayList<>();
            for (Path dir : others) {
                String id = dir.getFileName().toString();
                try {
                    if (options.init()) {
                        ok(id, "init", terraform.run(dir, id + ".drift-init", List.of("init", "-input=false",
                                "-no-color")));
                    }
                    JsonNode state = json(id, "show", terraform.run(dir, id + ".drift-state", List.of("show", "-json",
                            "-no-color")));
                    rules.addDeclared(state.path("values").path("root_module"));
                } catch (Failure f) {
                    unreadable.add(StackDrift.error(id, "its state (read for the security group rules it declares)"
                            + " could not be read: " + f.getMessage()));
                }
            }
            AttributeSchema schema = AttributeSchema.NONE;
            if (initialized != null) {
                String id = initialized.getFileName().toString();
                try {
                    schema = schema(initialized, terraform);
                } catch (Failure f) {
                    // Without the schema AWS's own computed values would count as drift: no verdict at all.
                    for (String s : plans.keySet()) {
                        failed.put(s, StackDrift.error(s, "the provider's schema could not be read: "
                                + f.getMessage()));
                    }
                    plans.clear();
                }
            }
            List<StackDrift> out = new ArrayList<>();
            for (Path dir : stackDirs) {
                String id = dir.getFileName().toString();
                JsonNode[] p = plans.get(id);
                out.add(p != null ? PlanDrift.parse(id, p[0], p[1], schema, rules) : failed.get(id));
            }
            out.addAll(unreadable);
            return new DriftReport(environment, out);
        } finally {
            deleteTree(tmp);
        }
    }

    /** Schemas read, by the providers' lock file (versions and checksums): a drill checks the same stacks often. */
    private static final Map<String, AttributeSchema> SCHEMAS = new java.util.concurrent.ConcurrentHashMap<>();

    private static AttributeSchema schema(Path dir, TerraformRunner terraform) throws IOException,
            InterruptedException, Failure {
        Path lock = dir.resolve(".terraform.lock.hcl");
        String key = Files.isRegularFile(lock) ? Files.readString(lock) : null;
        AttributeSchema cached = key == null ? null : SCHEMAS.get(key);
        if (cached != null) {
            return cached;
        }
        String id = dir.getFileName().toString();
        AttributeSchema schema = AttributeSchema.of(json(id, "providers schema", terraform.run(dir,
                id + ".drift-schema", List.of("providers", "schema", "-json"))), null);
        if (key != null) {
            SCHEMAS.put(key, schema);
        }
        return schema;
    }

    /** The refresh-only plan and the normal plan of one stack, as JSON. */
    private static JsonNode[] plans(String id, Path dir, Path tmp, TerraformRunner terraform, Options options)
            throws IOException, InterruptedException, Failure {
        if (options.init()) {
            ok(id, "init", terraform.run(dir, id + ".drift-init", List.of("init", "-input=false", "-no-color")));
        }
        Path refreshPlan = tmp.resolve(id + ".refresh.tfplan");
        Path applyPlan = tmp.resolve(id + ".apply.tfplan");
        try {
            ok(id, "plan -refresh-only", terraform.run(dir, id + ".drift-refresh", List.of("plan", "-refresh-only",
                    "-input=false", "-no-color", "-lock-timeout=" + options.lockTimeout(), "-out=" + refreshPlan)));
            JsonNode refresh = json(id, "show", terraform.run(dir, id + ".drift-refresh-show", List.of("show",
                    "-json", "-no-color", refreshPlan.toString())));
            ok(id, "plan", terraform.run(dir, id + ".drift-plan", List.of("plan", "-input=false", "-no-color",
                    "-lock-timeout=" + options.lockTimeout(), "-out=" + applyPlan)));
            JsonNode apply = json(id, "show", terraform.run(dir, id + ".drift-plan-show", List.of("show", "-json",
                    "-no-color", applyPlan.toString())));
            return new JsonNode[] {refresh, apply};
        } finally {
            Files.deleteIfExists(refreshPlan);
            Files.deleteIfExists(applyPlan);
        }
    }

    private static void ok(String id, String step, TerraformRunner.Result r) throws Failure {
        if (r.exitCode() != 0) {
            String text = r.stderr().isBlank() ? r.stdout() : r.stderr();
            List<String> lines = text.strip().lines().toList();
            throw new Failure("terraform " + step + " failed (exit " + r.exitCode() + "):\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
        }
    }

    private static JsonNode json(String id, String step, TerraformRunner.Result r) throws Failure {
        ok(id, step, r);
        try {
            return JSON.readTree(r.stdout());
        } catch (IOException e) {
            throw new Failure("terraform " + step + " printed no JSON: " + e.getMessage());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** A terraform step that failed: the stack's check ends with this message. */
    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }
}
