package io.opsstack.constructs;

import com.hashicorp.cdktf.providers.aws.autoscaling_notification.AutoscalingNotification;
import com.hashicorp.cdktf.providers.aws.autoscaling_notification.AutoscalingNotificationConfig;
import com.hashicorp.cdktf.providers.aws.cloudwatch_metric_alarm.CloudwatchMetricAlarm;
import com.hashicorp.cdktf.providers.aws.cloudwatch_metric_alarm.CloudwatchMetricAlarmConfig;
import com.hashicorp.cdktf.providers.aws.cloudwatch_metric_alarm.CloudwatchMetricAlarmMetricQuery;
import com.hashicorp.cdktf.providers.aws.cloudwatch_metric_alarm.CloudwatchMetricAlarmMetricQueryMetric;
import com.hashicorp.cdktf.providers.aws.data_aws_caller_identity.DataAwsCallerIdentity;
import com.hashicorp.cdktf.providers.aws.kms_key.KmsKey;
import com.hashicorp.cdktf.providers.aws.kms_key.KmsKeyConfig;
import com.hashicorp.cdktf.providers.aws.sns_topic.SnsTopic;
import com.hashicorp.cdktf.providers.aws.sns_topic.SnsTopicConfig;
import com.hashicorp.cdktf.providers.aws.sns_topic_subscription.SnsTopicSubscription;
import com.hashicorp.cdktf.providers.aws.sns_topic_subscription.SnsTopicSubscriptionConfig;
import io.opsstack.config.MonitoringConfig;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.constructs.Construct;

/**
 * CloudWatch alarms on the runbooks' SLOs, to an encrypted SNS topic with email subscriptions. Each alarm's
 * description says what to do and links its runbook section. These page even when the hosts (and their
 * Prometheus) are down.
 */
public final class Alarms extends Construct {

    /** What to alarm on: the host side is either one instance or an Auto Scaling group. */
    public record Targets(String instanceId, String asgName, String albArnSuffix, String targetGroupArnSuffix,
                          String dbIdentifier, int dbAllocatedStorageGb, int dbConnections) {
    }

    public final String topicArn;
    /** Alarm construct ids, for tests and reviews. */
    public final List<String> alarmIds = new ArrayList<>();

