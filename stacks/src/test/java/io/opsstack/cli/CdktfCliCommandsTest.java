package io.opsstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opsstack.config.ConfigLoader;
import io.opsstack.config.EnvironmentConfig;
import io.opsstack.stacks.StackPlan;
import io.opsstack.synth.SynthFixture;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every cdktf-cli command that opsstack prints ({@code list}, {@code failover}, {@code failback}), that the README
 * and docs show, and that the shipped workflow runs, run by the real cdktf-cli 0.19.2 (tools/cdktf-cli, installed
 * by .ci/run with npm ci) with no network: against the synthesized output of every environment, with a
 * {@code terraform} on PATH replaced by a stub that records each call and deploys nothing. cdktf-cli's own checks
 * come first (stack names, "The following dependencies are not included in the stacks to run"), then its
 * scheduler, whose order is what the stub's log shows. cdktf.json's app is {@code true} here (the output is
 * synthesized already), so the printed command runs unchanged, --skip-synth or not.
 */
class CdktfCliCommandsTest {

    private static final Path HOME = SynthFixture.HOME;
    private static final Path CLI = HOME.resolve("tools/cdktf-cli/node_modules/.bin/cdktf");
    private static final Pattern COMMAND = Pattern.compile("npx (?:--yes )?cdktf-cli@0\\.19\\.2 ([^`\\n#]*)");
    private static final Pattern LIST_IDS = Pattern.compile("\\$\\(\\./opsstack list --ids ([a-z0-9-]+)\\)");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** prod's manifest.json dependencies before issue 21 (as StackDependenciesTest.PROD_BEFORE). */
    private static final Map<String, List<String>> PROD_BEFORE = Map.of(
            "prod-network", List.of(), "prod-dr-network", List.of(), "prod-data", List.of("prod-network"),
            "prod-app", List.of("prod-network", "prod-data"), "prod-dr-data", List.of("prod-dr-network"),
            "prod-dr-app", List.of("prod-dr-network", "prod-dr-data"));

    private static final Set<List<String>> ACCEPTED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static SynthFixture fixture;
    private static Map<String, List<String>> manifest;

    record Call(String stack, String event, long nanos) {
    }

    record Run(int exit, String output, List<Call> calls) {
        long at(String stack, String event) {
            return calls.stream().filter(c -> c.stack.equals(stack) && c.event.equals(event)).mapToLong(Call::nanos)
                    .findFirst().orElse(-1);
        }
    }

