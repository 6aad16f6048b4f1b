package io.opsstack.constructs;

import com.hashicorp.cdktf.TerraformResourceLifecycle;
import com.hashicorp.cdktf.Token;
import com.hashicorp.cdktf.providers.aws.autoscaling_group.AutoscalingGroup;
import com.hashicorp.cdktf.providers.aws.autoscaling_group.AutoscalingGroupConfig;
import com.hashicorp.cdktf.providers.aws.autoscaling_group.AutoscalingGroupInstanceRefresh;
import com.hashicorp.cdktf.providers.aws.autoscaling_group.AutoscalingGroupInstanceRefreshPreferences;
import com.hashicorp.cdktf.providers.aws.autoscaling_group.AutoscalingGroupLaunchTemplate;
import com.hashicorp.cdktf.providers.aws.autoscaling_group.AutoscalingGroupTag;
import com.hashicorp.cdktf.providers.aws.cloudwatch_log_group.CloudwatchLogGroup;
import com.hashicorp.cdktf.providers.aws.cloudwatch_log_group.CloudwatchLogGroupConfig;
import com.hashicorp.cdktf.providers.aws.data_aws_caller_identity.DataAwsCallerIdentity;
import com.hashicorp.cdktf.providers.aws.data_aws_ssm_parameter.DataAwsSsmParameter;
import com.hashicorp.cdktf.providers.aws.data_aws_ssm_parameter.DataAwsSsmParameterConfig;
import com.hashicorp.cdktf.providers.aws.eip.Eip;
import com.hashicorp.cdktf.providers.aws.eip.EipConfig;
import com.hashicorp.cdktf.providers.aws.iam_instance_profile.IamInstanceProfile;
import com.hashicorp.cdktf.providers.aws.iam_instance_profile.IamInstanceProfileConfig;
import com.hashicorp.cdktf.providers.aws.iam_role.IamRole;
import com.hashicorp.cdktf.providers.aws.iam_role.IamRoleConfig;
import com.hashicorp.cdktf.providers.aws.iam_role_policy.IamRolePolicy;
import com.hashicorp.cdktf.providers.aws.iam_role_policy.IamRolePolicyConfig;
import com.hashicorp.cdktf.providers.aws.iam_role_policy_attachment.IamRolePolicyAttachment;
import com.hashicorp.cdktf.providers.aws.iam_role_policy_attachment.IamRolePolicyAttachmentConfig;
import com.hashicorp.cdktf.providers.aws.instance.Instance;
import com.hashicorp.cdktf.providers.aws.instance.InstanceConfig;
import com.hashicorp.cdktf.providers.aws.instance.InstanceLaunchTemplate;
import com.hashicorp.cdktf.providers.aws.launch_template.LaunchTemplate;
import com.hashicorp.cdktf.providers.aws.launch_template.LaunchTemplateBlockDeviceMappings;
import com.hashicorp.cdktf.providers.aws.launch_template.LaunchTemplateBlockDeviceMappingsEbs;
import com.hashicorp.cdktf.providers.aws.launch_template.LaunchTemplateConfig;
import com.hashicorp.cdktf.providers.aws.launch_template.LaunchTemplateIamInstanceProfile;
import com.hashicorp.cdktf.providers.aws.launch_template.LaunchTemplateMetadataOptions;
import com.hashicorp.cdktf.providers.aws.launch_template.LaunchTemplateMonitoring;
import com.hashicorp.cdktf.providers.aws.launch_template.LaunchTemplateTagSpecifications;
import io.opsstack.config.AppConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.constructs.Construct;

/**
 * The EC2 hosts that run the Compose stack: a least-privilege role, the containers' log group, the launch
 * template (IMDSv2 only, encrypted gp3 root, detailed monitoring, the gzipped cloud-init as user data), and
 * either one instance (single) or an Auto Scaling group (asg) that replaces instances when the template changes.
 */
public final class AppHosts extends Construct {

    public final String roleArn;
    public final String launchTemplateId;
    /** asg mode: the group's name; single mode: null. */
    public final String asgName;
    /** single mode: the instance id; asg mode: null. */
    public final String instanceId;
    /** single mode in a public subnet: the Elastic IP; otherwise null. */
    public final String publicIp;
    /** single mode: the instance's private IP; otherwise null. */
    public final String privateIp;
    public final String logGroupName;
    /** single mode: the instance's availability zone (for its data volume); otherwise null. */
    public final String availabilityZone;

