package io.opsstack.drill;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.stacks.StackPlan;

import java.util.List;

/** The app hosts as the AWS API shows them: launch template, group, instances (names from the app stack's state). */
final class Hosts {

    private Hosts() {
    }

    static String appStack(DrillContext ctx) {
        return DocDrill.stack(ctx, StackPlan.Kind.APP);
    }

    static String region(DrillContext ctx) {
        return ctx.config().region();
    }

    static String launchTemplate(DrillContext ctx) throws Exception {
        String name = DocDrill.stateValue(ctx, appStack(ctx), "aws_launch_template", "name");
        if (name == null) {
            throw new DrillException(appStack(ctx) + " has no aws_launch_template in its state");
        }
        return name;
    }

    /** The group's name, or null in single mode. */
    static String group(DrillContext ctx) throws Exception {
        return DocDrill.stateValue(ctx, appStack(ctx), "aws_autoscaling_group", "name");
    }

    static int latestVersion(DrillContext ctx, String template) throws Exception {
        JsonNode v = DocDrill.awsJson(ctx, "api: launch template latest version", "ec2", "describe-launch-templates",
                "--region", region(ctx), "--launch-template-names", template,
                "--query", "LaunchTemplates[0].LatestVersionNumber");
        return v.asInt(-1);
    }

    /** The rendered host files of the template's latest version (cloud-init, decoded). */
    static String latestUserData(DrillContext ctx, String template) throws Exception {
        JsonNode v = DocDrill.awsJson(ctx, "api: launch template user data", "ec2", "describe-launch-template-versions",
                "--region", region(ctx), "--launch-template-name", template, "--versions", "$Latest",
                "--query", "LaunchTemplateVersions[0].LaunchTemplateData.UserData");
        return DocDrill.decodeUserData(v.isTextual() ? v.asText() : "");
    }

    /** The group's desired capacity, maximum and instance ids. */
    record Group(int desired, int max, List<String> instances) {
    }

    static Group describeGroup(DrillContext ctx, String group) throws Exception {
        JsonNode g = DocDrill.awsJson(ctx, "api: describe group " + group, "autoscaling",
                "describe-auto-scaling-groups", "--region", region(ctx), "--auto-scaling-group-names", group,
                "--query", "AutoScalingGroups[0].{desired:DesiredCapacity,max:MaxSize,instances:Instances[].InstanceId}");
        return new Group(g.path("desired").asInt(-1), g.path("max").asInt(-1), DocDrill.texts(g.path("instances")));
    }

    /** Running instances tagged with the environment in its primary region. */
    static List<String> running(DrillContext ctx) throws Exception {
        JsonNode ids = DocDrill.awsJson(ctx, "api: running hosts", "ec2", "describe-instances", "--region",
                region(ctx), "--filters", "Name=tag:environment,Values=" + ctx.environment(),
                "Name=instance-state-name,Values=running", "--query", "Reservations[].Instances[].InstanceId");
        return DocDrill.texts(ids);
    }

    /** The hosts now: the group's instances, or the running tagged instances in single mode. */
    static List<String> current(DrillContext ctx, String group) throws Exception {
        return group != null ? describeGroup(ctx, group).instances() : running(ctx);
    }
}
