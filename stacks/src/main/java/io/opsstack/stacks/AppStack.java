package io.opsstack.stacks;

import com.hashicorp.cdktf.TerraformOutput;
import com.hashicorp.cdktf.TerraformOutputConfig;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.aws.route53_record.Route53Record;
import com.hashicorp.cdktf.providers.aws.ebs_volume.EbsVolume;
import com.hashicorp.cdktf.providers.aws.ebs_volume.EbsVolumeConfig;
import com.hashicorp.cdktf.providers.aws.route53_health_check.Route53HealthCheck;
import com.hashicorp.cdktf.providers.aws.volume_attachment.VolumeAttachment;
import com.hashicorp.cdktf.providers.aws.volume_attachment.VolumeAttachmentConfig;
import com.hashicorp.cdktf.providers.aws.route53_health_check.Route53HealthCheckConfig;
import com.hashicorp.cdktf.providers.aws.route53_record.Route53RecordAlias;
import com.hashicorp.cdktf.providers.aws.route53_record.Route53RecordFailoverRoutingPolicy;
import com.hashicorp.cdktf.providers.aws.route53_record.Route53RecordConfig;
import com.hashicorp.cdktf.providers.aws.vpc_security_group_egress_rule.VpcSecurityGroupEgressRule;
import com.hashicorp.cdktf.providers.aws.vpc_security_group_egress_rule.VpcSecurityGroupEgressRuleConfig;
import com.hashicorp.cdktf.providers.aws.vpc_security_group_ingress_rule.VpcSecurityGroupIngressRule;
import com.hashicorp.cdktf.providers.aws.vpc_security_group_ingress_rule.VpcSecurityGroupIngressRuleConfig;
import io.opsstack.config.AppConfig;
import io.opsstack.config.EnvironmentConfig;
import io.opsstack.constructs.Alarms;
import io.opsstack.constructs.AppHosts;
import io.opsstack.constructs.AppHostsProps;
import io.opsstack.constructs.DataRefs;
import io.opsstack.constructs.LoadBalancer;
import io.opsstack.constructs.NetworkRefs;
import io.opsstack.constructs.Tagging;
import io.opsstack.net.NatMode;

import java.util.List;

import software.constructs.Construct;

/**
 * {@code <env>-app}: the hosts that run the Compose stack, their load balancer (asg mode), security group rules,
 * alarms and DNS.
 */
public final class AppStack extends TerraformStack {

