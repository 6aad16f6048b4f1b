package io.opsstack.stacks;

import com.hashicorp.cdktf.TerraformOutput;
import com.hashicorp.cdktf.TerraformOutputConfig;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.aws.data_aws_caller_identity.DataAwsCallerIdentity;
import com.hashicorp.cdktf.providers.aws.vpc_security_group_ingress_rule.VpcSecurityGroupIngressRule;
import com.hashicorp.cdktf.providers.aws.vpc_security_group_ingress_rule.VpcSecurityGroupIngressRuleConfig;
import io.opsstack.config.EnvironmentConfig;
import io.opsstack.constructs.BackupsBucket;
import io.opsstack.constructs.BackupsReplication;
import io.opsstack.constructs.DataKey;
import io.opsstack.constructs.DataRefs;
import io.opsstack.constructs.Database;
import io.opsstack.constructs.DatabaseProps;
import io.opsstack.constructs.MasterSecret;
import io.opsstack.constructs.NetworkRefs;
import io.opsstack.constructs.Tagging;

import software.constructs.Construct;

/** {@code <env>-data}: the data key, RDS PostgreSQL and the backups bucket. */
public final class DataStack extends TerraformStack {

    /** For the app and region-swap stacks. */
    public final DataRefs data;

    public DataStack(Construct scope, String id, EnvironmentConfig env, NetworkRefs network,
                     String stateDirFromWorkingDir) {
        super(scope, id);
        AwsProviders.apply(this, env.region());
        Backends.apply(this, id, env, stateDirFromWorkingDir);
        Tagging tagging = new Tagging(env.name(), env.tags());

        DataKey key = new DataKey(this, "key", env.resourcePrefix(), env.region(), env.partition(), tagging);

        BackupsBucket backups = new BackupsBucket(this, "backups", env.resourcePrefix(), env.region(), key.arn,
                env.backups().glacierAfterDays(), env.backups().expireNoncurrentAfterDays(), tagging);
        String account = env.dr().isPresent() ? new DataAwsCallerIdentity(this, "account").getAccountId() : null;
        if (env.dr().isPresent()) {
            // Backups flow to the DR region continuously; the destination is named from config.
            new BackupsReplication(this, "backups-replication", env.name(), env.inDrRegion().resourcePrefix(),
                    env.partition(), account, backups.name,
                    backups.arn, key.arn, backups.versioning, env.dr().get().region(), tagging);
        }
        output("kms_key_arn", key.arn, "The data tier's KMS key");
        output("backups_bucket_name", backups.name, "Bucket for database backups");
        output("backups_bucket_arn", backups.arn, "Bucket for database backups");
        if (env.database().sqlite()) {
            // SQLite lives on the app host's data volume (app stack): no database server here.
            this.data = new DataRefs(null, null, null, null, null, key.arn, backups.name, backups.arn);
            return;
        }

        // The only way into the database: PostgreSQL from the app hosts' group.
        new VpcSecurityGroupIngressRule(this, "database-from-app", VpcSecurityGroupIngressRuleConfig.builder()
                .securityGroupId(network.databaseSecurityGroupId())
                .referencedSecurityGroupId(network.appSecurityGroupId())
                .ipProtocol("tcp")
                .fromPort(5432)
                .toPort(5432)
                .description("PostgreSQL from the app hosts")
                .tags(tagging.tags(env.name() + "-database-from-app"))
                .build());

        // With a DR region the secret is replicated there, encrypted with the DR data key (named from config, like
        // the backups' destination: nothing is read from the DR stacks' state).
        String drKeyAlias = env.dr().isPresent()
                ? "arn:" + env.partition() + ":kms:" + env.dr().get().region() + ":"
                + account + ":alias/opsstack/"
                + env.inDrRegion().resourcePrefix() + "/data"
                : null;
        // A secret deleted with its environment stays restorable for 30 days, as long as the final snapshot it
        // opens may matter; without a final snapshot there is nothing left to open.
        MasterSecret secret = new MasterSecret(this, "database-master", env.resourcePrefix(), key.arn,
                env.dr().map(d -> d.region()).orElse(null), drKeyAlias,
                env.database().skipFinalSnapshot() ? 0 : 30, tagging);
        Database db = new Database(this, "database", DatabaseProps.builder()
                .namePrefix(env.resourcePrefix())
                .partition(env.partition())
                .settings(env.database())
                .subnetIds(network.databaseSubnetIds())
                .securityGroupId(network.databaseSecurityGroupId())
                .kmsKeyArn(key.arn)
                .tagging(tagging)
                .masterPassword(new DatabaseProps.MasterPassword(secret.arn, secret.passwordExpression))
                .build());

        this.data = new DataRefs(db.arn, db.identifier, db.address, db.port, secret.arn, key.arn,
                backups.name, backups.arn);

        output("db_endpoint", db.address, "PostgreSQL host name");
        output("db_port", db.port, "PostgreSQL port");
        output("db_instance_arn", db.arn, "The primary instance (source of a DR read replica)");
        output("db_master_secret_arn", secret.arn, "Secrets Manager secret holding the master credentials");
    }

    private void output(String id, Object value, String description) {
        new TerraformOutput(this, id, TerraformOutputConfig.builder().value(value).description(description).build());
    }
}