    public Alarms(Construct scope, String id, String namePrefix, String region, String partition, List<String> emails,
                  MonitoringConfig.Slo slo, Targets targets, Tagging tagging) {
        super(scope, id);
        String p = namePrefix;
        String account = new DataAwsCallerIdentity(this, "account").getAccountId();
        // CloudWatch cannot publish to a topic encrypted with the AWS-managed SNS key: it needs a key policy
        // that lets it, hence a key of our own.
        KmsKey key = new KmsKey(this, "key", KmsKeyConfig.builder()
                .description("opsstack " + p + " alert topic")
                .enableKeyRotation(true)
                .deletionWindowInDays(30)
                .policy(PolicyJson.document(
                        PolicyJson.statement("AccountAdministersKeyThroughIam", "Allow", List.of("kms:*"),
                                List.of("*"), Map.of("AWS", "arn:" + partition + ":iam::" + account + ":root"), null),
                        PolicyJson.statement("CloudWatchPublishes", "Allow",
                                List.of("kms:Decrypt", "kms:GenerateDataKey*"), List.of("*"),
                                Map.of("Service", "cloudwatch.amazonaws.com"), null),
                        // Auto Scaling publishes as its service-linked role, which may not exist yet when this key
                        // is created (a policy naming a missing role is rejected): allow this account's callers,
                        // only through SNS in this region.
                        PolicyJson.statement("AccountPublishesThroughSns", "Allow",
                                List.of("kms:Decrypt", "kms:GenerateDataKey*"), List.of("*"), Map.of("AWS", "*"),
                                Map.of("StringEquals", Map.of("kms:CallerAccount", account,
                                        "kms:ViaService", "sns." + region + ".amazonaws.com")))))
                .tags(tagging.tags(p + "-alerts"))
                .build());
        SnsTopic topic = new SnsTopic(this, "topic", SnsTopicConfig.builder()
                .name(p + "-alerts")
                .kmsMasterKeyId(key.getArn())
                .tags(tagging.tags(p + "-alerts"))
                .build());
        this.topicArn = topic.getArn();
        for (int i = 0; i < emails.size(); i++) {
            new SnsTopicSubscription(this, "email-" + i, SnsTopicSubscriptionConfig.builder()
                    .topicArn(topicArn)
                    .protocol("email")
                    .endpoint(emails.get(i))
                    .build());
        }
        if (targets.asgName() != null) {
            // A host that cannot launch (capacity, a bad AMI, a quota) or terminate leaves the group short or
            // stuck, and no alarm on the service's metrics says why. Successful launches and terminations are left
            // out: every scale-out, scale-in and instance refresh would mail the on-call (docs/rules.md).
            new AutoscalingNotification(this, "asg-notifications", AutoscalingNotificationConfig.builder()
                    .groupNames(List.of(targets.asgName()))
                    .notifications(List.of("autoscaling:EC2_INSTANCE_LAUNCH_ERROR",
                            "autoscaling:EC2_INSTANCE_TERMINATE_ERROR"))
                    .topicArn(topicArn)
                    .build());
        }

        Map<String, String> hosts = targets.asgName() != null ? Map.of("AutoScalingGroupName", targets.asgName())
                : Map.of("InstanceId", targets.instanceId());
        metric("status-check", p + "-app-status-check-failed", "A host fails its EC2 status checks: it will be"
                        + " replaced (asg) or needs a reboot (single). See docs/runbook.md#app-down",
                "AWS/EC2", "StatusCheckFailed", hosts, "Maximum", null, 60, 2, "0", "GreaterThanThreshold",
                tagging);
        metric("cpu", p + "-app-cpu-high", "Host CPU over " + slo.cpuPercent() + "% for 10 minutes: scale out."
                        + " See docs/runbook.md#host-resources",
                "AWS/EC2", "CPUUtilization", hosts, "Average", null, 300, 2, String.valueOf(slo.cpuPercent()),
                "GreaterThanThreshold", tagging);
        if (targets.albArnSuffix() != null) {
            Map<String, String> lb = Map.of("LoadBalancer", targets.albArnSuffix());
            Map<String, String> tg = Map.of("LoadBalancer", targets.albArnSuffix(), "TargetGroup",
                    targets.targetGroupArnSuffix());
            errorRatio(p, slo.errorRatePercent(), lb, topicArn, tagging);
            metric("latency-p95", p + "-app-latency-p95", "p95 response time over the "
                            + slo.latencyP95Seconds().toPlainString() + " s SLO for 10 minutes. See"
                            + " docs/runbook.md#high-latency",
                    "AWS/ApplicationELB", "TargetResponseTime", lb, null, "p95", 300, 2,
                    slo.latencyP95Seconds().toPlainString(), "GreaterThanThreshold", tagging);
            metric("unhealthy-hosts", p + "-app-unhealthy-hosts", "A host fails the load balancer's /health check."
                            + " See docs/runbook.md#app-down",
                    "AWS/ApplicationELB", "UnHealthyHostCount", tg, "Maximum", null, 60, 3, "0",
                    "GreaterThanThreshold", tagging);
        }
        if (targets.dbIdentifier() == null) {
            return; // SQLite on the host: no database server to watch (host disk alarms cover its volume)
        }
        Map<String, String> db = Map.of("DBInstanceIdentifier", targets.dbIdentifier());
        metric("db-cpu", p + "-db-cpu-high", "Database CPU over " + slo.cpuPercent() + "% for 15 minutes: look at"
                        + " slow queries and Performance Insights. See docs/runbook.md#high-latency",
                "AWS/RDS", "CPUUtilization", db, "Average", null, 300, 3, String.valueOf(slo.cpuPercent()),
                "GreaterThanThreshold", tagging);
        long freeBytes = (long) targets.dbAllocatedStorageGb() * 1024L * 1024L * 1024L / 5L;
        metric("db-free-storage", p + "-db-free-storage-low", "Database free storage under 20% of its allocated "
                        + targets.dbAllocatedStorageGb() + " GB (autoscaling may be at its ceiling: raise"
                        + " database.maxAllocatedStorageGb). See docs/runbook.md#host-resources",
                "AWS/RDS", "FreeStorageSpace", db, "Minimum", null, 300, 1, String.valueOf(freeBytes),
                "LessThanThreshold", tagging);
        metric("db-connections", p + "-db-connections-high", "More than " + targets.dbConnections()
                        + " database connections: a connection leak, or too many replicas for the instance class."
                        + " See docs/runbook.md#high-latency",
                "AWS/RDS", "DatabaseConnections", db, "Maximum", null, 300, 2,
                String.valueOf(targets.dbConnections()), "GreaterThanThreshold", tagging);
    }

