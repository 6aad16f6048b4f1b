package io.opsstack.constructs;

import com.hashicorp.cdktf.Fn;
import com.hashicorp.cdktf.ITerraformDependable;
import com.hashicorp.cdktf.TerraformResourceLifecycle;
import com.hashicorp.cdktf.Token;
import com.hashicorp.cdktf.providers.aws.cloudwatch_log_group.CloudwatchLogGroup;
import com.hashicorp.cdktf.providers.aws.cloudwatch_log_group.CloudwatchLogGroupConfig;
import com.hashicorp.cdktf.providers.aws.db_instance.DbInstance;
import com.hashicorp.cdktf.providers.aws.db_instance.DbInstanceConfig;
import com.hashicorp.cdktf.providers.aws.db_instance.DbInstanceRestoreToPointInTime;
import com.hashicorp.cdktf.providers.aws.db_parameter_group.DbParameterGroup;
import com.hashicorp.cdktf.providers.aws.db_parameter_group.DbParameterGroupConfig;
import com.hashicorp.cdktf.providers.aws.db_parameter_group.DbParameterGroupParameter;
import com.hashicorp.cdktf.providers.aws.db_subnet_group.DbSubnetGroup;
import com.hashicorp.cdktf.providers.aws.db_subnet_group.DbSubnetGroupConfig;
import com.hashicorp.cdktf.providers.aws.iam_role.IamRole;
import com.hashicorp.cdktf.providers.aws.iam_role.IamRoleConfig;
import com.hashicorp.cdktf.providers.aws.iam_role_policy_attachment.IamRolePolicyAttachment;
import com.hashicorp.cdktf.providers.aws.iam_role_policy_attachment.IamRolePolicyAttachmentConfig;
import io.opsstack.config.DatabaseConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.constructs.Construct;

/**
 * RDS PostgreSQL as the runbooks need it: encrypted with the data key, never public, automated backups for
 * point-in-time recovery, a final snapshot on destroy, the master password generated and kept in Secrets Manager
 * by RDS (it appears nowhere in our output), TLS forced, slow queries and connections logged to log groups with
 * retention, IAM authentication, Performance Insights and enhanced monitoring.
 *
 * <p>{@code restoreFromSnapshot} is the runbook's restore procedure as config: the instance is created from that
 * snapshot. Changing it replaces the instance (that is what a restore is); keep it set afterwards, or removing it
 * replaces the instance again with an empty one.
 */
public final class Database extends Construct {

    public final String identifier;
    public final String arn;
    public final String address;
    public final Number port;
    /** The Secrets Manager secret of the master credentials; null for a replica (it has none of its own). */
    public final String masterSecretArn;

