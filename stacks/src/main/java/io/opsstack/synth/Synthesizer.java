package io.opsstack.synth;

import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.AppConfig;
import com.hashicorp.cdktf.TerraformStack;
import io.opsstack.config.EnvironmentConfig;
import io.opsstack.policy.Policy;
import io.opsstack.policy.PolicyException;
import io.opsstack.policy.Synthesized;
import io.opsstack.render.Renderer;
import io.opsstack.stacks.AppStack;
import io.opsstack.stacks.DataStack;
import io.opsstack.stacks.DrDataStack;
import io.opsstack.stacks.DrNetworkStack;
import io.opsstack.stacks.LocalStack;
import io.opsstack.stacks.NetworkStack;
import io.opsstack.stacks.StackPlan;
import io.opsstack.stacks.StackPlan.PlannedStack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The synth pipeline: one cdktf {@link App} for every stack of every environment, synthesized into a temporary
 * directory, checked, then swapped into place atomically.
 */
public final class Synthesizer {

    /** What a successful synth produced. */
    public record Result(Path outdir, List<String> stackIds, Policy.Report policy) {
    }

    private final Path home;

    /** @param home the project root; local state files live there */
    public Synthesizer(Path home) {
        this.home = home.toAbsolutePath().normalize();
    }

    public Result synth(List<EnvironmentConfig> environments, Path outdir) throws Exception {
        Path out = outdir.toAbsolutePath().normalize();
        if (System.getenv("CDKTF_OUTDIR") != null) {
            // cdktf's JavaScript App prefers this variable to the outdir we pass: it would write straight into
            // the final directory, and the swap would then replace that with an empty one.
            throw new SynthException("CDKTF_OUTDIR is set in the environment, and cdktf would write there instead of"
                    + " into opsstack's temporary directory; run through ./opsstack (it passes the variable on"
                    + " safely) or unset it and use --out");
        }
        Phases phases = new Phases();
        // Rendered once per environment: the same files go to config/<env>/ and (cloud-init) into user data. The
        // JVM renders on another thread while this one starts Node.js and builds the stacks that do not need them.
        Path templates = home.resolve("templates");
        Background<Map<String, SortedMap<String, String>>> rendering = Background.start("opsstack-render",
                () -> new Renderer(templates).renderAll(environments));
        if (environments.stream().anyMatch(EnvironmentConfig::isLocal)) {
            localPasswords(out.getParent());
        }
        Result result = OutputDirectory.replace(out, tmp -> {
            List<String> ids = build(environments, rendering, tmp, phases);
            if (!Files.isRegularFile(tmp.resolve("manifest.json"))) {
                throw new SynthException("cdktf wrote no manifest.json into " + tmp + "; refusing to replace " + out);
            }
            // The policy judges what Terraform would see; an error leaves the previous output untouched.
            Policy.Report report = Policy.check(new Synthesized(tmp), environments);
            phases.mark("policy");
            if (!report.blocking().isEmpty()) {
                throw new PolicyException(report.text().strip() + "\n" + report.blocking().size()
                        + " policy error(s); nothing was written (fix, or suppress with a reason: docs/rules.md)");
            }
            Renderer.write(rendering.get(), tmp.resolve("config"));
            writeContents(environments, tmp);
            checkNoMachinePaths(tmp, out);
            phases.mark("write configs, check paths");
            return new Result(out, ids, report);
        });
        phases.mark("swap");
        // The output is in place; on a fresh jsii cache, give jsii's indexer the seconds it needs, once.
        JsiiTypeIndex.awaitIfIndexing(System.err);
        phases.mark("jsii type index (only when missing)");
        phases.print();
        return result;
    }