    private void metric(String id, String name, String description, String namespace, String metricName,
                        Map<String, String> dimensions, String statistic, String extendedStatistic, int period,
                        int evaluationPeriods, String threshold, String comparison, Tagging tagging) {
        CloudwatchMetricAlarmConfig.Builder b = CloudwatchMetricAlarmConfig.builder()
                .alarmName(name)
                .alarmDescription(description)
                .namespace(namespace)
                .metricName(metricName)
                .dimensions(dimensions)
                .period(period)
                .evaluationPeriods(evaluationPeriods)
                .threshold(Double.parseDouble(threshold))
                .comparisonOperator(comparison)
                .treatMissingData("notBreaching")
                .alarmActions(List.of(topicArn))
                .okActions(List.of(topicArn))
                .tags(tagging.tags(name));
        if (extendedStatistic != null) {
            b.extendedStatistic(extendedStatistic);
        } else {
            b.statistic(statistic);
        }
        new CloudwatchMetricAlarm(this, id, b.build());
        alarmIds.add(id);
    }

    /** 5xx share of requests at the load balancer (target and ELB errors), as metric math. */
    private void errorRatio(String p, BigDecimal threshold, Map<String, String> lb, String topic, Tagging tagging) {
        new CloudwatchMetricAlarm(this, "error-rate", CloudwatchMetricAlarmConfig.builder()
                .alarmName(p + "-app-5xx-ratio")
                .alarmDescription("More than " + threshold.toPlainString() + "% of requests answered 5xx for 10"
                        + " minutes. See docs/runbook.md#high-error-rate")
                .comparisonOperator("GreaterThanThreshold")
                .threshold(threshold.doubleValue())
                .evaluationPeriods(2)
                .treatMissingData("notBreaching")
                .alarmActions(List.of(topic))
                .okActions(List.of(topic))
                .metricQuery(List.of(
                        query("errors", "(target5xx + elb5xx) / requests * 100", null, null, true),
                        query("target5xx", null, "HTTPCode_Target_5XX_Count", lb, false),
                        query("elb5xx", null, "HTTPCode_ELB_5XX_Count", lb, false),
                        query("requests", null, "RequestCount", lb, false)))
                .tags(tagging.tags(p + "-app-5xx-ratio"))
                .build());
        alarmIds.add("error-rate");
    }

    private static CloudwatchMetricAlarmMetricQuery query(String id, String expression, String metric,
                                                          Map<String, String> dimensions, boolean returnData) {
        CloudwatchMetricAlarmMetricQuery.Builder q = CloudwatchMetricAlarmMetricQuery.builder().id(id)
                .returnData(returnData);
        if (expression != null) {
            q.expression(expression).label("5xx %");
        } else {
            q.metric(CloudwatchMetricAlarmMetricQueryMetric.builder()
                    .namespace("AWS/ApplicationELB").metricName(metric).dimensions(dimensions)
                    .period(300).stat("Sum").build());
        }
        return q.build();
    }
}