    public AppHosts(Construct scope, String id, AppHostsProps props) {
        super(scope, id);
        AppConfig app = props.settings();
        String p = props.namePrefix();
        Tagging t = props.tagging();
        String account = new DataAwsCallerIdentity(this, "account").getAccountId();

        CloudwatchLogGroup logs = new CloudwatchLogGroup(this, "containers-logs", CloudwatchLogGroupConfig.builder()
                .name("/opsstack/" + p + "/containers")
                .retentionInDays(app.logRetentionDays())
                .kmsKeyId(props.dataKeyArn())
                .tags(t.tags(p + "-containers"))
                .build());
        this.logGroupName = logs.getName();
        String logsArn = logs.getArn();

        IamRole role = new IamRole(this, "role", IamRoleConfig.builder()
                .name(p + "-app-host")
                .assumeRolePolicy(PolicyJson.assumableBy("ec2.amazonaws.com"))
                .tags(t.tags(p + "-app-host"))
                .build());
        // Each token read is a round trip to Node.js: read once, use many times.
        String roleName = role.getName();
        // Shell access through Session Manager instead of SSH keys.
        new IamRolePolicyAttachment(this, "ssm-core", IamRolePolicyAttachmentConfig.builder()
                .role(roleName)
                .policyArn("arn:" + props.partition() + ":iam::aws:policy/AmazonSSMManagedInstanceCore")
                .build());
        String arnPrefix = "arn:" + props.partition() + ":";
        List<Map<String, Object>> statements = new ArrayList<>();
        if (props.dbIdentifier() != null) {
            String dbArn = arnPrefix + "rds:" + props.region() + ":" + account + ":db:" + props.dbIdentifier();
            statements.add(PolicyJson.statement("FindTheDatabase", "Allow", List.of("rds:DescribeDBInstances"),
                    List.of(dbArn), null, null));
            // The primary region's secret by ARN; the DR region's replica by its name and the six-character suffix
            // Secrets Manager appends (the DR stacks do not read the primary region's state).
            statements.add(PolicyJson.statement("ReadTheDatabaseSecret", "Allow",
                    List.of("secretsmanager:GetSecretValue"), List.of(props.dbSecretArn()), null, null));
        }
        statements.addAll(List.of(
                        PolicyJson.statement("WriteAndReadBackups", "Allow",
                                List.of("s3:PutObject", "s3:GetObject", "s3:ListBucket"),
                                List.of(props.backupsBucketArn(), props.backupsBucketArn() + "/*"), null, null),
                        PolicyJson.statement("UseTheDataKey", "Allow",
                                List.of("kms:Decrypt", "kms:GenerateDataKey"), List.of(props.dataKeyArn()), null,
                                null),
                        PolicyJson.statement("GrafanaAdminPassword", "Allow",
                                List.of("ssm:GetParameter", "ssm:PutParameter"),
                                List.of(arnPrefix + "ssm:" + props.region() + ":" + account + ":parameter/opsstack/"
                                        + p + "/grafana/admin-password"), null, null),
                        PolicyJson.statement("ContainerLogs", "Allow",
                                List.of("logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"),
                                List.of(logsArn, logsArn + ":*"), null, null)));
        new IamRolePolicy(this, "host-policy", IamRolePolicyConfig.builder()
                .name("opsstack-host")
                .role(role.getId())
                .policy(PolicyJson.document(statements))
                .build());
        IamInstanceProfile profile = new IamInstanceProfile(this, "profile", IamInstanceProfileConfig.builder()
                .name(p + "-app-host")
                .role(roleName)
                .tags(t.tags(p + "-app-host"))
                .build());
        this.roleArn = role.getArn();

        String ami = app.ami().orElseGet(() -> new DataAwsSsmParameter(this, "al2023", DataAwsSsmParameterConfig
                .builder()
                .name("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-"
                        + (app.arm64() ? "arm64" : "x86_64"))
                .build()).getValue());

        LaunchTemplate lt = new LaunchTemplate(this, "launch-template", LaunchTemplateConfig.builder()
                .name(p + "-app")
                .description("opsstack " + p + " app hosts")
                .imageId(ami)
                .instanceType(app.instanceType())
                .iamInstanceProfile(LaunchTemplateIamInstanceProfile.builder().arn(profile.getArn()).build())
                .vpcSecurityGroupIds(props.publicHost() ? null : List.of(props.securityGroupId()))
                .metadataOptions(LaunchTemplateMetadataOptions.builder()
                        .httpEndpoint("enabled")
                        .httpTokens("required")
                        // 1: a container (one network hop further) cannot reach the metadata service, so it cannot
                        // take the host role's credentials. The host makes every AWS call itself.
                        .httpPutResponseHopLimit(app.containersUseInstanceRole() ? 2 : 1)
                        .instanceMetadataTags("disabled")
                        .build())
                .blockDeviceMappings(List.of(LaunchTemplateBlockDeviceMappings.builder()
                        .deviceName("/dev/xvda")
                        .ebs(LaunchTemplateBlockDeviceMappingsEbs.builder()
                                .volumeSize(app.rootVolumeGb())
                                .volumeType("gp3")
                                .encrypted("true")
                                .deleteOnTermination("true")
                                .build())
                        .build()))
                .monitoring(LaunchTemplateMonitoring.builder().enabled(true).build())
                .userData(UserData.gzipBase64(props.cloudInit()))
                .updateDefaultVersion(true)
                .tagSpecifications(List.of(
                        LaunchTemplateTagSpecifications.builder().resourceType("instance")
                                .tags(t.tags(p + "-app")).build(),
                        LaunchTemplateTagSpecifications.builder().resourceType("volume")
                                .tags(t.tags(p + "-app")).build()))
                .tags(t.tags(p + "-app"))
                .build());
        this.launchTemplateId = lt.getId();

        // Read once: both modes follow the template's latest_version.
        String latestVersion = Token.asString(lt.getLatestVersion());
        if (app.mode() == AppConfig.Mode.SINGLE) {
            Instance host = new Instance(this, "instance", InstanceConfig.builder()
                    // The template's latest_version, not "$Latest": with "$Latest" the deploy of a new image tag only
                    // updated the template, and the provider, reading the host's version back as a number, planned
                    // the replacement at the apply after (seen against the emulator), so a rollout or rollback by
                    // tag (docs/runbook.md) reached the host one unrelated apply late. Now that deploy replaces it;
                    // the SQLite data volume is a separate volume, reattached to the new host.
                    .launchTemplate(InstanceLaunchTemplate.builder().id(launchTemplateId).version(latestVersion)
                            .build())
                    .subnetId(props.subnetIds().get(0))
                    .vpcSecurityGroupIds(props.publicHost() ? List.of(props.securityGroupId()) : null)
                    // A public IP from launch on, so cloud-init can install Docker before the EIP is attached.
                    .associatePublicIpAddress(props.publicHost() ? true : null)
                    .tags(t.tags(p + "-app"))
                    // The user data is the launch template's, and a new template version replaces the host (the
                    // launch_template block forces a new instance). The provider stores the instance's user_data as
                    // a SHA-1 hex that is also valid base64, and re-hashes that stored value on every plan: without
                    // this, every plan after the first apply shows user_data changing, against AWS as against the
                    // emulator (hashicorp/terraform-provider-aws#30825, whose workaround this is).
                    .lifecycle(TerraformResourceLifecycle.builder().ignoreChanges(List.of("user_data")).build())
                    .build());
            this.instanceId = host.getId();
            this.privateIp = host.getPrivateIp();
            this.availabilityZone = host.getAvailabilityZone();
            this.asgName = null;
            if (props.publicHost()) {
                Eip eip = new Eip(this, "eip", EipConfig.builder()
                        .domain("vpc")
                        .instance(instanceId)
                        .tags(t.tags(p + "-app"))
                        .build());
                this.publicIp = eip.getPublicIp();
            } else {
                this.publicIp = null;
            }
        } else {
            AutoscalingGroup asg = new AutoscalingGroup(this, "asg", AutoscalingGroupConfig.builder()
                    .name(p + "-app")
                    .minSize(app.minSize())
                    .maxSize(app.maxSize())
                    .desiredCapacity(app.desiredCapacity())
                    .vpcZoneIdentifier(props.subnetIds())
                    .targetGroupArns(props.targetGroupArns())
                    .healthCheckType("ELB")
                    // Docker, the images and the migrations take a few minutes on a fresh host.
                    .healthCheckGracePeriod(300)
                    // The template's latest_version, not "$Latest": the provider starts the instance refresh only
                    // when the group's launch_template block changes, and "$Latest" never does, so a new image tag
                    // would reach only hosts launched later. The number changes with every template update.
                    .launchTemplate(AutoscalingGroupLaunchTemplate.builder().id(launchTemplateId)
                            .version(latestVersion).build())
                    .instanceRefresh(AutoscalingGroupInstanceRefresh.builder()
                            .strategy("Rolling")
                            .preferences(AutoscalingGroupInstanceRefreshPreferences.builder()
                                    .minHealthyPercentage(90)
                                    .instanceWarmup("300")
                                    .build())
                            .build())
                    .terminationPolicies(List.of("OldestLaunchTemplate", "OldestInstance"))
                    .tag(List.of(AutoscalingGroupTag.builder().key("Name").value(p + "-app")
                            .propagateAtLaunch(true).build()))
                    .build());
            this.asgName = asg.getName();
            this.availabilityZone = null;
            this.instanceId = null;
            this.publicIp = null;
            this.privateIp = null;
        }
    }
}
