package io.opsstack.constructs;

import com.hashicorp.cdktf.Fn;
import com.hashicorp.cdktf.Token;
import com.hashicorp.cdktf.providers.aws.cloudwatch_log_group.CloudwatchLogGroup;
import com.hashicorp.cdktf.providers.aws.cloudwatch_log_group.CloudwatchLogGroupConfig;
import com.hashicorp.cdktf.providers.aws.data_aws_availability_zones.DataAwsAvailabilityZones;
import com.hashicorp.cdktf.providers.aws.data_aws_availability_zones.DataAwsAvailabilityZonesConfig;
import com.hashicorp.cdktf.providers.aws.data_aws_availability_zones.DataAwsAvailabilityZonesFilter;
import com.hashicorp.cdktf.providers.aws.data_aws_caller_identity.DataAwsCallerIdentity;
import com.hashicorp.cdktf.providers.aws.data_aws_partition.DataAwsPartition;
import com.hashicorp.cdktf.providers.aws.default_security_group.DefaultSecurityGroup;
import com.hashicorp.cdktf.providers.aws.default_security_group.DefaultSecurityGroupConfig;
import com.hashicorp.cdktf.providers.aws.eip.Eip;
import com.hashicorp.cdktf.providers.aws.eip.EipConfig;
import com.hashicorp.cdktf.providers.aws.flow_log.FlowLog;
import com.hashicorp.cdktf.providers.aws.flow_log.FlowLogConfig;
import com.hashicorp.cdktf.providers.aws.iam_role.IamRole;
import com.hashicorp.cdktf.providers.aws.iam_role.IamRoleConfig;
import com.hashicorp.cdktf.providers.aws.iam_role_policy.IamRolePolicy;
import com.hashicorp.cdktf.providers.aws.iam_role_policy.IamRolePolicyConfig;
import com.hashicorp.cdktf.providers.aws.internet_gateway.InternetGateway;
import com.hashicorp.cdktf.providers.aws.internet_gateway.InternetGatewayConfig;
import com.hashicorp.cdktf.providers.aws.kms_key.KmsKey;
import com.hashicorp.cdktf.providers.aws.kms_key.KmsKeyConfig;
import com.hashicorp.cdktf.providers.aws.nat_gateway.NatGateway;
import com.hashicorp.cdktf.providers.aws.nat_gateway.NatGatewayConfig;
import com.hashicorp.cdktf.providers.aws.route.Route;
import com.hashicorp.cdktf.providers.aws.route.RouteConfig;
import com.hashicorp.cdktf.providers.aws.route_table.RouteTable;
import com.hashicorp.cdktf.providers.aws.route_table.RouteTableConfig;
import com.hashicorp.cdktf.providers.aws.route_table_association.RouteTableAssociation;
import com.hashicorp.cdktf.providers.aws.route_table_association.RouteTableAssociationConfig;
import com.hashicorp.cdktf.providers.aws.security_group.SecurityGroup;
import com.hashicorp.cdktf.providers.aws.security_group.SecurityGroupConfig;
import com.hashicorp.cdktf.providers.aws.subnet.Subnet;
import com.hashicorp.cdktf.providers.aws.subnet.SubnetConfig;
import com.hashicorp.cdktf.providers.aws.vpc.Vpc;
import com.hashicorp.cdktf.providers.aws.vpc.VpcConfig;
import com.hashicorp.cdktf.providers.aws.vpc_endpoint.VpcEndpoint;
import com.hashicorp.cdktf.providers.aws.vpc_endpoint.VpcEndpointConfig;
import io.opsstack.net.NatMode;
import io.opsstack.net.SubnetLayout;
import io.opsstack.net.SubnetLayout.Tier;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.constructs.Construct;

/**
 * A VPC with three subnet tiers in each AZ (public, private-app, database), NAT by mode, flow logs, an S3
 * gateway endpoint, the default security group locked down, and the security groups other stacks attach to
 * (empty: rules belong to the stacks that need them, which avoids cross-stack cycles).
 *
 * <p>Construct ids below are a contract: renaming one replaces the resource in every deployed environment.
 * Per-AZ ids carry the AZ index ({@code public-0}), never the zone name, so pinning zones later does not
 * rename anything.
 *
 * <p>jsii note: every non-private method of a construct subclass becomes an override callback, so all helpers
 * are private and the typed result is a public final field.
 */
