package io.opsstack.constructs;

import com.hashicorp.cdktf.Fn;
import com.hashicorp.cdktf.Token;
import com.hashicorp.cdktf.providers.aws.cloudwatch_log_group.CloudwatchLogGroup;
import com.hashicorp.cdktf.providers.aws.cloudwatch_log_group.CloudwatchLogGroupConfig;
import com.hashicorp.cdktf.providers.aws.data_aws_availability_zones.DataAwsAvailabilityZones;
import com.hashicorp.cdktf.providers.aws.data_aws_availability_zones.DataAwsAvailabilityZonesConfig;
import com.hashicorp.cdktf.providers.aws.data_aws_availability_zones.DataAwsAvailabilityZonesFilter;
import com.hashicorp.cdktf.providers.aws.data_aws_caller_identity.DataAwsCallerIdentity;
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

        List<String> zones = zoneNames(props);

        InternetGateway igw = new InternetGateway(this, "igw", InternetGatewayConfig.builder()
                .vpcId(vpc.getId())
                .tags(t.tags(p + "-igw"))
                .build());

        List<Subnet> publicSubnets = subnets(vpc, props, Tier.PUBLIC, zones);
        List<Subnet> appSubnets = subnets(vpc, props, Tier.APP, zones);
        List<Subnet> databaseSubnets = subnets(vpc, props, Tier.DATABASE, zones);

        RouteTable publicRt = new RouteTable(this, "public-rt", RouteTableConfig.builder()
                .vpcId(vpc.getId())
                .tags(t.tags(p + "-public"))
                .build());
        new Route(this, "public-default-route", RouteConfig.builder()
                .routeTableId(publicRt.getId())
                .destinationCidrBlock("0.0.0.0/0")
                .gatewayId(igw.getId())
                .build());
        associate(publicRt, publicSubnets, "public");

        List<NatGateway> nats = natGateways(props, publicSubnets, igw);

        // One route table per AZ even with a single NAT gateway: switching nat from single to per-az then only
        // changes routes, never subnet associations.
        List<String> privateRouteTableIds = new ArrayList<>();
        for (int i = 0; i < props.azCount(); i++) {
            RouteTable rt = new RouteTable(this, "app-rt-" + i, RouteTableConfig.builder()
                    .vpcId(vpc.getId())
                    .tags(t.tags(p + "-app-" + i))
                    .build());
            if (!nats.isEmpty()) {
                NatGateway nat = props.nat() == NatMode.PER_AZ ? nats.get(i) : nats.get(0);
                new Route(this, "app-default-route-" + i, RouteConfig.builder()
                        .routeTableId(rt.getId())
                        .destinationCidrBlock("0.0.0.0/0")
                        .natGatewayId(nat.getId())
                        .build());
            }
            new RouteTableAssociation(this, "app-rta-" + i, RouteTableAssociationConfig.builder()
                    .routeTableId(rt.getId())
                    .subnetId(appSubnets.get(i).getId())
                    .build());
            privateRouteTableIds.add(rt.getId());
        }

        // The database tier has no route out of the VPC, whatever the NAT mode.
        RouteTable databaseRt = new RouteTable(this, "database-rt", RouteTableConfig.builder()
                .vpcId(vpc.getId())
                .tags(t.tags(p + "-database"))
                .build());
        associate(databaseRt, databaseSubnets, "database");
        privateRouteTableIds.add(databaseRt.getId());

        // S3 through a free gateway endpoint: backups and image layers do not pay NAT data processing.
        String servicePrefix = props.region().startsWith("cn-") ? "cn.com.amazonaws." : "com.amazonaws.";
        new VpcEndpoint(this, "s3-endpoint", VpcEndpointConfig.builder()
                .vpcId(vpc.getId())
                .serviceName(servicePrefix + props.region() + ".s3")
                .vpcEndpointType("Gateway")
                .routeTableIds(privateRouteTableIds)
                .tags(t.tags(p + "-s3"))
                .build());

        flowLogs(vpc, props);

        // Managing the default group with no rule blocks removes AWS's allow-all defaults from it, so nothing
        // that lands in it by mistake can talk to anything.
        new DefaultSecurityGroup(this, "default-sg", DefaultSecurityGroupConfig.builder()
                .vpcId(vpc.getId())
                .ingress(List.of())
                .egress(List.of())
                .tags(t.tags(p + "-default-deny"))
                .build());

        SecurityGroup lb = securityGroup(vpc, props, "lb-sg", "lb", "Load balancer of " + p);
        SecurityGroup app = securityGroup(vpc, props, "app-sg", "app", "App hosts of " + p);
        SecurityGroup db = securityGroup(vpc, props, "database-sg", "database", "Database of " + p);
        SecurityGroup endpoints = securityGroup(vpc, props, "endpoints-sg", "endpoints",
                "Interface VPC endpoints of " + p);

        this.refs = new NetworkRefs(vpc.getId(), props.cidr().toString(), ids(publicSubnets), ids(appSubnets),
                ids(databaseSubnets), lb.getId(), app.getId(), db.getId(), endpoints.getId());
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

    private List<Subnet> subnets(Vpc vpc, NetworkProps props, Tier tier, List<String> zones) {
        List<Subnet> out = new ArrayList<>();
        for (int i = 0; i < props.azCount(); i++) {
            out.add(new Subnet(this, tier.id() + "-" + i, SubnetConfig.builder()
                    .vpcId(vpc.getId())
                    .cidrBlock(SubnetLayout.subnet(props.cidr(), tier, i).toString())
                    .availabilityZone(zones.get(i))
                    // Even public subnets hand out no public IPs: only an explicit EIP or a load balancer is public.
                    .mapPublicIpOnLaunch(false)
                    .tags(props.tagging().tags(props.namePrefix() + "-" + tier.id() + "-" + i,
                            Map.of("tier", tier.id())))
                    .build()));
        }
        return out;
    }

    private void associate(RouteTable rt, List<Subnet> subnets, String tier) {
        for (int i = 0; i < subnets.size(); i++) {
            new RouteTableAssociation(this, tier + "-rta-" + i, RouteTableAssociationConfig.builder()
                    .routeTableId(rt.getId())
                    .subnetId(subnets.get(i).getId())
                    .build());
        }
    }

    private List<NatGateway> natGateways(NetworkProps props, List<Subnet> publicSubnets, InternetGateway igw) {
        List<NatGateway> out = new ArrayList<>();
        for (int i = 0; i < props.nat().gatewayCount(props.azCount()); i++) {
            Eip eip = new Eip(this, "nat-eip-" + i, EipConfig.builder()
                    .domain("vpc")
                    .tags(props.tagging().tags(props.namePrefix() + "-nat-" + i))
                    .dependsOn(List.of(igw))
                    .build());
            out.add(new NatGateway(this, "nat-" + i, NatGatewayConfig.builder()
                    .allocationId(eip.getAllocationId())
                    .subnetId(publicSubnets.get(i).getId())
                    .connectivityType("public")
                    .tags(props.tagging().tags(props.namePrefix() + "-nat-" + i))
                    .dependsOn(List.of(igw))
                    .build()));
        }
        return out;
    }

    private void flowLogs(Vpc vpc, NetworkProps props) {
        String p = props.namePrefix();
        CloudwatchLogGroup group = new CloudwatchLogGroup(this, "flow-logs", CloudwatchLogGroupConfig.builder()
                .name("/opsstack/" + p + "/vpc-flow-logs")
                .retentionInDays(props.flowLogRetentionDays())
                .tags(props.tagging().tags(p + "-vpc-flow-logs"))
                .build());
        DataAwsCallerIdentity account = new DataAwsCallerIdentity(this, "account");
        // aws:SourceAccount stops another account's flow log from using this role (confused deputy).
        IamRole role = new IamRole(this, "flow-logs-role", IamRoleConfig.builder()
                .name(p + "-vpc-flow-logs")
                .assumeRolePolicy(PolicyJson.document(PolicyJson.statement("Allow",
                        List.of("sts:AssumeRole"), null,
                        Map.of("Service", "vpc-flow-logs.amazonaws.com"),
                        Map.of("StringEquals", Map.of("aws:SourceAccount", account.getAccountId())))))
                .tags(props.tagging().tags(p + "-vpc-flow-logs"))
                .build());
        new IamRolePolicy(this, "flow-logs-policy", IamRolePolicyConfig.builder()
                .name("write-flow-logs")
                .role(role.getId())
                .policy(PolicyJson.document(PolicyJson.statement("Allow",
                        List.of("logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups",
                                "logs:DescribeLogStreams"),
                        List.of(group.getArn(), group.getArn() + ":*"), null, null)))
                .build());
        new FlowLog(this, "flow-log", FlowLogConfig.builder()
                .vpcId(vpc.getId())
                .trafficType("ALL")
                .logDestinationType("cloud-watch-logs")
                .logDestination(group.getArn())
                .iamRoleArn(role.getArn())
                // One-minute aggregation: incident timelines need better than the 10-minute default.
                .maxAggregationInterval(60)
                .tags(props.tagging().tags(p + "-vpc-flow-log"))
                .build());
    }

    private SecurityGroup securityGroup(Vpc vpc, NetworkProps props, String id, String role, String description) {
        // No inline rules, ever: the stacks that need a rule add aws_vpc_security_group_*_rule resources, and
        // mixing the two styles makes Terraform fight itself. Without an egress block the provider also removes
        // AWS's default allow-all egress rule.
        return new SecurityGroup(this, id, SecurityGroupConfig.builder()
                .name(props.namePrefix() + "-" + role)
                .description(description)
                .vpcId(vpc.getId())
                .revokeRulesOnDelete(true)
                .tags(props.tagging().tags(props.namePrefix() + "-" + role))
                .build());
    }

    private static List<String> ids(List<Subnet> subnets) {
        return subnets.stream().map(Subnet::getId).toList();
    }
}