    @BeforeAll
    static void requireCdktfCli() throws Exception {
        String missing = null;
        if (!onPath("node")) {
            missing = "node is not on PATH";
        } else if (!Files.isExecutable(CLI)) {
            missing = CLI + " is missing (cd tools/cdktf-cli && npm ci; .ci/run does it)";
        }
        if (missing != null) {
            if (System.getenv("CI") != null) {
                fail(missing + ": required in CI");
            }
            System.err.println("SKIPPED: CdktfCliCommandsTest: " + missing);
            Assumptions.abort(missing);
        }
        fixture = SynthFixture.shared();
        manifest = new HashMap<>();
        JSON.readTree(fixture.out.resolve("manifest.json").toFile()).get("stacks").fields().forEachRemaining(e -> {
            List<String> deps = new ArrayList<>();
            e.getValue().path("dependencies").forEach(d -> deps.add(d.asText()));
            manifest.put(e.getKey(), deps);
        });
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** A project directory: cdktf.json (app: true) and a copy of the fixture's output, dependencies replaceable. */
    private static Path project(Map<String, List<String>> dependencies) throws IOException {
        Path dir = Files.createTempDirectory("opsstack-cdktf-cli-");
        ObjectNode config = (ObjectNode) JSON.readTree(HOME.resolve("cdktf.json").toFile());
        config.put("app", "true");
        Files.writeString(dir.resolve("cdktf.json"), config.toString());
        Path out = dir.resolve("cdktf.out");
        try (Stream<Path> files = Files.walk(fixture.out)) {
            for (Path f : files.toList()) {
                Path to = out.resolve(fixture.out.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        if (dependencies != null) {
            ObjectNode m = (ObjectNode) JSON.readTree(out.resolve("manifest.json").toFile());
            dependencies.forEach((id, deps) -> {
                ArrayNode list = ((ObjectNode) m.get("stacks").get(id)).putArray("dependencies");
                deps.forEach(list::add);
            });
            Files.writeString(out.resolve("manifest.json"), m.toString());
        }
        return dir;
    }

    /**
     * A terraform that answers version queries, succeeds at init and providers lock, and records apply and destroy
     * (start, sleep STUB_SLEEP_<stack> seconds, end) in the log: cdktf-cli then treats the stack as deployed.
     */
    private static Path stub(Path dir) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path tf = bin.resolve("terraform");
        Files.writeString(tf, """
                #!/usr/bin/env bash
                stack=$(basename "$PWD")
                log() { echo "$stack $1 $(date +%s%N)" >> "$STUB_LOG"; }
                case "$1" in
                  version|-version|--version|-v)
                    if [ "${2:-}" = -json ]; then
                      echo '{"terraform_version":"1.11.4","platform":"linux_amd64","provider_selections":{},"terraform_outdated":false}'
                    else echo "Terraform v1.11.4"; fi
                    exit 0;;
                  init|providers|get) log "$1"; exit 0;;
                  apply|destroy)
                    failvar="STUB_FAIL_${stack//-/_}"
                    if [ -n "${!failvar:-}" ]; then log "$1-failed"; echo "Error: stub refuses $1" >&2; exit 1; fi
                    log "$1-start"; var="STUB_SLEEP_${stack//-/_}"; sleep "${!var:-0.05}"; log "$1-end"
                    echo "Apply complete! Resources: 0 added, 0 changed, 0 destroyed."; exit 0;;
                  output) echo '{}'; exit 0;;
                  *) log "unexpected-$1"; echo "stub terraform: $* is not expected" >&2; exit 1;;
                esac
                """);
        tf.toFile().setExecutable(true);
        return bin;
    }

    private static Run cdktf(Path project, List<String> args, Map<String, String> extraEnv) throws Exception {
        Path bin = stub(project);
        Path log = project.resolve("terraform-calls.log");
        Files.writeString(log, "");
        List<String> command = new ArrayList<>(List.of(CLI.toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = pb.environment();
        env.put("PATH", bin + File.pathSeparator + env.getOrDefault("PATH", ""));
        env.put("CHECKPOINT_DISABLE", "1");
        env.put("TF_CLI_CONFIG_FILE", "/dev/null");
        env.put("STUB_LOG", log.toString());
        env.put("HOME", project.toString()); // cdktf-cli's ~/.cdktf stays in the temporary project
        env.putAll(extraEnv);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("cdktf " + args + " timed out");
        }
        List<Call> calls = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            String[] f = line.split(" ");
            calls.add(new Call(f[0], f[1], Long.parseLong(f[2])));
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), calls);
    }

    /** The arguments after {@code cdktf-cli@0.19.2}, with the workflow's $(./opsstack list --ids ENV) expanded. */
    private static List<String> arguments(String command) throws Exception {
        Matcher ids = LIST_IDS.matcher(command);
        StringBuilder expanded = new StringBuilder();
        while (ids.find()) {
            EnvironmentConfig env = new ConfigLoader(HOME).load(List.of(ids.group(1))).get(0);
            ids.appendReplacement(expanded, String.join(" ", StackPlan.of(env).stream()
                    .map(StackPlan.PlannedStack::id).toList()));
        }
        ids.appendTail(expanded);
        return List.of(expanded.toString().strip().split("\\s+"));
    }

    private static Set<String> commandsIn(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = COMMAND.matcher(text);
        while (m.find()) {
            out.add(m.group(1).strip());
        }
        return out;
    }

    private static String opsstack(Path home, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--project-dir", home.toString()));
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
        assertEquals(0, code, err.toString());
        return out.toString();
    }

    /**
     * cdktf-cli accepted the command and ran it to the end: every stack named was applied (destroyed), each after
     * those of its manifest dependencies named with it (before its dependants, for destroy), and one at a time in
     * the order given where the command says --parallelism 1.
     */
    private static void assertAccepted(String command) throws Exception {
        List<String> args = arguments(command);
        if (!ACCEPTED.add(args)) {
            return; // the same command, printed or shown in several places: run once
        }
        Run run = cdktf(project(null), args, Map.of());
        String where = "`" + command + "`:\n" + run.output;
        assertFalse(run.output.contains("Usage Error"), where);
        assertEquals(0, run.exit, where);
        String verb = args.get(0);
        assertTrue(verb.equals("deploy") || verb.equals("destroy"), where);
        List<String> stacks = new ArrayList<>();
        for (int i = 1; i < args.size(); i++) {
            if (args.get(i).equals("--parallelism")) {
                i++; // its value
            } else if (!args.get(i).startsWith("-")) {
                stacks.add(args.get(i));
            }
        }
        assertFalse(stacks.isEmpty(), where);
        String event = verb.equals("deploy") ? "apply" : "destroy";
        for (String stack : stacks) {
            assertTrue(manifest.containsKey(stack), stack + " is no stack: " + where);
            assertTrue(run.at(stack, event + "-end") > 0, stack + " was not " + event + "ed: " + where + run.calls);
            for (String dep : manifest.get(stack)) {
                if (!stacks.contains(dep)) {
                    continue;
                }
                String first = verb.equals("deploy") ? dep : stack;
                String second = verb.equals("deploy") ? stack : dep;
                assertTrue(run.at(second, event + "-start") > run.at(first, event + "-end"),
                        second + " started before " + first + " ended: " + where + run.calls);
            }
        }
        if (args.contains("--parallelism") && args.get(args.indexOf("--parallelism") + 1).equals("1")) {
            for (int i = 1; i < stacks.size(); i++) {
                assertTrue(run.at(stacks.get(i), event + "-start") > run.at(stacks.get(i - 1), event + "-end"),
                        "not in the order given: " + where + run.calls);
            }
        }
    }

    /** Three cdktf-cli processes at a time: each waits mostly on node's start and its stub calls. */
    private static void assertAllAccepted(java.util.Collection<String> commands) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            List<java.util.concurrent.Future<?>> runs = new ArrayList<>();
            for (String command : commands) {
                runs.add(pool.submit(() -> {
                    assertAccepted(command);
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> run : runs) {
                try {
                    run.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void listsDeployAndTeardownCommandsAreAccepted() throws Exception {
        Set<String> commands = commandsIn(opsstack(HOME, "list"));
        assertTrue(commands.size() >= 7, commands.toString());
        List<String> all = new ArrayList<>(commands);
        // "Tear down: the same command with destroy": dependants first (prod's graph is the deepest).
        for (String command : commands) {
            if (command.contains("prod-network") || command.equals("deploy local")) {
                all.add(command.replaceFirst("^deploy ", "destroy "));
            }
        }
        assertAllAccepted(all);
    }

    @Test
    void failoverAndFailbackCommandsAreAccepted() throws Exception {
        Path copy = SynthFixture.copyOfProject(Map.of());
        Set<String> failover = commandsIn(opsstack(copy, "failover", "prod"));
        Set<String> failback = commandsIn(opsstack(copy, "failback", "prod"));
        assertEquals(1, failover.size(), failover.toString());
        // the primary, the DR side back to standby, protection back on (docs/disaster-recovery.md, "Failback")
        assertEquals(3, failback.size(), failback.toString());
        for (String command : failover) {
            assertAccepted(command);
        }
        for (String command : failback) {
            assertAccepted(command);
        }
    }

    @Test
    void commandsInTheDocsAndTheWorkflowAreAccepted() throws Exception {
        Set<String> commands = new LinkedHashSet<>();
        for (String file : List.of("README.md", "docs/disaster-recovery.md", "docs/runbook.md",
                "docs/configuration.md", "docs/rehearsal.md", ".github/workflows/infrastructure.yml",
                ".github/workflows/disaster-recovery.yml")) {
            Path path = HOME.resolve(file);
            if (Files.isRegularFile(path)) {
                commands.addAll(commandsIn(Files.readString(path)));
            }
        }
        assertTrue(commands.size() >= 5, commands.toString());
        for (String command : commands) {
            assertFalse(command.contains("<"), "a placeholder in a shown command: " + command);
        }
        assertAllAccepted(commands);
    }

    @Test
    void teardownCommandsAreAccepted() throws Exception {
        Set<String> commands = new LinkedHashSet<>();
        for (String env : List.of("prod", "dev", "poc", "local")) {
            Set<String> printed = commandsIn(opsstack(HOME, "teardown", env));
            assertTrue(printed.stream().anyMatch(c -> c.startsWith("destroy ")), env + ": " + printed);
            commands.addAll(printed);
        }
        assertAllAccepted(commands);
    }

    /**
     * Every printed command that lets cdktf-cli synthesize names its environment in OPSSTACK_ENVIRONMENTS, so that
     * cdktf.json's app synthesizes that one only.
     */
    @Test
    void printedCommandsLimitCdktfClisSynthToTheirEnvironment() throws Exception {
        Path copy = SynthFixture.copyOfProject(Map.of());
        List<String> lines = new ArrayList<>();
        lines.addAll(opsstack(copy, "list").lines().toList());
        lines.addAll(opsstack(copy, "failover", "prod").lines().toList());
        lines.addAll(opsstack(copy, "failback", "prod").lines().toList());
        lines.addAll(opsstack(copy, "teardown", "prod").lines().toList());
        int n = 0;
        for (String line : lines) {
            Matcher m = Pattern.compile("(\\S*)npx cdktf-cli@0\\.19\\.2 (deploy|destroy) ([a-z0-9]+)-").matcher(line);
            if (m.find()) {
                n++;
                String env = m.group(3);
                assertTrue(line.contains("OPSSTACK_ENVIRONMENTS=" + env + " npx"), line);
            }
        }
        assertTrue(n >= 12, "printed cdktf-cli commands: " + n);
    }

    /**
     * Issue 21: a broken, unrelated environment file must not stop prod's failover. cdktf-cli runs cdktf.json's app
     * first, which synthesizes every environment unless OPSSTACK_ENVIRONMENTS names some. Run with the real app (the
     * test's class path, started as ./opsstack starts it) on a project whose staging.yaml is broken: the printed
     * command deploys, the same command without the variable stops at staging's error before any stack.
     */
    @Test
    void failoverDeploysWithABrokenStagingFileAndFailsWithoutTheVariable() throws Exception {
        Path copy = SynthFixture.copyOfProject(Map.of("staging", "name: staging\nregion: us-east1\n"));
        String printed = commandsIn(opsstack(copy, "failover", "prod")).iterator().next();
        Path project = realApp(copy);
        Run broken = cdktf(project, arguments(printed), Map.of());
        assertTrue(broken.exit != 0, broken.output);
        assertTrue(broken.output.contains("staging.yaml"), broken.output);
        assertTrue(broken.calls.stream().noneMatch(c -> c.event.startsWith("apply")), broken.calls.toString());

        Run ok = cdktf(project, arguments(printed), Map.of("OPSSTACK_ENVIRONMENTS", "prod"));
        assertEquals(0, ok.exit, ok.output);
        assertTrue(ok.at("prod-dr-app", "apply-start") > ok.at("prod-dr-data", "apply-end"), ok.calls.toString());
        assertTrue(Files.exists(project.resolve("cdktf.out/stacks/prod-dr-data/cdk.tf.json")), ok.output);
        assertFalse(Files.exists(project.resolve("cdktf.out/stacks/dev-network")), "synthesized more than prod");
    }

    /**
     * A project whose cdktf.json app is opsstack itself, run from the test's class path the way ./opsstack runs the
     * jar (CDKTF_OUTDIR passed as the property, never to jsii's Node.js process).
     */
    private static Path realApp(Path home) throws IOException {
        Path dir = Files.createTempDirectory("opsstack-cdktf-app-");
        Path app = dir.resolve("app.sh");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(app, "#!/usr/bin/env bash\n"
                + "out=\"$CDKTF_OUTDIR\"; unset CDKTF_OUTDIR\n"
                + "exec '" + java + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp '"
                + System.getProperty("java.class.path") + "' -Dopsstack.home='" + home + "'"
                + " -Dopsstack.cdktfOutdir=\"$out\" io.opsstack.cli.Main \"$@\"\n");
        app.toFile().setExecutable(true);
        ObjectNode config = (ObjectNode) JSON.readTree(HOME.resolve("cdktf.json").toFile());
        assertEquals("./opsstack synth", config.get("app").asText(), "cdktf.json's app changed: follow it here");
        config.put("app", app + " synth");
        Files.writeString(dir.resolve("cdktf.json"), config.toString());
        return dir;
    }

    @Test
    void failsTheSubsetDeployTheFailoverPrintedBefore() throws Exception {
        Run run = cdktf(project(null), List.of("deploy", "prod-dr-data", "prod-dr-app", "--auto-approve"), Map.of());
        assertTrue(run.output.contains("Usage Error: The following dependencies are not included in the stacks to"
                + " run: prod-dr-network, prod-data"), run.output);
        assertTrue(run.calls.stream().noneMatch(c -> c.event.startsWith("apply")), run.calls.toString());
    }

    /** With the flag, cdktf-cli ignores dependencies; --parallelism 1 still stops at the first failed stack. */
    @Test
    void failsTheFailoverAtTheDatabaseAndDeploysNoHostsAfterIt() throws Exception {
        Path copy = SynthFixture.copyOfProject(Map.of());
        String failover = commandsIn(opsstack(copy, "failover", "prod")).iterator().next();
        Run run = cdktf(project(null), arguments(failover), Map.of("STUB_FAIL_prod_dr_data", "1"));
        assertTrue(run.exit != 0, run.output);
        assertTrue(run.calls.stream().anyMatch(c -> c.stack.equals("prod-dr-data") && c.event.equals("apply-failed")),
                run.calls.toString());
        assertTrue(run.calls.stream().noneMatch(c -> c.stack.equals("prod-dr-app") && c.event.startsWith("apply")),
                "prod-dr-app deployed after its database failed: " + run.calls);
    }

    /** The shipped workflow's prod deploy: all six stacks in one call, the DR network slow to deploy. */
    @Test
    void theManifestBeforeTheFixRacesAndTheNewOneDoesNot() throws Exception {
        List<String> args = arguments("deploy --skip-synth --auto-approve $(./opsstack list --ids prod)");
        // prod-network takes 2 s too: at the stub's default 0.05 s it could end before cdktf-cli started the DR
        // network on a loaded machine, and "side by side" below would fail without anything being serial.
        Map<String, String> slow = Map.of("STUB_SLEEP_prod_dr_network", "4", "STUB_SLEEP_prod_data", "0.5",
                "STUB_SLEEP_prod_app", "8", "STUB_SLEEP_prod_network", "2");
        Run before = cdktf(project(PROD_BEFORE), args, slow);
        assertEquals(0, before.exit, before.output);
        assertTrue(before.at("prod-data", "apply-start") < before.at("prod-dr-network", "apply-end"),
                "old manifest: prod-data replicates into a bucket not deployed yet " + before.calls);
        assertTrue(before.at("prod-dr-app", "apply-start") < before.at("prod-app", "apply-end"),
                "old manifest: the failover alias before its target " + before.calls);

        Run after = cdktf(project(null), args, slow);
        assertEquals(0, after.exit, after.output);
        assertTrue(after.at("prod-data", "apply-start") > after.at("prod-dr-network", "apply-end"), after.calls.toString());
        assertTrue(after.at("prod-dr-data", "apply-start") > after.at("prod-data", "apply-end"), after.calls.toString());
        assertTrue(after.at("prod-dr-app", "apply-start") > after.at("prod-app", "apply-end"), after.calls.toString());
        // Still concurrent where nothing is needed: the two networks start together.
        assertTrue(after.at("prod-dr-network", "apply-start") < after.at("prod-network", "apply-end"),
                after.calls.toString());
    }
}