    private List<String> build(List<EnvironmentConfig> environments,
                               Background<Map<String, SortedMap<String, String>>> rendering, Path tmp, Phases phases)
            throws Exception {
        App app = new App(AppConfig.builder().outdir(tmp.toString()).stackTraces(false).build());
        phases.mark("start jsii, load cdktf (App)");
        // Terraform runs in <out>/stacks/<id>/; local state goes beside the output directory (the project root for
        // the default cdktf.out), named relative to there: the same JSON on every machine, and the state survives
        // the next synth, which replaces <out>.
        String stateDir = "../../..";
        List<String> ids = new ArrayList<>();
        for (EnvironmentConfig env : environments) {
            NetworkStack network = null;
            DataStack data = null;
            DrNetworkStack drNetwork = null;
            DrDataStack drData = null;
            Map<String, TerraformStack> built = new java.util.HashMap<>();
            for (PlannedStack planned : StackPlan.of(env)) {
                TerraformStack stack = switch (planned.kind()) {
                    case NETWORK -> network = new NetworkStack(app, planned.id(), env, stateDir);
                    case DR_NETWORK -> drNetwork = new DrNetworkStack(app, planned.id(), env.inDrRegion(), stateDir);
                    case DATA -> data = new DataStack(app, planned.id(), env, network.network, stateDir);
                    case APP -> new AppStack(app, planned.id(), env, network.network, data.data,
                            rendering.get().get(env.name()).get(Renderer.CLOUD_INIT), null, stateDir);
                    case DR_DATA -> drData = new DrDataStack(app, planned.id(), env.inDrRegion(), env.region(),
                            drNetwork, stateDir);
                    case LOCAL -> new LocalStack(app, planned.id(), env, rendering.get().get(env.name()), stateDir);
                    case DR_APP -> new AppStack(app, planned.id(), env.inDrRegion(), drNetwork.network, drData.data,
                            rendering.get().get(env.name() + Renderer.DR_SUFFIX).get(Renderer.CLOUD_INIT), env.region(),
                            stateDir);
                };
                // Every ordering the plan knows, also those cdktf cannot see (names built from config): cdktf-cli
                // follows only manifest.json's dependencies (StackPlan.dependencies says why each is there).
                for (String dependency : planned.dependsOn()) {
                    stack.addDependency(built.get(dependency));
                }
                built.put(planned.id(), stack);
                ids.add(planned.id());
            }
        }
        phases.mark("build constructs (" + ids.size() + " stacks)");
        app.synth();
        phases.mark("app.synth()");
        return ids;
    }

    /** opsstack.json: which environments this output holds, so review and check never read a partial synth as more. */
    private void writeContents(List<EnvironmentConfig> environments, Path tmp) throws Exception {
        Map<String, List<String>> held = new java.util.TreeMap<>();
        for (EnvironmentConfig env : environments) {
            held.put(env.name(), StackPlan.of(env).stream().map(PlannedStack::id).toList());
        }
        boolean complete;
        try {
            complete = held.keySet().containsAll(new io.opsstack.config.ConfigLoader(home).environmentNames());
        } catch (io.opsstack.config.ConfigException e) {
            complete = false; // configs not from environments/: nothing says they are all there is
        }
        Synthesized.writeContents(tmp, held, complete);
        // The environment files themselves, so `review` can name the setting that changed (network.cidr, app.tag)
        // as the cause of the resource changes (io.opsstack.review.EnvironmentDiff).
        for (EnvironmentConfig env : environments) {
            Path source = home.resolve("environments").resolve(env.name() + ".yaml");
            if (Files.isRegularFile(source)) {
                Path copy = tmp.resolve(io.opsstack.review.EnvironmentDiff.DIR).resolve(env.name() + ".yaml");
                Files.createDirectories(copy.getParent());
                Files.copy(source, copy);
            }
        }
    }

    /**
     * The local environment's passwords: generated once into git-ignored files beside the output directory, where
     * the local stack's file() references point. Never overwritten (the database keeps its first password).
     */
    private static void localPasswords(Path dir) throws IOException {
        java.security.SecureRandom random = new java.security.SecureRandom();
        for (String name : List.of(LocalStack.DB_PASSWORD_FILE, LocalStack.GRAFANA_PASSWORD_FILE)) {
            Path file = dir.resolve(name);
            if (Files.exists(file)) {
                continue;
            }
            Files.createDirectories(file.getParent());
            byte[] bytes = new byte[24];
            random.nextBytes(bytes);
            String password = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Files.writeString(file, password, StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the file is still git-ignored
            }
        }
    }

    /** Wall time per phase, printed to stderr with OPSSTACK_TIMING=1 (docs/performance.md). */
    private static final class Phases {
        private final boolean on = System.getenv("OPSSTACK_TIMING") != null;
        private final StringBuilder report = new StringBuilder();
        private long last = System.nanoTime();

        void mark(String phase) {
            long now = System.nanoTime();
            report.append(String.format("  %-40s %6d ms%n", phase, (now - last) / 1_000_000));
            last = now;
        }

        void print() {
            if (on) {
                System.err.print("opsstack synth phases:\n" + report);
            }
        }
    }

    /**
     * The output is committed to reviews and compared across machines: it must not name this machine's paths.
     * A hit here is a bug in opsstack (or cdktf), not in the user's input.
     */
    private void checkNoMachinePaths(Path tmp, Path out) throws IOException, SynthException {
        Set<String> forbidden = new LinkedHashSet<>();
        for (Path p : List.of(tmp, out, home, Path.of(System.getProperty("user.home", "/")))) {
            String s = p.toAbsolutePath().normalize().toString();
            if (s.length() > 1) {
                forbidden.add(s);
            }
        }
        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(tmp)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                for (String s : forbidden) {
                    if (text.contains(s)) {
                        hits.add(tmp.relativize(f) + " contains " + s);
                    }
                }
            }
        }
        if (!hits.isEmpty()) {
            throw new SynthException("synthesized output names paths of this machine (a bug in opsstack):\n  "
                    + String.join("\n  ", hits));
        }
    }
}