    /**
     * @param env      the environment as seen from this stack's region ({@link EnvironmentConfig#inDrRegion()} for
     *                 the DR stack)
     * @param primaryRegion for {@code <env>-dr-app}, the primary region (null for the primary's own app stack); the
     *                 DR app stack has standby capacity until swapped and owns the DNS health checks and failover
     *                 records
     */
    public AppStack(Construct scope, String id, EnvironmentConfig env, NetworkRefs network, DataRefs data,
                    String cloudInit, String primaryRegion, String stateDirFromWorkingDir) {
        super(scope, id);
        AwsProviders.apply(this, env.region());
        Backends.apply(this, id, env, stateDirFromWorkingDir);
        AppConfig app = env.app().orElseThrow();
        boolean drRegion = primaryRegion != null;
        if (drRegion && !env.dr().orElseThrow().swapped()) {
            int standby = env.dr().get().standbyCapacity();
            app = app.withCapacity(standby, standby, standby);
        }
        Tagging t = new Tagging(env.name(), env.tags());
        String p = env.resourcePrefix();
        boolean asg = app.mode() == AppConfig.Mode.ASG;
        // single mode: a public host (with an EIP) only when there is no NAT to reach the internet through.
        boolean publicHost = !asg && env.network().nat() == NatMode.NONE;

        LoadBalancer lb = null;
        if (asg) {
            lb = new LoadBalancer(this, "load-balancer", p, env.region(), network.vpcId(), network.publicSubnetIds(),
                    network.lbSecurityGroupId(), app.certificateArn(), app.deletionProtection(), t);
        }
        AppHosts hosts = new AppHosts(this, "hosts", new AppHostsProps(p, env.region(), env.partition(), app,
                publicHost ? network.publicSubnetIds() : network.appSubnetIds(), publicHost,
                network.appSecurityGroupId(), lb == null ? List.of() : List.of(lb.targetGroupArn), cloudInit,
                data.dbIdentifier(), data.masterSecretArn(), data.backupsBucketArn(), data.kmsKeyArn(), t));

        if (env.database().sqlite()) {
            // SQLite's file lives on its own encrypted volume, in the host's AZ, kept when the host is replaced.
            EbsVolume volume = new EbsVolume(this, "data-volume", EbsVolumeConfig.builder()
                    .availabilityZone(hosts.availabilityZone)
                    .size(env.database().volumeGb())
                    .type("gp3")
                    .encrypted(true)
                    .kmsKeyId(data.kmsKeyArn())
                    .tags(t.tags(p + "-data"))
                    .build());
            new VolumeAttachment(this, "data-volume-attachment", VolumeAttachmentConfig.builder()
                    .deviceName("/dev/sdf")
                    .volumeId(volume.getId())
                    .instanceId(hosts.instanceId)
                    .build());
        }

        // Ingress. Load balancer: 80 (and 443 with a certificate) from allowedCidrs; hosts: 80 from the load
        // balancer only (asg) or from allowedCidrs (single).
        for (String cidr : app.allowedCidrs()) {
            if (asg) {
                ingress("lb-http-" + cidr, network.lbSecurityGroupId(), 80, cidr, null, "HTTP from " + cidr, t, p);
                if (app.certificateArn().isPresent()) {
                    ingress("lb-https-" + cidr, network.lbSecurityGroupId(), 443, cidr, null, "HTTPS from " + cidr, t,
                            p);
                }
            } else {
                ingress("app-http-" + cidr, network.appSecurityGroupId(), 80, cidr, null, "HTTP from " + cidr, t, p);
            }
        }
        if (asg) {
            ingress("app-http-from-lb", network.appSecurityGroupId(), 80, null, network.lbSecurityGroupId(),
                    "HTTP from the load balancer", t, p);
            egress("lb-to-app", network.lbSecurityGroupId(), "tcp", 80, null, network.appSecurityGroupId(),
                    "HTTP to the app hosts", t, p);
        }
        for (String cidr : env.monitoring().adminCidrs()) {
            ingress("prometheus-" + cidr, network.appSecurityGroupId(), 9090, cidr, null, "Prometheus from " + cidr,
                    t, p);
            ingress("grafana-" + cidr, network.appSecurityGroupId(), env.grafanaHostPort(), cidr, null,
                    "Grafana from " + cidr, t, p);
        }
        for (String cidr : app.sshCidrs()) {
            ingress("ssh-" + cidr, network.appSecurityGroupId(), 22, cidr, null, "SSH from " + cidr, t, p);
        }
        // Egress of the hosts: HTTPS (AWS APIs, image registries, packages), DNS inside the VPC, PostgreSQL.
        egress("app-https", network.appSecurityGroupId(), "tcp", 443, "0.0.0.0/0", null, "HTTPS out", t, p);
        egress("app-dns-udp", network.appSecurityGroupId(), "udp", 53, network.vpcCidr(), null, "DNS", t, p);
        egress("app-dns-tcp", network.appSecurityGroupId(), "tcp", 53, network.vpcCidr(), null, "DNS", t, p);
        if (!env.database().sqlite()) {
            egress("app-postgres", network.appSecurityGroupId(), "tcp", 5432, null,
                    network.databaseSecurityGroupId(), "PostgreSQL to the database", t, p);
        }

        new Alarms(this, "alarms", p, env.region(), env.partition(), env.alerts().emails(), env.monitoring().slo(),
                new Alarms.Targets(hosts.instanceId, hosts.asgName, lb == null ? null : lb.arnSuffix,
                        lb == null ? null : lb.targetGroupArnSuffix, data.dbIdentifier(),
                        env.database().allocatedStorageGb(), env.alerts().dbConnections()), t);

        String scheme = asg && app.certificateArn().isPresent() ? "https" : "http";
        String host = asg ? lb.dnsName : publicHost ? hosts.publicIp : hosts.privateIp;
        if (env.dns().isPresent() && env.dr().isPresent()) {
            // With a DR region each region answers on its own name; the failover records for the service name
            // live in the DR stack, built from config only (no read of the other region).
            String regional = env.region() + "." + env.dns().get().name();
            Route53Record regionalRecord = new Route53Record(this, "regional-record", Route53RecordConfig.builder()
                    .zoneId(env.dns().get().zoneId()).name(regional).type("A")
                    .alias(Route53RecordAlias.builder().name(lb.dnsName).zoneId(lb.zoneId).evaluateTargetHealth(true)
                            .build())
                    .build());
            if (drRegion) {
                failoverRecords(env, primaryRegion, app.certificateArn().isPresent(), regionalRecord);
            }
            host = env.dns().get().name();
        } else if (env.dns().isPresent()) {
            Route53RecordConfig.Builder record = Route53RecordConfig.builder()
                    .zoneId(env.dns().get().zoneId())
                    .name(env.dns().get().name())
                    .type("A");
            if (asg) {
                record.alias(Route53RecordAlias.builder().name(lb.dnsName).zoneId(lb.zoneId)
                        .evaluateTargetHealth(true).build());
            } else {
                record.ttl(60).records(List.of(host));
            }
            new Route53Record(this, "dns-record", record.build());
            host = env.dns().get().name();
        }
        output("app_url", scheme + "://" + host, "Where the service answers");
        if (asg) {
            output("alb_dns_name", lb.dnsName, "The load balancer's DNS name");
            output("asg_name", hosts.asgName, "The Auto Scaling group");
        } else {
            output("instance_id", hosts.instanceId, "The app host (aws ssm start-session --target <id>)");
        }
    }

