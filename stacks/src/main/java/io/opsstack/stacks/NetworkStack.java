package io.opsstack.stacks;

import com.hashicorp.cdktf.TerraformOutput;
import com.hashicorp.cdktf.TerraformOutputConfig;
import com.hashicorp.cdktf.TerraformStack;
import io.opsstack.config.EnvironmentConfig;
import io.opsstack.constructs.Network;
import io.opsstack.constructs.NetworkProps;
import io.opsstack.constructs.NetworkRefs;
import io.opsstack.constructs.Tagging;

import software.constructs.Construct;

/** {@code <env>-network}: the environment's VPC and the security groups the other stacks attach to. */
public final class NetworkStack extends TerraformStack {

    /** For the data and app stacks (cross-stack references are wired by cdktf). */
    public final NetworkRefs network;

    public NetworkStack(Construct scope, String id, EnvironmentConfig env, String stateDirFromWorkingDir) {
        super(scope, id);
        AwsProviders.apply(this, env.region());
        Backends.apply(this, id, env, stateDirFromWorkingDir);

        Network net = new Network(this, "network", NetworkProps.builder()
                .namePrefix(env.resourcePrefix())
                .region(env.region())
                .cidr(env.network().cidr())
                .azCount(env.network().azCount())
                .nat(env.network().nat())
                .availabilityZones(env.network().availabilityZones())
                .flowLogRetentionDays(env.network().flowLogs().retentionDays())
                .tagging(new Tagging(env.name(), env.tags()))
                .build());
        this.network = net.refs;

        output("vpc_id", network.vpcId(), "The VPC");
        output("public_subnet_ids", network.publicSubnetIds(), "Public subnets, in AZ order");
        output("app_subnet_ids", network.appSubnetIds(), "Private app subnets, in AZ order");
        output("database_subnet_ids", network.databaseSubnetIds(), "Database subnets, in AZ order");
        output("lb_security_group_id", network.lbSecurityGroupId(), "Load balancer security group");
        output("app_security_group_id", network.appSecurityGroupId(), "App hosts security group");
        output("database_security_group_id", network.databaseSecurityGroupId(), "Database security group");
        output("endpoints_security_group_id", network.endpointsSecurityGroupId(),
                "Interface VPC endpoints security group");
    }

    private void output(String id, Object value, String description) {
        new TerraformOutput(this, id, TerraformOutputConfig.builder().value(value).description(description).build());
    }
}
