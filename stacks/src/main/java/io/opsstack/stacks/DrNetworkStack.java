package io.opsstack.stacks;

import com.hashicorp.cdktf.TerraformStack;
import io.opsstack.config.EnvironmentConfig;
import io.opsstack.constructs.BackupsBucket;
import io.opsstack.constructs.DataKey;
import io.opsstack.constructs.Network;
import io.opsstack.constructs.NetworkProps;
import io.opsstack.constructs.NetworkRefs;
import io.opsstack.constructs.Tagging;

import software.constructs.Construct;

/**
 * {@code <env>-dr-network}: in the DR region, the same network construct as the primary (with dr.vpcCidr), plus
 * the DR region's data key and backups bucket, which must exist before the primary replicates into them.
 */
public final class DrNetworkStack extends TerraformStack {

    public final NetworkRefs network;
    public final String dataKeyArn;
    public final String backupsBucketArn;

    public DrNetworkStack(Construct scope, String id, EnvironmentConfig drEnv, String stateDirFromWorkingDir) {
        super(scope, id);
        AwsProviders.apply(this, drEnv.region());
        Backends.apply(this, id, drEnv, stateDirFromWorkingDir);
        Tagging tagging = new Tagging(drEnv.name(), drEnv.tags());
        Network net = new Network(this, "network", NetworkProps.builder()
                .namePrefix(drEnv.resourcePrefix())
                .region(drEnv.region())
                .cidr(drEnv.network().cidr())
                .azCount(drEnv.network().azCount())
                .nat(drEnv.network().nat())
                .flowLogRetentionDays(drEnv.network().flowLogs().retentionDays())
                .tagging(tagging)
                .build());
        this.network = net.refs;
        DataKey key = new DataKey(this, "key", drEnv.resourcePrefix(), drEnv.region(), drEnv.partition(), tagging);
        BackupsBucket bucket = new BackupsBucket(this, "backups", drEnv.resourcePrefix(), drEnv.region(), key.arn,
                drEnv.backups().glacierAfterDays(), drEnv.backups().expireNoncurrentAfterDays(), tagging);
        this.dataKeyArn = key.arn;
        this.backupsBucketArn = bucket.arn;
    }
}