    /**
     * Health checks on each region's /health and the PRIMARY/SECONDARY failover records of the service name. The
     * region that serves (dr.activeRegion) is PRIMARY; the other is SECONDARY.
     */
    private void failoverRecords(EnvironmentConfig drEnv, String primaryRegion, boolean https,
                                 Route53Record drRegional) {
        var dns = drEnv.dns().orElseThrow();
        var dr = drEnv.dr().orElseThrow();
        for (String region : List.of(PRIMARY, DR)) {
            String regionName = region.equals(PRIMARY) ? primaryRegion : dr.region();
            String regional = regionName + "." + dns.name();
            Route53HealthCheck check = new Route53HealthCheck(this, "health-check-" + region,
                    Route53HealthCheckConfig.builder()
                            .fqdn(regional)
                            .type(https ? "HTTPS" : "HTTP")
                            .port(https ? 443 : 80)
                            .resourcePath("/health")
                            .failureThreshold(3)
                            .requestInterval(30)
                            .tags(new Tagging(drEnv.name(), drEnv.tags()).tags(drEnv.name() + "-" + regionName))
                            .build());
            boolean serving = region.equals(DR) == dr.swapped();
            // Route 53 refuses an alias to a name that does not exist yet (InvalidChangeBatch: "Tried to create an
            // alias that targets ..., but that target was not found"). The alias names the target from config, so
            // Terraform sees no reference: the DR region's record is in this stack (depends_on), the primary's in
            // <env>-app (a stack dependency, StackPlan.dependencies).
            new Route53Record(this, "failover-" + region, Route53RecordConfig.builder()
                    .dependsOn(region.equals(DR) ? List.of(drRegional) : null)
                    .zoneId(dns.zoneId())
                    .name(dns.name())
                    .type("A")
                    .setIdentifier(regionName)
                    .failoverRoutingPolicy(Route53RecordFailoverRoutingPolicy.builder()
                            .type(serving ? "PRIMARY" : "SECONDARY").build())
                    .healthCheckId(check.getId())
                    .alias(Route53RecordAlias.builder().name(regional).zoneId(dns.zoneId())
                            .evaluateTargetHealth(true).build())
                    .build());
        }
    }

    private static final String PRIMARY = "primary";
    private static final String DR = "dr";

    private void ingress(String id, String group, int port, String cidr, String fromGroup, String description,
                         Tagging t, String p) {
        new VpcSecurityGroupIngressRule(this, "ingress-" + idSafe(id), VpcSecurityGroupIngressRuleConfig.builder()
                .securityGroupId(group)
                .ipProtocol("tcp")
                .fromPort(port)
                .toPort(port)
                .cidrIpv4(cidr)
                .referencedSecurityGroupId(fromGroup)
                .description(description)
                .tags(t.tags(p + "-" + idSafe(id)))
                .build());
    }

    private void egress(String id, String group, String protocol, int port, String cidr, String toGroup,
                        String description, Tagging t, String p) {
        new VpcSecurityGroupEgressRule(this, "egress-" + idSafe(id), VpcSecurityGroupEgressRuleConfig.builder()
                .securityGroupId(group)
                .ipProtocol(protocol)
                .fromPort(port)
                .toPort(port)
                .cidrIpv4(cidr)
                .referencedSecurityGroupId(toGroup)
                .description(description)
                .tags(t.tags(p + "-" + idSafe(id)))
                .build());
    }

    /** "lb-http-10.0.0.0/8" to "lb-http-10-0-0-0-8": "/" separates construct paths; ids are a contract. */
    private static String idSafe(String id) {
        return id.replaceAll("[./]", "-");
    }

    private void output(String id, Object value, String description) {
        new TerraformOutput(this, id, TerraformOutputConfig.builder().value(value).description(description).build());
    }
}
