package io.opsstack.rehearse;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.config.ActiveRegionEditor;
import io.opsstack.config.ConfigLoader;
import io.opsstack.config.DrConfig;
import io.opsstack.config.EnvironmentConfig;
import io.opsstack.stacks.StackPlan;
import io.opsstack.stacks.StackPlan.PlannedStack;
import io.opsstack.synth.Synthesizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code opsstack rehearse}: deploys environments for real (Terraform and the AWS provider) against an AWS
 * emulator on loopback, in a scratch folder: synth, apply in deploy order, a second plan that must be empty, the
 * region swap and back for an environment with {@code dr}, and destroy. docs/rehearsal.md says what that proves.
 */
public final class Rehearsal {

    /** How to rehearse. {@code endpoint} null: start moto per environment. {@code pluginMirror} null: the user's. */
    public record Options(Path home, Path scratch, String endpoint, Path pluginMirror, String providerVersion,
                          int parallelism, int jobs, String terraform, String python, Duration stepTimeout) {
    }

    /** One step of one stack (or of the environment, stack "-"), as printed and in the JSON. */
    public record Step(String environment, String stack, String step, int resources, double seconds, String status,
                       String detail) {
    }

    /** One environment's outcome. */
    public record EnvironmentResult(String environment, boolean ok, double seconds, List<Step> steps,
                                    List<String> substitutions, List<String> notProven, String error) {
    }

    /** Receives every step as it finishes (progress lines). Called from several threads with {@code jobs > 1}. */
    public interface Progress {
        void step(Step step);
    }

    /** Checks an --endpoint URL up front (loopback only); returns the normalized URL. */
    public static String checkEndpoint(String url) throws RehearsalException {
        return ChildEnvironment.loopbackEndpoint(url);
    }

    /** Synth runs one cdktf App in the JVM's one jsii runtime: one at a time. */
    private static final Object SYNTH_LOCK = new Object();

    private final Options options;
    private final Progress progress;

    public Rehearsal(Options options, Progress progress) {
        this.options = options;
        this.progress = progress;
    }