public final class Network extends Construct {

    /** What other stacks reference. */
    public final NetworkRefs refs;

    public Network(Construct scope, String id, NetworkProps props) {
        super(scope, id);
        String p = props.namePrefix();
        Tagging t = props.tagging();

        Vpc vpc = new Vpc(this, "vpc", VpcConfig.builder()
                .cidrBlock(props.cidr().toString())
                .enableDnsSupport(true)
                .enableDnsHostnames(true)
                .tags(t.tags(p + "-vpc"))
                .build());
        // Every token read is a round trip to Node.js and a new reference object there: read each once.
        String vpcId = vpc.getId();

        List<String> zones = zoneNames(props);

        InternetGateway igw = new InternetGateway(this, "igw", InternetGatewayConfig.builder()
                .vpcId(vpcId)
                .tags(t.tags(p + "-igw"))
                .build());

        List<String> publicSubnets = subnets(vpcId, props, Tier.PUBLIC, zones);
        List<String> appSubnets = subnets(vpcId, props, Tier.APP, zones);
        List<String> databaseSubnets = subnets(vpcId, props, Tier.DATABASE, zones);

        String publicRt = new RouteTable(this, "public-rt", RouteTableConfig.builder()
                .vpcId(vpcId)
                .tags(t.tags(p + "-public"))
                .build()).getId();
        new Route(this, "public-default-route", RouteConfig.builder()
                .routeTableId(publicRt)
                .destinationCidrBlock("0.0.0.0/0")
                .gatewayId(igw.getId())
                .build());
        associate(publicRt, publicSubnets, "public");

        List<String> nats = natGateways(props, publicSubnets, igw);

        // One route table per AZ even with a single NAT gateway: switching nat from single to per-az then only
        // changes routes, never subnet associations.
        List<String> privateRouteTableIds = new ArrayList<>();
        for (int i = 0; i < props.azCount(); i++) {
            String rt = new RouteTable(this, "app-rt-" + i, RouteTableConfig.builder()
                    .vpcId(vpcId)
                    .tags(t.tags(p + "-app-" + i))
                    .build()).getId();
            if (!nats.isEmpty()) {
                String nat = props.nat() == NatMode.PER_AZ ? nats.get(i) : nats.get(0);
                new Route(this, "app-default-route-" + i, RouteConfig.builder()
                        .routeTableId(rt)
                        .destinationCidrBlock("0.0.0.0/0")
                        .natGatewayId(nat)
                        .build());
            }
            new RouteTableAssociation(this, "app-rta-" + i, RouteTableAssociationConfig.builder()
                    .routeTableId(rt)
                    .subnetId(appSubnets.get(i))
                    .build());
            privateRouteTableIds.add(rt);
        }

        // The database tier has no route out of the VPC, whatever the NAT mode.
        String databaseRt = new RouteTable(this, "database-rt", RouteTableConfig.builder()
                .vpcId(vpcId)
                .tags(t.tags(p + "-database"))
                .build()).getId();
        associate(databaseRt, databaseSubnets, "database");
        privateRouteTableIds.add(databaseRt);

        // S3 through a free gateway endpoint: backups and image layers do not pay NAT data processing.
        String servicePrefix = props.region().startsWith("cn-") ? "cn.com.amazonaws." : "com.amazonaws.";
        new VpcEndpoint(this, "s3-endpoint", VpcEndpointConfig.builder()
                .vpcId(vpcId)
                .serviceName(servicePrefix + props.region() + ".s3")
                .vpcEndpointType("Gateway")
                .routeTableIds(privateRouteTableIds)
                .tags(t.tags(p + "-s3"))
                .build());

        flowLogs(vpcId, props);

        // Managing the default group with no rule blocks removes AWS's allow-all defaults from it, so nothing
        // that lands in it by mistake can talk to anything.
        new DefaultSecurityGroup(this, "default-sg", DefaultSecurityGroupConfig.builder()
                .vpcId(vpcId)
                .ingress(List.of())
                .egress(List.of())
                .tags(t.tags(p + "-default-deny"))
                .build());

        SecurityGroup lb = securityGroup(vpcId, props, "lb-sg", "lb", "Load balancer of " + p);
        SecurityGroup app = securityGroup(vpcId, props, "app-sg", "app", "App hosts of " + p);
        SecurityGroup db = securityGroup(vpcId, props, "database-sg", "database", "Database of " + p);
        SecurityGroup endpoints = securityGroup(vpcId, props, "endpoints-sg", "endpoints",
                "Interface VPC endpoints of " + p);

        this.refs = new NetworkRefs(vpcId, props.cidr().toString(), publicSubnets, appSubnets,
                databaseSubnets, lb.getId(), app.getId(), db.getId(), endpoints.getId());
    }

