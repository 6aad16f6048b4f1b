package io.opsstack.policy.awsapi;

import io.opsstack.policy.Rule;

import java.util.List;

/**
 * The AWS API rule family (AWS-SERVICE-NNN): what the AWS API refuses and the emulator accepts, judged on the
 * synthesized JSON. Registered in {@link io.opsstack.policy.Policy#RULES} with the others, so synth refuses them and
 * {@code opsstack check} reports them; docs/rules.md's "AWS API rules" catalogue lists them with the rules that
 * {@code validate} and the emulator launcher enforce.
 */
public final class AwsRules {

    public static final List<Rule> ALL = List.of(
            new AlarmName(),
            new AlarmPeriods(),
            new AlbAccessLogsSseS3(),
            new AlbSubnets(),
            new AsgCapacity(),
            new EbsVolumeLimits(),
            new ElbName(),
            new FlowLogAggregation(),
            new IamInlinePolicySize(),
            new IamInstanceProfileName(),
            new IamRoleName(),
            new IamSessionDuration(),
            new IamTrustPolicySize(),
            new KmsAliasName(),
            new KmsDeletionWindow(),
            new LaunchTemplateName(),
            new ListenerCertificateRegion(),
            new LogGroupKeyUsableByLogs(),
            new LogGroupName(),
            new LogGroupRetentionValue(),
            new RdsBackupRetentionRange(),
            new RdsCrossRegionReplicaKey(),
            new RdsGp3Performance(),
            new RdsIdentifier(),
            new RdsMonitoringInterval(),
            new RdsParameterGroupName(),
            new RdsPerformanceInsightsRetention(),
            new RdsReplicaArguments(),
            new RdsSnapshotIdentifier(),
            new RdsStorage(),
            new RdsSubnetGroupName(),
            new RdsWindows(),
            new Route53HealthCheck(),
            new S3BucketName(),
            new S3ReplicationFilter(),
            new S3ReplicationKms(),
            new S3ReplicationVersioning(),
            new SecurityGroupDescription(),
            new SecurityGroupRuleDescription(),
            new SnsTopicName(),
            new TagLimits(),
            new TargetGroupHealthCheck(),
            new TargetGroupName(),
            new UserDataSize());

    private AwsRules() {
    }
}
