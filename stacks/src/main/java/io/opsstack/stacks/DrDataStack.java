package io.opsstack.stacks;

import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.aws.data_aws_caller_identity.DataAwsCallerIdentity;
import com.hashicorp.cdktf.providers.aws.db_instance_automated_backups_replication.DbInstanceAutomatedBackupsReplication;
import com.hashicorp.cdktf.providers.aws.db_instance_automated_backups_replication.DbInstanceAutomatedBackupsReplicationConfig;
import com.hashicorp.cdktf.providers.aws.vpc_security_group_ingress_rule.VpcSecurityGroupIngressRule;
import com.hashicorp.cdktf.providers.aws.vpc_security_group_ingress_rule.VpcSecurityGroupIngressRuleConfig;
import io.opsstack.config.DrConfig;
import io.opsstack.config.EnvironmentConfig;
import io.opsstack.constructs.DataRefs;
import io.opsstack.constructs.Database;
import io.opsstack.constructs.DatabaseProps;
import io.opsstack.constructs.MasterSecret;
import io.opsstack.constructs.Tagging;

import software.constructs.Construct;

/**
 * {@code <env>-dr-data}: the database in the DR region.
 * <ul>
 *   <li>warm standby: a cross-region read replica of the primary; swapped: the same instance, promoted.</li>
 *   <li>pilot light: no instance, the primary's automated backups replicated here; swapped: an instance restored
 *       from them to the latest restorable time.</li>
 * </ul>
 * The primary's ARN is built from config and this region's caller identity: nothing is read from the primary
 * region's state, so this stack deploys while the primary region is down.
 */
public final class DrDataStack extends TerraformStack {

    public final DataRefs data;

    public DrDataStack(Construct scope, String id, EnvironmentConfig drEnv, String primaryRegion,
                       DrNetworkStack drNetwork, String stateDirFromWorkingDir) {
        super(scope, id);
        AwsProviders.apply(this, drEnv.region());
        Backends.apply(this, id, drEnv, stateDirFromWorkingDir);
        DrConfig dr = drEnv.dr().orElseThrow();
        Tagging tagging = new Tagging(drEnv.name(), drEnv.tags());
        String account = new DataAwsCallerIdentity(this, "account").getAccountId();
        String p = drEnv.resourcePrefix();
        String primaryArn = "arn:" + drEnv.partition() + ":rds:" + primaryRegion + ":" + account + ":db:"
                + drEnv.name() + "-postgres";

        new VpcSecurityGroupIngressRule(this, "database-from-app", VpcSecurityGroupIngressRuleConfig.builder()
                .securityGroupId(drNetwork.network.databaseSecurityGroupId())
                .referencedSecurityGroupId(drNetwork.network.appSecurityGroupId())
                .ipProtocol("tcp").fromPort(5432).toPort(5432)
                .description("PostgreSQL from the app hosts")
                .tags(tagging.tags(p + "-database-from-app"))
                .build());

        DatabaseProps.Role role;
        String source;
        if (dr.mode() == DrConfig.Mode.WARM_STANDBY) {
            role = dr.swapped() ? DatabaseProps.Role.PROMOTED : DatabaseProps.Role.REPLICA;
            source = dr.swapped() ? null : primaryArn;
        } else {
            // Kept when swapped too: its API lives in this region, and it owns the backups the restore reads.
            DbInstanceAutomatedBackupsReplication replicated = new DbInstanceAutomatedBackupsReplication(this,
                    "automated-backups-replication", DbInstanceAutomatedBackupsReplicationConfig.builder()
                    .sourceDbInstanceArn(primaryArn)
                    .kmsKeyId(drNetwork.dataKeyArn)
                    .retentionPeriod(Math.max(1, drEnv.database().backupRetentionDays()))
                    .build());
            role = dr.swapped() ? DatabaseProps.Role.RESTORED : null;
            source = replicated.getId();
        }
        String dbArn;
        if (role != null) {
            Database db = new Database(this, "database", DatabaseProps.builder()
                    .namePrefix(p)
                    .partition(drEnv.partition())
                    .settings(drEnv.database())
                    .subnetIds(drNetwork.network.databaseSubnetIds())
                    .securityGroupId(drNetwork.network.databaseSecurityGroupId())
                    .kmsKeyArn(drNetwork.dataKeyArn)
                    .tagging(tagging)
                    .role(role, source)
                    .build());
            dbArn = db.arn;
        } else {
            dbArn = null;
        }
        // The hosts read the replica of the primary's secret (MasterSecret) in this region, by its name: Secrets
        // Manager gives a replica the primary's name and ARN suffix, which this stack cannot know without reading
        // the primary region, so the policy names the secret with the six-character suffix as a pattern. The same
        // secret serves before and after the swap (a promoted replica keeps its source's password): the failover
        // changes no IAM and no secret.
        String secretArn = "arn:" + drEnv.partition() + ":secretsmanager:" + drEnv.region() + ":" + account
                + ":secret:" + MasterSecret.secretName(drEnv.name()) + "-??????";
        this.data = new DataRefs(dbArn, p + "-postgres", null, null, secretArn, drNetwork.dataKeyArn,
                "opsstack-" + p + "-backups-" + account + "-" + drEnv.region(), drNetwork.backupsBucketArn);
    }
}
