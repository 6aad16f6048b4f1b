package io.opsstack.drill;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.config.AppConfig;
import io.opsstack.config.EnvironmentConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * docs/runbook.md "Rolling back a deployment": a rollout of a new {@code app.tag} and the rollback to the previous
 * one, each by the doc's edit and deploy. The tag reaches the hosts as the doc says: a new launch template version
 * whose rendered Compose file carries it, then an instance refresh of the group ({@code asg}) or the host replaced
 * ({@code single}); the rollback restores the previous tag the same way. Both end with an empty plan.
 */
final class RolloutRollback extends DocDrill {

    /** The doc's example tag in rollback/1: replaced by the tag the drill rolls out, then by the original one. */
    static final String DOC_TAG = "1.4.2";

    RolloutRollback(ProcedureDocs docs) {
        super(docs);
    }

    @Override
    public List<String> docBlocks() {
        return List.of("rollback/1", "rollback/2", "rollback/dr-1");
    }

    @Override
    public String id() {
        return "rollout-rollback";
    }

    @Override
    public String docSection() {
        return "docs/runbook.md#rolling-back-a-deployment";
    }

    @Override
    public String skipReason(EnvironmentConfig env) {
        return env.app().isEmpty() ? "no app section: no hosts to roll out to" : null;
    }

    @Override
    public List<String> notProven() {
        return List.of("the hosts pulling and starting the image (the emulator runs no instance)",
                "the instance refresh's pace and health checks (the emulator completes it at once)");
    }

    @Override
    public void run(DrillContext ctx) throws Exception {
        AppConfig app = ctx.config().app().orElseThrow();
        String original = app.tag();
        String rollout = original.length() <= 120 ? original + "-drill" : "drill-rollout";
        String template = Hosts.launchTemplate(ctx);
        String group = Hosts.group(ctx);
        int version = Hosts.latestVersion(ctx, template);
        version = deployTag(ctx, app, rollout, template, group, version, "rollout");
        deployTag(ctx, app, original, template, group, version, "rollback");
    }

    private int deployTag(DrillContext ctx, AppConfig app, String tag, String template, String group, int before,
                          String step) throws Exception {
        List<String> hostsBefore = new ArrayList<>(Hosts.current(ctx, group));
        ProcedureDocs.Substitution sub = substitution(ctx).literal(DOC_TAG, tag);
        edit(ctx, "rollback/1", sub, false);
        runBlock(ctx, "rollback/2", sub);
        if (ctx.config().dr().isPresent()) {
            runBlock(ctx, "rollback/dr-1", sub);
        }
        long start = System.nanoTime();
        int after = Hosts.latestVersion(ctx, template);
        check(ctx, step + ": new launch template version", start, after > before,
                template + " latest version " + before + " -> " + after);
        start = System.nanoTime();
        String userData = Hosts.latestUserData(ctx, template);
        String image = "image: " + app.image() + ":" + tag;
        check(ctx, step + ": Compose file carries the tag", start, userData.contains(image) && !otherTag(userData,
                app.image(), tag), userData.contains(image) ? image + " in " + template + " $Latest"
                : "no `" + image + "` in the user data of " + template + " $Latest");
        start = System.nanoTime();
        if (group != null) {
            JsonNode refresh = awsJson(ctx, "api: instance refreshes", "autoscaling", "describe-instance-refreshes",
                    "--region", Hosts.region(ctx), "--auto-scaling-group-name", group,
                    "--query", "InstanceRefreshes[0].Status");
            String status = refresh.asText("");
            check(ctx, step + ": instance refresh started", start,
                    List.of("Pending", "InProgress", "Successful").contains(status),
                    group + " latest instance refresh: " + (status.isEmpty() ? "none" : status));
        }
        start = System.nanoTime();
        List<String> hostsAfter = Hosts.current(ctx, group);
        List<String> kept = new ArrayList<>(hostsAfter);
        kept.retainAll(hostsBefore);
        check(ctx, step + ": hosts replaced", start, !hostsAfter.isEmpty() && kept.isEmpty(),
                "before " + hostsBefore + ", after " + hostsAfter);
        converged(ctx, "plan after " + step);
        return after;
    }

    /** True when the Compose file also names the app image with another tag (the old one left behind). */
    private static boolean otherTag(String userData, String image, String tag) {
        int i = userData.indexOf("image: " + image + ":");
        while (i >= 0) {
            int s = i + ("image: " + image + ":").length();
            int e = s;
            while (e < userData.length() && !Character.isWhitespace(userData.charAt(e))) {
                e++;
            }
            if (!userData.substring(s, e).equals(tag)) {
                return true;
            }
            i = userData.indexOf("image: " + image + ":", e);
        }
        return false;
    }
}
