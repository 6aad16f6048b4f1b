package io.opsstack.drill;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.config.EnvironmentConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * docs/runbook.md "A lost host": a host terminated through the API (the doc's command, with one of the
 * environment's instances). In {@code asg} mode the group replaces it (same capacity, the lost one gone); in
 * {@code single} mode the doc's deploy of the app stack brings a new host. The plan is empty afterwards.
 */
final class LostHost extends DocDrill {

    /** The doc's example instance id (lost-host/1): replaced by a host of the environment. */
    static final String DOC_INSTANCE = "i-0123456789abcdef0";

    LostHost(ProcedureDocs docs) {
        super(docs);
    }

    @Override
    public List<String> docBlocks() {
        return List.of("lost-host/1", "lost-host/2");
    }

    @Override
    public String id() {
        return "lost-host";
    }

    @Override
    public String docSection() {
        return "docs/runbook.md#a-lost-host";
    }

    @Override
    public String skipReason(EnvironmentConfig env) {
        return env.app().isEmpty() ? "no app section: no hosts" : null;
    }

    @Override
    public List<String> notProven() {
        return List.of("how soon AWS notices a failed host (EC2 and ELB health checks; the emulator replaces a"
                + " terminated group instance at once)", "the new host registering healthy in the target group");
    }

    @Override
    public void run(DrillContext ctx) throws Exception {
        String group = Hosts.group(ctx);
        List<String> before = Hosts.current(ctx, group);
        long start = System.nanoTime();
        check(ctx, "a host to lose", start, !before.isEmpty(), "hosts: " + before);
        String lost = before.get(0);
        ProcedureDocs.Substitution sub = substitution(ctx).literal(DOC_INSTANCE, lost);
        runBlock(ctx, "lost-host/1", sub);
        start = System.nanoTime();
        JsonNode state = awsJson(ctx, "api: lost host's state", "ec2", "describe-instances", "--region",
                Hosts.region(ctx), "--instance-ids", lost, "--query", "Reservations[0].Instances[0].State.Name");
        check(ctx, "host terminated", start, List.of("shutting-down", "terminated").contains(state.asText()),
                lost + " " + state.asText());
        if (group == null) {
            runBlock(ctx, "lost-host/2", sub);
        }
        start = System.nanoTime();
        List<String> after = Hosts.current(ctx, group);
        List<String> problems = new ArrayList<>();
        if (after.contains(lost)) {
            problems.add(lost + " still among the hosts");
        }
        if (after.size() != before.size()) {
            problems.add(after.size() + " hosts, want " + before.size());
        }
        if (group != null) {
            Hosts.Group g = Hosts.describeGroup(ctx, group);
            if (g.instances().size() != g.desired()) {
                problems.add(group + ": " + g.instances().size() + " instances for desired " + g.desired());
            }
        }
        check(ctx, group != null ? "group replaced the host" : "deploy brought the host back", start,
                problems.isEmpty(), problems.isEmpty() ? "before " + before + ", after " + after
                        : String.join("; ", problems));
        converged(ctx, "plan after lost host");
    }
}