    private List<String> zoneNames(NetworkProps props) {
        if (!props.availabilityZones().isEmpty()) {
            return props.availabilityZones();
        }
        // The region's zones in name order, without Local/Wavelength zones (they need opting in).
        DataAwsAvailabilityZones azs = new DataAwsAvailabilityZones(this, "azs",
                DataAwsAvailabilityZonesConfig.builder()
                        .state("available")
                        .filter(List.of(DataAwsAvailabilityZonesFilter.builder()
                                .name("opt-in-status")
                                .values(List.of("opt-in-not-required"))
                                .build()))
                        .build());
        List<String> zones = new ArrayList<>();
        for (int i = 0; i < props.azCount(); i++) {
            zones.add(Token.asString(Fn.element(azs.getNames(), i)));
        }
        return zones;
    }

    /** The subnets' ids. */
    private List<String> subnets(String vpcId, NetworkProps props, Tier tier, List<String> zones) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < props.azCount(); i++) {
            out.add(new Subnet(this, tier.id() + "-" + i, SubnetConfig.builder()
                    .vpcId(vpcId)
                    .cidrBlock(SubnetLayout.subnet(props.cidr(), tier, i).toString())
                    .availabilityZone(zones.get(i))
                    // Even public subnets hand out no public IPs: only an explicit EIP or a load balancer is public.
                    .mapPublicIpOnLaunch(false)
                    .tags(props.tagging().tags(props.namePrefix() + "-" + tier.id() + "-" + i,
                            Map.of("tier", tier.id())))
                    .build()).getId());
        }
        return out;
    }

    private void associate(String routeTableId, List<String> subnetIds, String tier) {
        for (int i = 0; i < subnetIds.size(); i++) {
            new RouteTableAssociation(this, tier + "-rta-" + i, RouteTableAssociationConfig.builder()
                    .routeTableId(routeTableId)
                    .subnetId(subnetIds.get(i))
                    .build());
        }
    }

    /** The NAT gateways' ids. */
    private List<String> natGateways(NetworkProps props, List<String> publicSubnets, InternetGateway igw) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < props.nat().gatewayCount(props.azCount()); i++) {
            Eip eip = new Eip(this, "nat-eip-" + i, EipConfig.builder()
                    .domain("vpc")
                    .tags(props.tagging().tags(props.namePrefix() + "-nat-" + i))
                    .dependsOn(List.of(igw))
                    .build());
            out.add(new NatGateway(this, "nat-" + i, NatGatewayConfig.builder()
                    .allocationId(eip.getAllocationId())
                    .subnetId(publicSubnets.get(i))
                    .connectivityType("public")
                    .tags(props.tagging().tags(props.namePrefix() + "-nat-" + i))
                    .dependsOn(List.of(igw))
                    .build()).getId());
        }
        return out;
    }

    private void flowLogs(String vpcId, NetworkProps props) {
        String p = props.namePrefix();
        DataAwsCallerIdentity account = new DataAwsCallerIdentity(this, "account");
        String accountId = account.getAccountId();
        String partition = new DataAwsPartition(this, "partition").getPartition();
        String region = props.region();
        // Flow logs name every address that talked to every other: encrypt them with a key whose policy says who
        // may read them. The network stack deploys before the data tier's key exists, hence a key of its own
        // (about 1 USD a month). CloudWatch Logs uses it only for this account's log groups in this region.
        KmsKey key = new KmsKey(this, "flow-logs-key", KmsKeyConfig.builder()
                .description("opsstack " + p + " VPC flow logs")
                .enableKeyRotation(true)
                .deletionWindowInDays(30)
                .policy(PolicyJson.document(
                        PolicyJson.statement("AccountAdministersKeyThroughIam", "Allow", List.of("kms:*"),
                                List.of("*"), Map.of("AWS", "arn:" + partition + ":iam::" + accountId + ":root"), null),
                        PolicyJson.statement("CloudWatchLogsEncryptsThisAccountsGroups", "Allow",
                                List.of("kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*",
                                        "kms:Describe*"),
                                List.of("*"), Map.of("Service", "logs." + region + ".amazonaws.com"),
                                Map.of("ArnLike", Map.of("kms:EncryptionContext:aws:logs:arn",
                                        "arn:" + partition + ":logs:" + region + ":" + accountId + ":log-group:*")))))
                .tags(props.tagging().tags(p + "-vpc-flow-logs"))
                .build());
        CloudwatchLogGroup group = new CloudwatchLogGroup(this, "flow-logs", CloudwatchLogGroupConfig.builder()
                .name("/opsstack/" + p + "/vpc-flow-logs")
                .retentionInDays(props.flowLogRetentionDays())
                .kmsKeyId(key.getArn())
                .tags(props.tagging().tags(p + "-vpc-flow-logs"))
                .build());
        String groupArn = group.getArn();
        // aws:SourceAccount stops another account's flow log from using this role (confused deputy).
        IamRole role = new IamRole(this, "flow-logs-role", IamRoleConfig.builder()
                .name(p + "-vpc-flow-logs")
                .assumeRolePolicy(PolicyJson.document(PolicyJson.statement("Allow",
                        List.of("sts:AssumeRole"), null,
                        Map.of("Service", "vpc-flow-logs.amazonaws.com"),
                        Map.of("StringEquals", Map.of("aws:SourceAccount", accountId)))))
                .tags(props.tagging().tags(p + "-vpc-flow-logs"))
                .build());
        new IamRolePolicy(this, "flow-logs-policy", IamRolePolicyConfig.builder()
                .name("write-flow-logs")
                .role(role.getId())
                // logs:DescribeLogGroups has no resource-level permissions (the Service Authorization Reference
                // lists no resource type for it): named with the group's ARN it granted nothing, silently (found
                // by the IAM access matrix, docs/iam.md). AWS's flow-logs role policy grants it on "*"; it lists
                // group names only.
                .policy(PolicyJson.document(PolicyJson.statement("WriteTheFlowLogGroup", "Allow",
                        List.of("logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"),
                        List.of(groupArn, groupArn + ":*"), null, null),
                        PolicyJson.statement("FindTheLogGroup", "Allow", List.of("logs:DescribeLogGroups"),
                                List.of("*"), null, null)))
                .build());
        new FlowLog(this, "flow-log", FlowLogConfig.builder()
                .vpcId(vpcId)
                .trafficType("ALL")
                .logDestinationType("cloud-watch-logs")
                .logDestination(groupArn)
                .iamRoleArn(role.getArn())
                // One-minute aggregation: incident timelines need better than the 10-minute default.
                .maxAggregationInterval(60)
                .tags(props.tagging().tags(p + "-vpc-flow-log"))
                .build());
    }

    private SecurityGroup securityGroup(String vpcId, NetworkProps props, String id, String role, String description) {
        // No inline rules, ever: the stacks that need a rule add aws_vpc_security_group_*_rule resources, and
        // mixing the two styles makes Terraform fight itself. Without an egress block the provider also removes
        // AWS's default allow-all egress rule.
        return new SecurityGroup(this, id, SecurityGroupConfig.builder()
                .name(props.namePrefix() + "-" + role)
                .description(description)
                .vpcId(vpcId)
                .revokeRulesOnDelete(true)
                .tags(props.tagging().tags(props.namePrefix() + "-" + role))
                .build());
    }
}
