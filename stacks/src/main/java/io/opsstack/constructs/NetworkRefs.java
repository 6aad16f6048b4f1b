package io.opsstack.constructs;

import java.util.List;

/**
 * What other stacks need from a {@link Network}: ids as Terraform references. Passing this record (rather than
 * strings looked up by name) lets cdktf wire cross-stack references and the compiler check the wiring.
 *
 * @param vpcId                    the VPC
 * @param vpcCidr                  the VPC block (a literal, for security group rules)
 * @param publicSubnetIds          one per AZ, in AZ order: load balancers, single-mode hosts, NAT gateways
 * @param appSubnetIds             one per AZ: the app hosts
 * @param databaseSubnetIds        one per AZ: RDS (no route to the internet)
 * @param lbSecurityGroupId        the load balancer's group
 * @param appSecurityGroupId       the app hosts' group
 * @param databaseSecurityGroupId  the database's group
 * @param endpointsSecurityGroupId interface VPC endpoints' group
 */
public record NetworkRefs(String vpcId, String vpcCidr, List<String> publicSubnetIds, List<String> appSubnetIds,
                          List<String> databaseSubnetIds, String lbSecurityGroupId, String appSecurityGroupId,
                          String databaseSecurityGroupId, String endpointsSecurityGroupId) {

    public NetworkRefs {
        publicSubnetIds = List.copyOf(publicSubnetIds);
        appSubnetIds = List.copyOf(appSubnetIds);
        databaseSubnetIds = List.copyOf(databaseSubnetIds);
    }
}