    public Database(Construct scope, String id, DatabaseProps props) {
        super(scope, id);
        DatabaseConfig c = props.settings();
        Tagging t = props.tagging();
        String p = props.namePrefix();
        this.identifier = p + "-postgres";

        DbSubnetGroup subnets = new DbSubnetGroup(this, "subnet-group", DbSubnetGroupConfig.builder()
                .name(p + "-database")
                .description("Database subnets of " + p)
                .subnetIds(props.subnetIds())
                .tags(t.tags(p + "-database"))
                .build());

        List<DbParameterGroupParameter> parameters = new ArrayList<>(List.of(
                parameter("rds.force_ssl", "1"),
                parameter("log_min_duration_statement", String.valueOf(c.slowQueryMs())),
                parameter("log_connections", "1"),
                parameter("log_disconnections", "1"),
                // Schema changes (CREATE, ALTER, DROP) are who-changed-what evidence; row statements (mod, all)
                // would put personal data into the log and multiply its volume.
                parameter("log_statement", "ddl")));
        // The family is part of the name: a major upgrade creates the new group before the old one goes.
        DbParameterGroup params = new DbParameterGroup(this, "parameter-group", DbParameterGroupConfig.builder()
                .name(p + "-" + c.parameterGroupFamily())
                .family(c.parameterGroupFamily())
                .description("opsstack " + p + " PostgreSQL " + c.majorVersion())
                .parameter(parameters)
                .tags(t.tags(p + "-" + c.parameterGroupFamily()))
                .lifecycle(TerraformResourceLifecycle.builder().createBeforeDestroy(true).build())
                .build());

        // RDS would create these on first export with no retention and no encryption; owning them fixes both.
        List<ITerraformDependable> logGroups = new ArrayList<>();
        for (String log : List.of("postgresql", "upgrade")) {
            logGroups.add(new CloudwatchLogGroup(this, "log-" + log, CloudwatchLogGroupConfig.builder()
                    .name("/aws/rds/instance/" + identifier + "/" + log)
                    .retentionInDays(c.logRetentionDays())
                    .kmsKeyId(props.kmsKeyArn())
                    .tags(t.tags(identifier + "-" + log))
                    .build()));
        }

        DatabaseProps.Role role = props.role();
        // A read replica never takes a final snapshot: AWS refuses one ("FinalDBSnapshotIdentifier can not be
        // specified when deleting a replica instance"), and its data is its source's. The prod rehearsal's teardown
        // found it: the replica asked for prod-dr-postgres-final, the name the failback had already used for the
        // promoted instance it replaced (the emulator, unlike AWS, had let the replica try).
        boolean skipFinalSnapshot = role == DatabaseProps.Role.REPLICA || c.skipFinalSnapshot();
        DbInstanceConfig.Builder db = DbInstanceConfig.builder()
                .identifier(identifier)
                .engine("postgres")
                .engineVersion(c.engineVersion())
                // A major version change in config is a reviewed decision: let it apply.
                .allowMajorVersionUpgrade(true)
                .autoMinorVersionUpgrade(true)
                .instanceClass(c.instanceClass())
                .storageType("gp3")
                .allocatedStorage(c.allocatedStorageGb())
                .maxAllocatedStorage(c.maxAllocatedStorageGb())
                .storageEncrypted(true)
                .kmsKeyId(props.kmsKeyArn())
                .multiAz(c.multiAz())
                .dbSubnetGroupName(subnets.getName())
                .vpcSecurityGroupIds(List.of(props.securityGroupId()))
                .publiclyAccessible(false)
                .parameterGroupName(params.getName())
                .backupRetentionPeriod(c.backupRetentionDays())
                .backupWindow(c.backupWindow())
                .maintenanceWindow(c.maintenanceWindow())
                .copyTagsToSnapshot(true)
                .deletionProtection(c.deletionProtection())
                .skipFinalSnapshot(skipFinalSnapshot)
                .iamDatabaseAuthenticationEnabled(true)
                .enabledCloudwatchLogsExports(List.of("postgresql", "upgrade"))
                .caCertIdentifier("rds-ca-rsa2048-g1")
                .tags(t.tags(identifier))
                .dependsOn(logGroups);
        if (!skipFinalSnapshot) {
            // Deterministic, so the runbook can name it; delete it before destroying the environment twice.
            db.finalSnapshotIdentifier(identifier + "-final");
        }
        if (role != DatabaseProps.Role.REPLICA) {
            // RDS generates the master password and keeps it in Secrets Manager, encrypted with our key.
            db.manageMasterUserPassword(true).masterUserSecretKmsKeyId(props.kmsKeyArn());
        }
        switch (role) {
            case PRIMARY -> {
                if (c.restoreFromSnapshot().isPresent()) {
                    // The snapshot carries the database name and master user.
                    db.snapshotIdentifier(c.restoreFromSnapshot().get());
                } else {
                    db.dbName(c.databaseName()).username(c.masterUsername());
                }
            }
            // A replica takes engine, user and database from its source. Removing replicate_source_db later is
            // how Terraform promotes it (PROMOTED): same instance, no replacement.
            case REPLICA -> db.replicateSourceDb(props.sourceArn());
            case PROMOTED -> { }
            case RESTORED -> db.restoreToPointInTime(DbInstanceRestoreToPointInTime.builder()
                    .sourceDbInstanceAutomatedBackupsArn(props.sourceArn())
                    .useLatestRestorableTime(true)
                    .build());
            default -> throw new IllegalStateException(role.toString());
        }
        if (c.performanceInsights()) {
            db.performanceInsightsEnabled(true)
                    .performanceInsightsKmsKeyId(props.kmsKeyArn())
                    .performanceInsightsRetentionPeriod(7);
        } else {
            db.performanceInsightsEnabled(false);
        }
        db.monitoringInterval(c.monitoringIntervalSeconds());
        if (c.monitoringIntervalSeconds() > 0) {
            db.monitoringRoleArn(monitoringRole(props).getArn());
        }
        DbInstance instance = new DbInstance(this, "instance", db.build());

        this.arn = instance.getArn();
        this.address = instance.getAddress();
        this.port = instance.getPort();
        // one(...[*]) and not [0]: a promoted replica gets its managed secret only when the promotion's apply
        // turns manage_master_user_password on, so the plan of that apply still holds the replica's empty list,
        // and [0] fails with "Invalid index" (in AWS as in the rehearsal). one() is null until then, the ARN after.
        this.masterSecretArn = role == DatabaseProps.Role.REPLICA ? null
                : Token.asString(Fn.one(Fn.lookupNested(instance.getMasterUserSecret(), List.of("*", "secret_arn"))));
    }

    private static DbParameterGroupParameter parameter(String name, String value) {
        return DbParameterGroupParameter.builder().name(name).value(value).build();
    }

    private IamRole monitoringRole(DatabaseProps props) {
        String p = props.namePrefix();
        IamRole role = new IamRole(this, "monitoring-role", IamRoleConfig.builder()
                .name(p + "-rds-monitoring")
                .assumeRolePolicy(PolicyJson.assumableBy("monitoring.rds.amazonaws.com"))
                .tags(props.tagging().tags(p + "-rds-monitoring"))
                .build());
        new IamRolePolicyAttachment(this, "monitoring-policy", IamRolePolicyAttachmentConfig.builder()
                .role(role.getName())
                .policyArn("arn:" + props.partition() + ":iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole")
                .build());
        return role;
    }
}
