package io.opsstack.policy.awsapi;

import io.opsstack.policy.Rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The catalogue of AWS API rules opsstack enforces before AWS does, and where: {@code validate} (the environment
 * file decides it; file:line:column, exit 2), the synth policy gate (the AWS-* rules of {@link AwsRules}; synth
 * refuses, {@code opsstack check} reports), or the rehearsal's emulator launcher (only the API sees it; refused with
 * AWS's error code and message). docs/rules.md's "AWS API rules" section is generated from it.
 *
 * @param id       the rule id: an AWS-* policy rule, AWS-*-Vnn for validate, AWS-*-Lnn for the launcher
 * @param what     the rule, one line
 * @param where    where opsstack enforces it
 * @param awsError AWS's error code and message, as AWS gives it when known
 * @param source   the AWS document it comes from
 */
public record Catalogue(String id, String what, String where, String awsError, String source) {

    private static final String VALIDATE = "validate";
    private static final String LAUNCHER = "launcher (rehearsal)";
    private static final String CREATE_DB = "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html";

    /** The policy rules that validate checks too, from the environment file: rule id to the keys it reads. */
    static final Map<String, String> ALSO_VALIDATED = Map.ofEntries(
            Map.entry("AWS-RDS-005", "database.monitoringIntervalSeconds"),
            Map.entry("AWS-RDS-007", "database.backupWindow, database.maintenanceWindow"),
            Map.entry("AWS-RDS-008", "database.allocatedStorageGb, database.maxAllocatedStorageGb"),
            Map.entry("AWS-LOG-002", "network.flowLogs.retentionDays, database.logRetentionDays, app.logRetentionDays"),
            Map.entry("AWS-S3-001", "name, dr.region (the length of every bucket name opsstack gives)"),
            Map.entry("AWS-ELB-005", "app.certificateArn, dr.certificateArn"),
            Map.entry("AWS-TAG-001", "tags"),
            Map.entry("AWS-RDS-012", "database.backupRetentionDays"),
            Map.entry("AWS-ASG-001", "app.minSize, app.desiredCapacity, app.maxSize"),
            Map.entry("AWS-EC2-005", "app.rootVolumeGb"),
            Map.entry("AWS-ELB-006", "network.azCount"));

    /** What only validate or only the launcher enforces (the policy rules add the rest). */
    static final List<Catalogue> OTHERS = List.of(
            new Catalogue("AWS-RDS-V02", "Performance Insights is not available on db.t2/t3/t4g micro and small",
                    VALIDATE + " (database.performanceInsights, database.instanceClass)",
                    "InvalidParameterCombination: Performance Insights not supported for this configuration.",
                    "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PerfInsights.Overview.Engines.html"),
            new Catalogue("AWS-RDS-V03", "The database name and master username are a letter then up to 62 letters,"
                    + " digits or underscores; the username is not rdsadmin", VALIDATE + " (database.databaseName,"
                    + " database.masterUsername)", "InvalidParameterValue: The parameter MasterUsername is not a valid"
                    + " identifier", CREATE_DB),
            new Catalogue("AWS-RDS-V04", "A warm standby (read replica) needs automated backups on the primary",
                    VALIDATE + " (dr.mode, database.backupRetentionDays)", "see AWS-RDS-L01",
                    "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.html"),
            new Catalogue("AWS-EC2-V01", "A security group has at most 60 inbound rules (the default quota)",
                    VALIDATE + " (app.allowedCidrs, app.sshCidrs, monitoring.adminCidrs)",
                    "RulesPerSecurityGroupLimitExceeded: The maximum number of rules per security group has been"
                            + " reached.", "https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html"),
            new Catalogue("AWS-VPC-V01", "A VPC CIDR block is between /16 and /28", VALIDATE + " (network.cidr,"
                    + " dr.vpcCidr)", "InvalidVpc.Range: The CIDR '<cidr>' is invalid.",
                    "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html"),
            new Catalogue("AWS-R53-V01", "A DNS name is at most 253 characters, the regional records"
                    + " <region>.<dns.name> included", VALIDATE + " (dns.name)",
                    "InvalidInput: DNS name is too long",
                    "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DomainNameFormat.html"),
            new Catalogue("AWS-NAME-V01", "The environment name is at most 16 lowercase letters, digits and hyphens,"
                    + " which keeps every name opsstack derives from it within AWS's limits (load balancer and target"
                    + " group <env>-dr-app: 32; RDS <env>-dr-postgres: 63; IAM <env>-dr-backups-replication: 64; the"
                    + " policy rules above check the derived names themselves)", VALIDATE + " (name)",
                    "see AWS-ELB-001, AWS-ELB-002, AWS-RDS-001, AWS-IAM-001",
                    "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html"),
            new Catalogue("AWS-REGION-V01", "The region is an AWS region", VALIDATE + " (region, dr.region)",
                    "the provider fails: invalid AWS Region", "https://docs.aws.amazon.com/general/latest/gr/rande.html"),
            new Catalogue("AWS-RDS-L01", "A read replica's source has automated backups (backup retention above 0)",
                    LAUNCHER + ": CreateDBInstanceReadReplica", "InvalidDBInstanceState: Automated backups are not"
                    + " enabled for this database instance. To enable automated backups, use ModifyDBInstance to set"
                    + " the backup retention period to a non-zero value. (the requirement is the user guide's; the"
                    + " message as users report it)",
                    "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.html"),
            new Catalogue("AWS-RDS-L02", "A read replica is deleted without a final snapshot", LAUNCHER
                    + ": DeleteDBInstance (also RegionSwapTest on the synthesized replica)",
                    "InvalidParameterCombination: FinalDBSnapshotIdentifier can not be specified when deleting a"
                            + " replica instance",
                    "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DeleteDBInstance.html"));

    /** Every entry, sorted by id: the AWS-* policy rules and the validate and launcher ones. */
    public static List<Catalogue> all() {
        List<Catalogue> out = new ArrayList<>();
        for (Rule r : AwsRules.ALL) {
            AwsRule a = (AwsRule) r;
            String also = ALSO_VALIDATED.get(a.id());
            out.add(new Catalogue(a.id(), a.statement(), "synth policy gate, opsstack check" + (also == null ? ""
                    : "; also " + VALIDATE + " (" + also + ")"), a.awsError(), a.source()));
        }
        out.addAll(OTHERS);
        out.sort(java.util.Comparator.comparing(Catalogue::id));
        return out;
    }
}
