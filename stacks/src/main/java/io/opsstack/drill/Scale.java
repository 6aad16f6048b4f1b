package io.opsstack.drill;

import io.opsstack.config.AppConfig;
import io.opsstack.config.EnvironmentConfig;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docs/runbook.md "Scaling": out with the doc's values ({@code app.maxSize}, {@code app.desiredCapacity},
 * {@code app.replicasPerHost}), then back in with the environment's own values by the same edit; each time the
 * group's desired capacity, maximum and instance count follow, and the Compose file of the latest launch template
 * version carries the containers per host. Both end with an empty plan.
 */
final class Scale extends DocDrill {

    static final List<String> KEYS = List.of("maxSize", "desiredCapacity", "replicasPerHost");

    Scale(ProcedureDocs docs) {
        super(docs);
    }

    @Override
    public List<String> docBlocks() {
        return List.of("scale/1", "scale/2", "scale/dr-1");
    }

    @Override
    public String id() {
        return "scale";
    }

    @Override
    public String docSection() {
        return "docs/runbook.md#scaling";
    }

    @Override
    public String skipReason(EnvironmentConfig env) {
        if (env.app().isEmpty()) {
            return "no app section: no hosts to scale";
        }
        return env.app().get().mode() == AppConfig.Mode.ASG ? null
                : "app.mode single: one host, no group to scale (runbook: asg mode)";
    }

    @Override
    public List<String> notProven() {
        return List.of("containers per host running (the emulator runs no instance: checked in the Compose file)",
                "Prometheus and nginx finding the new replicas");
    }

    @Override
    public void run(DrillContext ctx) throws Exception {
        AppConfig app = ctx.config().app().orElseThrow();
        ProcedureDocs.Substitution sub = substitution(ctx);
        Map<String, Integer> out = values(docs.yaml("scale/1", sub), docs.block("scale/1").where());
        Map<String, Integer> in = new LinkedHashMap<>();
        for (String k : out.keySet()) {
            in.put(k, switch (k) {
                case "maxSize" -> app.maxSize();
                case "desiredCapacity" -> app.desiredCapacity();
                default -> app.replicasPerHost();
            });
        }
        edit(ctx, "scale/1", sub, false);
        deployAndCheck(ctx, sub, out, "scale out");
        StringBuilder back = new StringBuilder("app:\n");
        in.forEach((k, v) -> back.append("  ").append(k).append(": ").append(v).append('\n'));
        editWith(ctx, "scale in (scale/1 with the previous values)", back.toString(), docs.block("scale/1").where(),
                false, System.nanoTime());
        deployAndCheck(ctx, sub, in, "scale in");
    }

    private void deployAndCheck(DrillContext ctx, ProcedureDocs.Substitution sub, Map<String, Integer> want,
                                String step) throws Exception {
        runBlock(ctx, "scale/2", sub);
        if (ctx.config().dr().isPresent()) {
            runBlock(ctx, "scale/dr-1", sub);
        }
        String group = Hosts.group(ctx);
        long start = System.nanoTime();
        Hosts.Group g = Hosts.describeGroup(ctx, group);
        List<String> problems = new ArrayList<>();
        if (want.containsKey("desiredCapacity") && g.desired() != want.get("desiredCapacity")) {
            problems.add("desired " + g.desired() + ", want " + want.get("desiredCapacity"));
        }
        if (want.containsKey("maxSize") && g.max() != want.get("maxSize")) {
            problems.add("max " + g.max() + ", want " + want.get("maxSize"));
        }
        if (g.instances().size() != g.desired()) {
            problems.add(g.instances().size() + " instances for a desired capacity of " + g.desired());
        }
        check(ctx, step + ": group capacity", start, problems.isEmpty(), problems.isEmpty()
                ? group + " desired " + g.desired() + ", max " + g.max() + ", " + g.instances().size() + " instances"
                : String.join("; ", problems));
        if (want.containsKey("replicasPerHost")) {
            start = System.nanoTime();
            String template = Hosts.launchTemplate(ctx);
            String userData = Hosts.latestUserData(ctx, template);
            String replicas = "replicas: " + want.get("replicasPerHost");
            check(ctx, step + ": containers per host", start, userData.contains(replicas),
                    (userData.contains(replicas) ? "" : "no ") + "`" + replicas + "` in the Compose file of "
                            + template + " $Latest");
        }
        converged(ctx, "plan after " + step);
    }

    /** The doc block's app.* integers (only the keys the drill knows how to check). */
    static Map<String, Integer> values(String yaml, String where) throws DrillException {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(new StringReader(yaml));
        if (!(root instanceof Map<?, ?> m) || !(m.get("app") instanceof Map<?, ?> app)) {
            throw new DrillException(where + ": scale/1 must set keys under app:");
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : app.entrySet()) {
            String k = String.valueOf(e.getKey());
            if (!KEYS.contains(k) || !(e.getValue() instanceof Integer v)) {
                throw new DrillException(where + ": scale/1 sets app." + k + "; the scaling drill checks "
                        + String.join(", ", KEYS) + " (whole numbers)");
            }
            out.put(k, v);
        }
        if (!out.containsKey("desiredCapacity")) {
            throw new DrillException(where + ": scale/1 must set app.desiredCapacity (what the group follows)");
        }
        return out;
    }
}