    /** Rehearses the environments (at most {@code jobs} at a time, each with its own emulator). */
    public List<EnvironmentResult> run(List<EnvironmentConfig> environments) throws Exception {
        Files.createDirectories(options.scratch());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, options.jobs()));
        try {
            List<Future<EnvironmentResult>> futures = new ArrayList<>();
            for (EnvironmentConfig env : environments) {
                futures.add(pool.submit(() -> new EnvironmentRun(env).run()));
            }
            List<EnvironmentResult> results = new ArrayList<>();
            for (Future<EnvironmentResult> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * TF_CLI_CONFIG_FILE of one environment: the plugin mirror if given (else the user's own CLI config, copied, or
     * the registry), and one plugin cache for the environment's stacks: with an unpacked mirror each stack's
     * .terraform/ then holds symlinks, not its own copy of the 700 MB provider. One cache per environment because
     * Terraform's plugin cache is not safe for concurrent inits (environments run side by side with --jobs).
     */
    private Path writeTerraformConfig(Path dir) throws IOException {
        Path cache = dir.resolve("plugin-cache");
        Files.createDirectories(cache);
        StringBuilder rc = new StringBuilder();
        rc.append("plugin_cache_dir = \"").append(hcl(cache.toString())).append("\"\n");
        if (options.pluginMirror() != null) {
            rc.append("provider_installation {\n  filesystem_mirror {\n    path = \"")
                    .append(hcl(options.pluginMirror().toAbsolutePath().toString()))
                    .append("\"\n  }\n}\n");
        } else {
            String user = System.getenv("TF_CLI_CONFIG_FILE");
            Path userRc = user != null ? Path.of(user) : Path.of(System.getProperty("user.home"), ".terraformrc");
            if (Files.isRegularFile(userRc)) {
                rc.append(Files.readString(userRc, StandardCharsets.UTF_8).replaceAll("(?m)^\\s*plugin_cache_dir.*$",
                        ""));
            }
        }
        Path file = dir.resolve("terraform.rc");
        Files.writeString(file, rc.toString(), StandardCharsets.UTF_8);
        return file;
    }

    private static String hcl(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** Everything about one environment's rehearsal; one thread. */
    private final class EnvironmentRun {
        private final String name;
        private final Path dir;
        private final Path project;
        private final Path out;
        private final Path state;
        private final List<Step> steps = new ArrayList<>();
        private final Map<String, String> substitutions = new LinkedHashMap<>();
        private final List<String> substitutionNotes = new ArrayList<>();
        private final java.util.TreeSet<String> notProven = new java.util.TreeSet<>();
        private final Map<String, Map<String, Object>> extra = new TreeMap<>();
        private EnvironmentConfig env;
        private Terraform terraform;
        private String endpoint;
        private boolean failed;

        EnvironmentRun(EnvironmentConfig env) {
            this.env = env;
            this.name = env.name();
            this.dir = options.scratch().resolve(name);
            this.project = dir.resolve("project");
            this.out = dir.resolve("out");
            this.state = dir.resolve("state");
        }

        /** The child processes' environment (scrubbed, fake keys), set once the emulator runs. */
        private Map<String, String> childEnv = Map.of();

        EnvironmentResult run() {
            long start = System.nanoTime();
            String error = null;
            try {
                prepare();
                Map<String, String> childEnv = ChildEnvironment.of(System.getenv(), dir, Map.of(
                        "TF_CLI_CONFIG_FILE", writeTerraformConfig(dir).toString()));
                try (Emulator emulator = options.endpoint() != null ? Emulator.external(options.endpoint())
                        : Emulator.moto(dir, childEnv, options.python())) {
                    endpoint = emulator.endpoint;
                    record("-", "emulator", 0, start, true, endpoint + (emulator.owned() ? " (moto, started)" : ""));
                    terraform = new Terraform(options.terraform(), childEnv, dir.resolve("logs"), options.parallelism(),
                            options.stepTimeout());
                    this.childEnv = childEnv;
                    externals(childEnv);
                    rehearse();
                }
            } catch (StepFailed e) {
                error = e.getMessage();
                if (steps.stream().noneMatch(st -> st.status().equals("FAILED"))) {
                    record("-", "error", 0, System.nanoTime(), false, error);
                }
            } catch (Exception e) {
                error = e.getClass().getSimpleName() + ": " + e.getMessage();
                record("-", "error", 0, System.nanoTime(), false, error);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new EnvironmentResult(name, error == null && !failed, seconds, List.copyOf(steps),
                    List.copyOf(substitutionNotes), List.copyOf(notProven), error);
        }

        /** The scratch project: a copy of the environment file (edited there, never the user's) and the templates. */
        private void prepare() throws IOException {
            Files.createDirectories(project.resolve(ConfigLoader.ENVIRONMENTS_DIR));
            Files.createDirectories(state);
            Files.createDirectories(dir.resolve("home"));
            Files.writeString(dir.resolve("home/aws-config-empty"), "");
            Files.writeString(dir.resolve("home/aws-credentials-empty"), "");
            String file = name + ConfigLoader.EXTENSION;
            Files.copy(options.home().resolve(ConfigLoader.ENVIRONMENTS_DIR).resolve(file),
                    project.resolve(ConfigLoader.ENVIRONMENTS_DIR).resolve(file),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Path templates = project.resolve("templates");
            if (!Files.exists(templates)) {
                Files.createSymbolicLink(templates, options.home().resolve("templates").toAbsolutePath());
            }
        }

        /**
         * What the environment names but does not create, made in the emulator first: the hosted zone of
         * dns.zoneId and the ACM certificate of app.certificateArn (self-signed, imported). Their emulator ids
         * replace the configured ones through the override files.
         */
        private void externals(Map<String, String> childEnv) throws Exception {
            // Every certificate the stacks name: the primary load balancer's and, with dr, the DR one's.
            Map<String, String> certificates = new LinkedHashMap<>();
            env.app().flatMap(a -> a.certificateArn()).ifPresent(c -> certificates.put("app.certificateArn", c));
            env.dr().flatMap(d -> d.certificateArn()).ifPresent(c -> certificates.put("dr.certificateArn", c));
            if (env.dns().isEmpty() && certificates.isEmpty()) {
                return;
            }
            long start = System.nanoTime();
            String domain = env.dns().map(d -> d.name()).orElse("app.rehearsal.invalid");
            String zone = domain.indexOf('.') < domain.lastIndexOf('.') ? domain.substring(domain.indexOf('.') + 1)
                    : domain;
            List<String> command = new ArrayList<>(List.of(options.python(), launcher(), "externals", endpoint, zone,
                    domain));
            certificates.values().stream().map(c -> c.split(":")[3]).distinct().forEach(command::add);
            ProcessBuilder pb = new ProcessBuilder(command);
            ChildEnvironment.apply(pb, childEnv);
            Path log = dir.resolve("logs/externals.log");
            Files.createDirectories(log.getParent());
            pb.redirectErrorStream(true).redirectOutput(log.toFile());
            int code = pb.start().waitFor();
            String text = Files.readString(log, StandardCharsets.UTF_8).strip();
            if (code != 0) {
                record("-", "externals", 0, start, false, Terraform.tail(log, 10));
                throw new StepFailed("could not create the zone and certificates in the emulator");
            }
            JsonNode ids = Overrides.JSON.readTree(text.substring(text.lastIndexOf('\n') + 1));
            if (env.dns().isPresent()) {
                substitutions.put(env.dns().get().zoneId(), ids.path("zoneId").asText());
                substitutionNotes.add("dns.zoneId " + env.dns().get().zoneId() + " -> " + ids.path("zoneId").asText()
                        + " (hosted zone " + zone + " created in the emulator)");
            }
            for (Map.Entry<String, String> c : certificates.entrySet()) {
                String arn = ids.path("certificates").path(c.getValue().split(":")[3]).asText();
                substitutions.put(c.getValue(), arn);
                substitutionNotes.add(c.getKey() + " " + c.getValue() + " -> " + arn
                        + " (self-signed certificate for " + domain + " imported into ACM)");
            }
            record("-", "externals", 0, start, true, String.join("; ", substitutionNotes));
        }

        private void rehearse() throws Exception {
            List<PlannedStack> plan = StackPlan.of(env);
            synth("synth");
            for (PlannedStack s : plan) {
                init(s);
                apply(s, "apply");
            }
            planAll("plan");
            if (env.dr().isPresent()) {
                swap(DrConfig.Active.DR, "failover");
                planAll("plan after failover");
                swap(DrConfig.Active.PRIMARY, "failback");
                planAll("plan after failback");
            }
            teardown();
        }

        private Map<String, byte[]> synth(String label) throws Exception {
            long start = System.nanoTime();
            Map<String, byte[]> before = snapshot();
            synchronized (SYNTH_LOCK) {
                env = new ConfigLoader(project).load(List.of(name)).get(0);
                new Synthesizer(project).synth(List.of(env), out);
            }
            for (PlannedStack s : StackPlan.of(env)) {
                writeOverride(s.id());
            }
            Map<String, byte[]> after = snapshot();
            List<String> changed = new ArrayList<>();
            after.forEach((id, bytes) -> {
                if (!Arrays.equals(bytes, before.get(id))) {
                    changed.add(id);
                }
            });
            record("-", label, 0, start, true, before.isEmpty() ? StackPlan.of(env).size() + " stacks"
                    : "changed: " + (changed.isEmpty() ? "none" : String.join(", ", changed)));
            Map<String, byte[]> result = new LinkedHashMap<>();
            changed.forEach(id -> result.put(id, after.get(id)));
            return result;
        }

        private Map<String, byte[]> snapshot() throws IOException {
            Map<String, byte[]> stacks = new TreeMap<>();
            if (env == null || !Files.isDirectory(out)) {
                return stacks;
            }
            for (PlannedStack s : StackPlan.of(env)) {
                Path f = stackDir(s.id()).resolve("cdk.tf.json");
                if (Files.exists(f)) {
                    stacks.put(s.id(), Files.readAllBytes(f));
                }
            }
            return stacks;
        }

        private Path stackDir(String id) {
            return out.resolve("stacks").resolve(id);
        }

        private void writeOverride(String id) throws IOException, RehearsalException {
            JsonNode stack = Overrides.JSON.readTree(stackDir(id).resolve("cdk.tf.json").toFile());
            var override = Overrides.of(stack, id, state, endpoint, substitutions, extra);
            if (options.providerVersion() != null) {
                override.with("terraform").putObject("required_providers").putObject("aws")
                        .put("source", "hashicorp/aws").put("version", options.providerVersion());
            }
            Files.writeString(stackDir(id).resolve(Overrides.FILE), Overrides.JSON.writeValueAsString(override) + "\n");
        }

        private void init(PlannedStack s) throws Exception {
            long start = System.nanoTime();
            Terraform.Run run = terraform.init(stackDir(s.id()), s.id() + ".init");
            check(s.id(), "init", run, start);
        }

        private void apply(PlannedStack s, String label, String... extraArgs) throws Exception {
            long start = System.nanoTime();
            Terraform.Run run = terraform.apply(stackDir(s.id()), s.id() + "." + label.replace(' ', '-'), extraArgs);
            check(s.id(), label, run, start);
        }

        private void check(String stack, String label, Terraform.Run run, long start) throws StepFailed {
            if (!run.ok()) {
                record(stack, label, run.resources(), start, false, errorOf(run));
                throw new StepFailed(stack + ": " + label + " failed");
            }
            record(stack, label, run.resources(), start, true, "");
        }

        private String errorOf(Terraform.Run run) {
            if (run.timedOut()) {
                return run.output().lines().findFirst().orElse("") + "\n" + Terraform.tail(run.log(), 12)
                        + "\n(log: " + run.log() + ")";
            }
            String text = run.output();
            int i = text.indexOf("Error:");
            String excerpt = i < 0 ? Terraform.tail(run.log(), 12) : text.substring(Math.max(0, i - 2),
                    Math.min(text.length(), i + 1500)).strip();
            return excerpt + "\n(log: " + run.log() + ")";
        }

        private void planAll(String label) throws Exception {
            for (PlannedStack s : StackPlan.of(env)) {
                long start = System.nanoTime();
                Path d = stackDir(s.id());
                String logLabel = s.id() + "." + label.replace(' ', '-');
                Terraform.Run run = terraform.plan(d, logLabel);
                if (run.exitCode() == 0) {
                    record(s.id(), label, 0, start, true, "no changes");
                    continue;
                }
                if (run.exitCode() != 2) {
                    record(s.id(), label, 0, start, false, errorOf(run));
                    failed = true;
                    continue;
                }
                Terraform.Run show = terraform.showPlanJson(d, logLabel + ".json");
                PlanCheck.Verdict verdict = PlanCheck.check(Overrides.JSON.readTree(show.output()));
                if (verdict.converged()) {
                    notProven.addAll(verdict.notProven());
                    record(s.id(), label, 0, start, true, "not proven: " + String.join("; ", verdict.notProven()));
                } else {
                    failed = true;
                    record(s.id(), label, verdict.failing().size(), start, false, "not converged: "
                            + verdict.failing().stream().map(Object::toString).toList() + " (plan: " + run.log() + ")");
                }
            }
        }

        /** Failover or failback on the scratch copy: edit, re-synth, apply what changed, check the promises. */
        private void swap(DrConfig.Active active, String label) throws Exception {
            long start = System.nanoTime();
            DrConfig dr = env.dr().orElseThrow();
            String drData = StackPlan.id(name, StackPlan.Kind.DR_DATA);
            // docs/disaster-recovery.md, failback step 5: the promoted DR instance is standalone now and a new
            // replica replaces it (the provider refuses to turn a standalone instance into a replica: "cannot elect
            // new source database for replication"). With deletion protection on (production) the operator lifts
            // it on the old instance first, still under the failover config; the new replica gets it back after.
            boolean replaceReplica = active == DrConfig.Active.PRIMARY && dr.mode() == DrConfig.Mode.WARM_STANDBY;
            boolean protectedDb = replaceReplica && env.database().deletionProtection();
            String db = replaceReplica ? dbAddress(drData) : null;
            if (protectedDb) {
                extra.put(db, Map.of("deletion_protection", false));
                writeOverride(drData);
                apply(planned(drData), label + " unprotect");
            }
            new ActiveRegionEditor(project).set(name, active);
            record("-", label, 0, start, true, "dr.activeRegion: " + active.yamlName() + " (scratch copy)");
            Map<String, byte[]> changed = synth("synth after " + label);
            for (PlannedStack s : StackPlan.of(env)) {
                if (replaceReplica && s.id().equals(drData)) {
                    apply(s, label, "-replace=" + db);
                    if (protectedDb) {
                        extra.remove(db);
                        for (PlannedStack each : StackPlan.of(env)) {
                            writeOverride(each.id()); // the primary data stack has a resource of the same name
                        }
                        apply(s, label + " protect");
                    }
                } else if (changed.containsKey(s.id())) {
                    apply(s, label);
                }
            }
            verifySwap(active, label);
        }

        private PlannedStack planned(String id) {
            return StackPlan.of(env).stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
        }

        private String dbAddress(String stackId) throws IOException {
            JsonNode stack = Overrides.JSON.readTree(stackDir(stackId).resolve("cdk.tf.json").toFile());
            return "aws_db_instance." + stack.path("resource").path("aws_db_instance").fieldNames().next();
        }

        /** What docs/disaster-recovery.md promises after a swap, read from the DR stacks' state. */
        private void verifySwap(DrConfig.Active active, String label) throws Exception {
            long start = System.nanoTime();
            DrConfig dr = env.dr().orElseThrow();
            String serving = active == DrConfig.Active.DR ? dr.region() : env.region();
            String standby = active == DrConfig.Active.DR ? env.region() : dr.region();
            List<String> problems = new ArrayList<>();
            List<String> seen = new ArrayList<>();
            String appId = StackPlan.id(name, StackPlan.Kind.DR_APP);
            if (env.app().isPresent() && env.dns().isPresent()) {
                JsonNode resources = stateResources(appId);
                for (JsonNode r : resources) {
                    if (!r.path("type").asText().equals("aws_route53_record")
                            || r.path("values").path("failover_routing_policy").isEmpty()) {
                        continue;
                    }
                    String id = r.path("values").path("set_identifier").asText();
                    String type = r.path("values").path("failover_routing_policy").path(0).path("type").asText();
                    String want = id.equals(serving) ? "PRIMARY" : id.equals(standby) ? "SECONDARY" : "?";
                    seen.add(id + "=" + type);
                    if (!want.equals(type)) {
                        problems.add("failover record " + id + " is " + type + ", want " + want);
                    }
                }
                if (seen.size() != 2) {
                    problems.add("expected two failover records in " + appId + ", found " + seen);
                }
                int wantHosts = active == DrConfig.Active.DR ? env.app().get().desiredCapacity() : dr.standbyCapacity();
                for (JsonNode r : resources) {
                    if (r.path("type").asText().equals("aws_autoscaling_group")) {
                        int desired = r.path("values").path("desired_capacity").asInt(-1);
                        seen.add("DR hosts=" + desired);
                        if (desired != wantHosts) {
                            problems.add(appId + " desired capacity " + desired + ", want " + wantHosts);
                        }
                    }
                }
            }
            String dataId = StackPlan.id(name, StackPlan.Kind.DR_DATA);
            for (JsonNode r : stateResources(dataId)) {
                if (r.path("type").asText().equals("aws_db_instance") && r.path("mode").asText().equals("managed")) {
                    String source = r.path("values").path("replicate_source_db").asText("");
                    seen.add("DR database " + (source.isEmpty() ? "standalone" : "replica of " + source));
                    boolean replica = !source.isEmpty();
                    boolean wantReplica = active == DrConfig.Active.PRIMARY && dr.mode() == DrConfig.Mode.WARM_STANDBY;
                    if (replica != wantReplica) {
                        problems.add(dataId + ": database is " + (replica ? "a replica" : "standalone") + ", want "
                                + (wantReplica ? "a replica" : "standalone"));
                    }
                }
            }
            record("-", "verify " + label, 0, start, problems.isEmpty(),
                    problems.isEmpty() ? String.join(", ", seen) : String.join("; ", problems));
            if (!problems.isEmpty()) {
                throw new StepFailed(label + ": " + String.join("; ", problems));
            }
        }

        private JsonNode stateResources(String stackId) throws Exception {
            Terraform.Run run = terraform.showStateJson(stackDir(stackId), stackId + ".state.json");
            if (!run.ok()) {
                throw new StepFailed(stackId + ": terraform show failed: " + Terraform.tail(run.log(), 5));
            }
            return Overrides.JSON.readTree(run.output()).path("values").path("root_module").path("resources");
        }

        /**
         * As a real teardown must: deletion protection lifted first (database.deletionProtection: false with the
         * suppression production needs, in the scratch copy; the load balancer's through the override), applied,
         * then destroy in reverse deploy order, and every state must be empty.
         */
        private void teardown() throws Exception {
            long start = System.nanoTime();
            // With dr, both databases' protection is lifted through the override. Written when the loader refused
            // the DR database's suppression; it now accepts prod-data/database for both, and app.deletionProtection
            // exists, so the whole teardown could go through the scratch environment file (a follow-up).
            boolean viaConfig = env.dr().isEmpty();
            boolean edited = viaConfig && liftDeletionProtection();
            List<PlannedStack> plan = StackPlan.of(env);
            for (PlannedStack s : plan) {
                JsonNode stack = Overrides.JSON.readTree(stackDir(s.id()).resolve("cdk.tf.json").toFile());
                stack.path("resource").path("aws_lb").fieldNames().forEachRemaining(lb ->
                        extra.put("aws_lb." + lb, Map.of("enable_deletion_protection", false)));
                // S3 refuses to delete a bucket that holds objects, and the backups' log bucket keeps receiving
                // access logs until its logging configuration is destroyed: emptying it beforehand is not enough.
                // force_destroy empties each bucket at its own deletion, as a team's teardown would set it.
                stack.path("resource").path("aws_s3_bucket").fieldNames().forEachRemaining(b ->
                        extra.put("aws_s3_bucket." + b, Map.of("force_destroy", true)));
                if (!viaConfig) {
                    stack.path("resource").path("aws_db_instance").fieldNames().forEachRemaining(db ->
                            extra.put("aws_db_instance." + db, Map.of("deletion_protection", false)));
                }
            }
            record("-", "lift protection", 0, start, true, (edited ? "database.deletionProtection: false (scratch"
                    + " copy); " : "") + (extra.isEmpty() ? "nothing else protected" : "override: "
                    + String.join(", ", extra.keySet()) + " protection off"));
            Map<String, byte[]> changed = synth("synth for teardown");
            for (PlannedStack s : plan) {
                JsonNode stack = Overrides.JSON.readTree(stackDir(s.id()).resolve("cdk.tf.json").toFile());
                boolean overridden = extra.keySet().stream().anyMatch(k -> stack.path("resource")
                        .path(k.split("\\.", 2)[0]).has(k.split("\\.", 2)[1]));
                if (changed.containsKey(s.id()) || overridden) {
                    apply(s, "apply for teardown");
                }
            }
            emptyBuckets();
            List<PlannedStack> reversed = new ArrayList<>(plan);
            java.util.Collections.reverse(reversed);
            for (PlannedStack s : reversed) {
                long t = System.nanoTime();
                Terraform.Run run = terraform.destroy(stackDir(s.id()), s.id() + ".destroy");
                check(s.id(), "destroy", run, t);
                Terraform.Run list = terraform.stateList(stackDir(s.id()), s.id() + ".state-list");
                if (!list.output().isBlank() && !list.output().contains("No state file")) {
                    record(s.id(), "state empty", 0, t, false, list.output().strip());
                    failed = true;
                }
            }
        }

        /**
         * As a real teardown must: S3 refuses to delete a bucket that holds objects (409 BucketNotEmpty), and the
         * backups' log bucket fills with server access logs. Only this environment's buckets (opsstack-ENV-...), so an
         * emulator given with --endpoint keeps everything else.
         */
        private void emptyBuckets() throws Exception {
            long start = System.nanoTime();
            ProcessBuilder pb = new ProcessBuilder(options.python(), launcher(), "empty-buckets", endpoint,
                    "opsstack-" + env.name() + "-");
            ChildEnvironment.apply(pb, childEnv);
            Path log = dir.resolve("logs/empty-buckets.log");
            pb.redirectErrorStream(true).redirectOutput(log.toFile());
            int code = pb.start().waitFor();
            if (code != 0) {
                record("-", "empty buckets", 0, start, false, Terraform.tail(log, 10));
                throw new StepFailed("could not empty the buckets before destroy");
            }
            String text = Files.readString(log, StandardCharsets.UTF_8).strip();
            JsonNode removed = Overrides.JSON.readTree(text.substring(text.lastIndexOf('\n') + 1));
            List<String> notes = new ArrayList<>();
            removed.properties().forEach(b -> notes.add(b.getKey() + ": " + b.getValue().asInt()));
            record("-", "empty buckets", 0, start, true, notes.isEmpty() ? "none" : String.join(", ", notes));
        }

        /** The launcher's path in the scratch folder (also its helper commands, with --endpoint, where no moto runs). */
        private String launcher() throws Exception {
            Path launcher = dir.resolve(Emulator.LAUNCHER);
            if (!Files.exists(launcher)) {
                try (var in = Emulator.class.getResourceAsStream(Emulator.LAUNCHER)) {
                    Files.copy(in, launcher);
                }
            }
            return launcher.toString();
        }

        /** database.deletionProtection: false (and the suppression production needs) in the scratch copy. */
        private boolean liftDeletionProtection() throws Exception {
            if (!env.database().deletionProtection() || env.database().sqlite()) {
                return false;
            }
            Path file = project.resolve(ConfigLoader.ENVIRONMENTS_DIR).resolve(name + ConfigLoader.EXTENSION);
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String edited = text.replaceFirst("(?m)^(\\s+deletionProtection:\\s*)true\\b", "$1false");
            if (edited.equals(text)) {
                throw new StepFailed("cannot find database.deletionProtection: true in the scratch copy of "
                        + env.file());
            }
            String item = "  - rule: OPS-RDS-004\n    resource: " + name + "-data/database\n"
                    + "    reason: \"opsstack rehearse: teardown of the emulator copy\"\n";
            if (edited.matches("(?s).*(?m:^suppressions:\\s*\\[\\s*\\]).*")) {
                edited = edited.replaceFirst("(?m)^suppressions:\\s*\\[\\s*\\]", "suppressions:\n" + item.stripTrailing());
            } else if (edited.matches("(?s).*(?m:^suppressions:\\s*(#.*)?$).*")) {
                edited = edited.replaceFirst("(?m)^suppressions:\\s*(#.*)?$", "suppressions:\n" + item.stripTrailing());
            } else {
                edited = edited + (edited.endsWith("\n") ? "" : "\n") + "suppressions:\n" + item;
            }
            Files.writeString(file, edited, StandardCharsets.UTF_8);
            return true;
        }

        private void record(String stack, String step, int resources, long startNanos, boolean ok, String detail) {
            Step s = new Step(name, stack, step, resources, Math.round((System.nanoTime() - startNanos) / 1e8) / 10.0,
                    ok ? (detail.startsWith("not proven") ? "not proven" : "ok") : "FAILED", detail);
            steps.add(s);
            if (!ok) {
                failed = true;
            }
            progress.step(s);
        }
    }

    /** A step failed; already recorded. Ends the environment's rehearsal (the emulator is stopped). */
    private static final class StepFailed extends Exception {
        private static final long serialVersionUID = 1L;

        StepFailed(String message) {
            super(message);
        }
    }
}
