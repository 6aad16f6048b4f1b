package io.opsstack.config;

import io.opsstack.net.Ipv4Cidr;
import io.opsstack.net.NatMode;

import java.util.List;

/**
 * The VPC of an environment.
 *
 * @param cidr              the VPC block; subnets are cut from it by {@link io.opsstack.net.SubnetLayout}
 * @param azCount           2 or 3 availability zones
 * @param nat               none, single or per-az NAT gateways
 * @param availabilityZones explicit zone names (azCount of them), or empty for the region's first available ones
 * @param flowLogs          VPC flow log settings
 */
public record NetworkConfig(Ipv4Cidr cidr, int azCount, NatMode nat, List<String> availabilityZones,
                            FlowLogsConfig flowLogs) {

    public NetworkConfig {
        availabilityZones = List.copyOf(availabilityZones);
    }

    /** @param retentionDays how long the flow-log group keeps events (a CloudWatch Logs retention value) */
    public record FlowLogsConfig(int retentionDays) {
    }
}
