package io.opsstack.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The one registry of how opsstack answers checkov's Terraform AWS checks (CKV_AWS_*, CKV2_AWS_*) and cdk-nag's
 * AwsSolutions pack for every resource type the stacks emit: by a rule of ours, as a design exclusion with its
 * reason, as met by construction (no rule of ours yet), or as not applicable. docs/rules.md's coverage table is
 * generated from it; a test fails when an emitted resource type is missing, or a rule id here does not exist.
 *
 * <p>Ids as read in November 2026 from bridgecrewio/checkov (checkov/terraform/checks/resource/aws,
 * graph_checks/aws) and cdklabs/cdk-nag (src/packs/aws-solutions.ts). checkov has renumbered a few ids across
 * versions; the check's title is given so a reviewer can match it.
 */
public final class Coverage {

    public enum Status {
        /** One of our rules checks it (and the stacks satisfy it). */
        RULE("rule"),
        /** opsstack deliberately differs; upstream will report it on the environments named in the reason. */
        EXCLUDED("excluded by design"),
        /** The stacks satisfy it, but no rule of ours guards it yet. */
        MET("met by construction, no rule"),
        /** The check cannot fire on what opsstack emits, or misreads it (the reason says which). */
        NOT_APPLICABLE("not applicable"),
        /** No checkov or cdk-nag check targets this resource type. */
        NO_CHECK("no upstream check");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One upstream check on one resource type.
     *
     * @param upstream     the upstream id (CKV_AWS_18, AwsSolutions-S1), "-" for {@link Status#NO_CHECK}
     * @param title        the upstream check's title, shortened
     * @param resourceType the Terraform resource type it is evaluated on
     * @param status       how opsstack answers it
     * @param rule         our rule id for {@link Status#RULE}, else null
     * @param reason       why (required for every status but RULE, where it is an optional note)
     */
    public record Entry(String upstream, String title, String resourceType, Status status, String rule,
                        String reason) {
    }

    private static final String SINGLE_HOST = "dev and poc run one host without a load balancer (app.mode: single),"
            + " so that host is the entry point";
    private static final String LOG_BUCKET = "a log-delivery bucket (ALB access logs, the backups bucket's S3 access"
            + " logs): logging its own access would need yet another bucket, whose access would again be unlogged";

    public static final List<Entry> ENTRIES = sorted(List.of(
            // aws_autoscaling_group
            rule("AwsSolutions-AS3", "ASG notifications for all scaling events", "aws_autoscaling_group", "OPS-ASG-001",
                    "we require the two error events; successful launches and terminations are excluded by design:"
                            + " every scale-out, scale-in and instance refresh would mail the on-call, and the"
                            + " group's activity history records them"),
            rule("AwsSolutions-AS2", "ASG uses ELB health checks", "aws_autoscaling_group", "OPS-ASG-002", null),
            rule("CKV2_AWS_15", "ASG with a load balancer uses ELB health checks", "aws_autoscaling_group",
                    "OPS-ASG-002", null),
            na("AwsSolutions-AS1", "ASG has a cooldown period", "aws_autoscaling_group",
                    "the groups have no simple scaling policies (fixed min/desired/max, instance refresh rolls hosts),"
                            + " so no cooldown ever applies; AWS's 300 s default stands"),
            met("CKV_AWS_153", "ASG propagates tags at launch", "aws_autoscaling_group",
                    "the group's Name tag has propagate_at_launch; every other tag comes from the launch template's"
                            + " tag_specifications"),
            met("CKV_AWS_315", "ASG uses a launch template", "aws_autoscaling_group",
                    "AppHosts builds the group only from its launch template (OPS-EC2-004 reads it)"),
            none("aws_autoscaling_notification", "it is how opsstack meets AwsSolutions-AS3"),
            // aws_cloudwatch_log_group
            rule("CKV_AWS_66", "log group specifies retention", "aws_cloudwatch_log_group", "OPS-LOG-001", null),
            rule("CKV_AWS_158", "log group encrypted with KMS", "aws_cloudwatch_log_group", "OPS-LOG-002", null),
            excluded("CKV_AWS_338", "log group retains logs at least one year", "aws_cloudwatch_log_group",
                    "retention is a per-environment choice (network.flowLogs.retentionDays, database.logRetentionDays,"
                            + " app.logRetentionDays; 14 to 90 days in the shipped files): the logs name addresses"
                            + " and users and are kept no longer than the runbooks' incident reviews need; a regime"
                            + " that asks for a year sets 365"),
            // aws_cloudwatch_metric_alarm
            met("CKV_AWS_319", "alarm actions enabled", "aws_cloudwatch_metric_alarm",
                    "no alarm sets actions_enabled (default true); every alarm has alarm and OK actions to the alerts"
                            + " topic"),
            // aws_db_instance
            rule("CKV_AWS_16", "RDS encrypted at rest", "aws_db_instance", "OPS-RDS-001", null),
            rule("AwsSolutions-RDS2", "RDS storage encryption", "aws_db_instance", "OPS-RDS-001", null),
            rule("CKV_AWS_17", "RDS not publicly accessible", "aws_db_instance", "OPS-RDS-002", null),
            rule("AwsSolutions-RDS13", "RDS automated backups", "aws_db_instance", "OPS-RDS-003",
                    "7 days or more in production; dev keeps 1 day (it holds no data worth a restore; backup storage"
                            + " beyond the instance size costs)"),
            rule("CKV_AWS_293", "RDS deletion protection", "aws_db_instance", "OPS-RDS-004",
                    "required in production and set in staging; dev has none so it can be destroyed and rebuilt"),
            rule("AwsSolutions-RDS10", "RDS deletion protection", "aws_db_instance", "OPS-RDS-004",
                    "as CKV_AWS_293"),
            rule("AwsSolutions-RDS15", "RDS deletion protection", "aws_db_instance", "OPS-RDS-004",
                    "as CKV_AWS_293"),
            rule("CKV_AWS_157", "RDS Multi-AZ", "aws_db_instance", "OPS-RDS-005",
                    "required in production; staging sets it too (database.multiAz: true), so failovers and"
                            + " maintenance reboots are rehearsed there; dev runs single-AZ: a standby doubles the"
                            + " instance cost and dev's availability is not a promise to anyone"),
            rule("CKV_AWS_129", "RDS log exports enabled", "aws_db_instance", "OPS-RDS-007", null),
            rule("CKV_AWS_161", "RDS IAM authentication", "aws_db_instance", "OPS-RDS-007", null),
            rule("CKV_AWS_354", "Performance Insights encrypted with KMS", "aws_db_instance", "OPS-RDS-008", null),
            rule("CKV2_AWS_30", "PostgreSQL query logging", "aws_db_instance", "OPS-RDS-009",
                    "checked on the instance's parameter group"),
            excluded("CKV_AWS_118", "RDS enhanced monitoring", "aws_db_instance",
                    "on (60 s) in staging and production; dev turns it off (database.monitoringIntervalSeconds: 0)"
                            + " because it bills CloudWatch Logs ingestion for a database nobody is paged about"),
            excluded("CKV_AWS_353", "RDS Performance Insights", "aws_db_instance",
                    "on in staging and production; dev turns it off (database.performanceInsights: false): cost,"
                            + " and dev load says nothing about production queries"),
            excluded("AwsSolutions-RDS11", "RDS uses a non-default port", "aws_db_instance",
                    "5432 is reachable only from the app hosts' security group (OPS-SG-003) in database subnets"
                            + " without an internet route; a non-default port hides nothing from a scanner that"
                            + " cannot reach it and breaks every tool and runbook that assumes 5432"),
            met("CKV_AWS_211", "RDS uses a modern CA", "aws_db_instance",
                    "ca_cert_identifier rds-ca-rsa2048-g1 on every instance"),
            met("CKV_AWS_226", "RDS minor upgrades automatic", "aws_db_instance",
                    "auto_minor_version_upgrade true on every instance"),
            met("CKV2_AWS_60", "RDS copies tags to snapshots", "aws_db_instance",
                    "copy_tags_to_snapshot true on every instance"),
            met("CKV_AWS_250", "RDS PostgreSQL not on a log_fdw-vulnerable version", "aws_db_instance",
                    "the shipped files run PostgreSQL 16.4; the check's vulnerable versions are older 10 to 13 minors"),
            met("CKV_AWS_245", "replicated backups encrypted with a customer key",
                    "aws_db_instance_automated_backups_replication",
                    "the pilot-light DR stack replicates automated backups with the DR region's data key (kms_key_id)"),
            // aws_db_parameter_group, aws_db_subnet_group
            rule("CKV2_AWS_30", "PostgreSQL query logging", "aws_db_parameter_group", "OPS-RDS-009",
                    "log_statement ddl (not all: row statements would log personal data) and log_min_duration_statement"),
            none("aws_db_subnet_group", null),
            // aws_default_security_group
            rule("CKV2_AWS_12", "default security group restricts all traffic", "aws_default_security_group",
                    "OPS-VPC-002", null),
            // aws_ebs_volume, aws_volume_attachment
            rule("CKV_AWS_3", "EBS volume encrypted", "aws_ebs_volume", "OPS-EC2-006", null),
            rule("CKV_AWS_189", "EBS volume encrypted with a customer key", "aws_ebs_volume", "OPS-EC2-006", null),
            rule("AwsSolutions-EC26", "EBS volume encrypted", "aws_ebs_volume", "OPS-EC2-006", null),
            rule("CKV2_AWS_2", "only encrypted EBS volumes attached", "aws_ebs_volume", "OPS-EC2-006", null),
            rule("CKV2_AWS_2", "only encrypted EBS volumes attached", "aws_volume_attachment", "OPS-EC2-006",
                    "the attached volume is the one OPS-EC2-006 checks"),
            // aws_eip
            na("CKV2_AWS_19", "EIP attached to an EC2 instance", "aws_eip",
                    "the network stack's addresses belong to NAT gateways (the check only knows instances, so it"
                            + " reports them); the single host's address names its instance"),
            // aws_flow_log
            none("aws_flow_log", "CKV2_AWS_11 evaluates it through aws_vpc"),
            // aws_iam_*
            met("CKV_AWS_60", "role assumable only by specific services", "aws_iam_role",
                    "every role trusts one service principal (ec2, vpc-flow-logs with aws:SourceAccount,"
                            + " monitoring.rds, s3 for replication); the IAM access matrix evaluates each trust"
                            + " policy for its service (OPS-IAM-001, docs/iam.md)"),
            na("CKV_AWS_393", "GitHub Actions OIDC trust allows only safe claims", "aws_iam_role",
                    "no role trusts an OIDC provider: the trusted principals are the four AWS services above"),
            met("CKV_AWS_61", "role assumable only by specific principals in the account", "aws_iam_role",
                    "no role trusts an account or '*'"),
            met("CKV_AWS_274", "no AdministratorAccess", "aws_iam_role_policy_attachment",
                    "only AmazonSSMManagedInstanceCore and AmazonRDSEnhancedMonitoringRole are attached"),
            met("CKV2_AWS_56", "AWS-managed IAMFullAccess not attached", "aws_iam_role_policy_attachment",
                    "as CKV_AWS_274; the IAM access matrix evaluates the two attached policies from pinned copies"
                            + " (stacks/src/main/node/iam-check/managed-policies/; OPS-IAM-004 when one is missing)"),
            excluded("AwsSolutions-IAM4", "no AWS managed policies", "aws_iam_role_policy_attachment",
                    "two AWS-maintained service policies on purpose: AmazonSSMManagedInstanceCore (Session Manager"
                            + " access without opening SSH; AWS keeps it current with the agent) and AmazonRDSEnhancedMonitoringRole"
                            + " (RDS's own, scoped to the RDSOSMetrics log group); copying them would freeze them"),
            excluded("AwsSolutions-IAM5", "no wildcard permissions", "aws_iam_role_policy",
                    "the only wildcards name what cannot be known in advance, each inside one resource: log streams"
                            + " of one group (group:*) and objects of the backups bucket (bucket/*); no statement has"
                            + " Action '*', and Resource '*' only for logs:DescribeLogGroups, which has no"
                            + " resource-level permissions (OPS-IAM-003 finds one granted on an ARN)"),
            met("CKV_AWS_62", "no full '*:*' admin policy", "aws_iam_role_policy", "no statement has Action '*'"),
            met("CKV2_AWS_40", "no full IAM privileges", "aws_iam_role_policy",
                    "no statement names an iam: action; OPS-IAM-003 checks every action named exists"),
            met("CKV_AWS_286", "no privilege escalation", "aws_iam_role_policy",
                    "no statement grants iam:, sts:AssumeRole, PassRole or a policy-writing action; the roles'"
                            + " grants are the matrix's paths (docs/iam.md)"),
            rule("CKV_AWS_287", "no credentials exposure", "aws_iam_role_policy", "OPS-IAM-002",
                    "the one credential read (secretsmanager:GetSecretValue) names the environment's own secret;"
                            + " the cross-environment matrix proves no other environment's secret is reachable"),
            rule("CKV_AWS_288", "no data exfiltration", "aws_iam_role_policy", "OPS-IAM-002",
                    "s3:GetObject and kms:Decrypt name the environment's own bucket and key; the cross-environment"
                            + " and anonymous rows prove the rest is refused"),
            met("CKV_AWS_289", "no permissions management or resource exposure without constraints",
                    "aws_iam_role_policy", "no statement grants Put*Policy, iam:, kms:PutKeyPolicy or"
                            + " kms:CreateGrant; the matrix proves the hosts cannot delete the backups bucket's"
                            + " policy (OPS-IAM-002)"),
            met("CKV_AWS_290", "no write access without constraints", "aws_iam_role_policy",
                    "every write names its resources; the only Resource '*' grants logs:DescribeLogGroups, which has"
                            + " no resource-level permissions (a read); OPS-IAM-002 proves the hosts cannot delete"
                            + " backup versions"),
            met("CKV_AWS_63", "no '*' action", "aws_iam_role_policy", "every statement lists its actions"),
            met("CKV_AWS_355", "no '*' resource for restrictable actions", "aws_iam_role_policy",
                    "every statement names its resources (ARNs, with the wildcards explained at AwsSolutions-IAM5;"
                            + " Resource '*' only for logs:DescribeLogGroups, which cannot be restricted)"),
            none("aws_iam_instance_profile", null),
            // aws_instance (dev, poc single host)
            rule("CKV_AWS_79", "instance requires IMDSv2", "aws_instance", "OPS-EC2-005",
                    "through its launch template"),
            rule("CKV_AWS_8", "instance EBS encrypted", "aws_instance", "OPS-EC2-002",
                    "the root volume comes from the launch template OPS-EC2-005 requires"),
            rule("CKV2_AWS_41", "instance has an IAM role", "aws_instance", "OPS-EC2-003",
                    "the instance profile comes from the launch template"),
            excluded("CKV_AWS_88", "instance has no public IP", "aws_instance", SINGLE_HOST + " (poc: an Elastic IP;"
                    + " 80 only from app.allowedCidrs); hosts of an Auto Scaling group never get one (OPS-EC2-004)"),
            na("CKV_AWS_126", "instance detailed monitoring", "aws_instance",
                    "the instance launches from the launch template, which sets monitoring.enabled; checkov reads"
                            + " only the aws_instance block"),
            na("AwsSolutions-EC28", "instance detailed monitoring", "aws_instance", "as CKV_AWS_126"),
            na("CKV_AWS_135", "instance EBS optimized", "aws_instance",
                    "every current-generation type opsstack accepts is EBS-optimized by default; the attribute is"
                            + " ignored for them"),
            excluded("AwsSolutions-EC29", "instance termination protection", "aws_instance",
                    "the single host is replaceable by design (a launch-template change replaces it); its data lives"
                            + " on RDS or on the separate encrypted data volume, which survives the host"),
            met("CKV_AWS_46", "no secrets in user data", "aws_instance",
                    "user data fetches the database secret from Secrets Manager at boot; RDS generates the password"
                            + " (OPS-RDS-006)"),
            none("aws_internet_gateway", null),
            // aws_kms_key, aws_kms_alias
            rule("CKV_AWS_7", "KMS key rotation", "aws_kms_key", "OPS-KMS-001", null),
            rule("AwsSolutions-KMS5", "KMS key rotation", "aws_kms_key", "OPS-KMS-001", null),
            excluded("CKV_AWS_33", "KMS key policy has no '*' principal", "aws_kms_key",
                    "'AWS: *' appears only with kms:CallerAccount (this account) and kms:ViaService (one service in"
                            + " this region) conditions: AWS's documented way to let a service use the key for"
                            + " callers, including service-linked roles that may not exist yet; what it admits is in"
                            + " docs/iam.md (the cross-environment-via-service rows)"),
            met("CKV_AWS_227", "KMS key enabled", "aws_kms_key", "no key sets is_enabled false"),
            met("CKV2_AWS_64", "KMS key has a policy", "aws_kms_key", "every key has an explicit policy"),
            none("aws_kms_alias", null),
            // aws_launch_template
            rule("CKV_AWS_79", "IMDSv2 required", "aws_launch_template", "OPS-EC2-001", null),
            rule("CKV_AWS_88", "no public IP", "aws_launch_template", "OPS-EC2-004", null),
            met("CKV_AWS_341", "metadata hop limit 1", "aws_launch_template",
                    "1 by default; app.containersUseInstanceRole: true sets 2 (a documented trade-off: containers"
                            + " then hold the host role)"),
            // aws_lb, aws_lb_listener, aws_lb_target_group
            rule("CKV_AWS_91", "load balancer access logs", "aws_lb", "OPS-ALB-004", null),
            rule("AwsSolutions-ELB2", "load balancer access logs", "aws_lb", "OPS-ALB-004", null),
            rule("CKV_AWS_131", "ALB drops invalid headers", "aws_lb", "OPS-ALB-001", null),
            rule("CKV_AWS_150", "load balancer deletion protection", "aws_lb", "OPS-ALB-003",
                    "app.deletionProtection, on by default and required in production; staging keeps it on; only"
                            + " throw-away environments turn it off (the shipped dev and poc have no load balancer)"),
            rule("CKV2_AWS_20", "ALB redirects HTTP to HTTPS", "aws_lb", "OPS-ALB-002",
                    "whenever a certificate is configured: prod and staging have one (see CKV_AWS_2)"),
            na("CKV_AWS_152", "cross-zone load balancing (NLB/GWLB)", "aws_lb",
                    "opsstack emits application load balancers, which are always cross-zone"),
            met("CKV_AWS_328", "ALB desync mitigation defensive or strictest", "aws_lb",
                    "desync_mitigation_mode is left at its default, defensive"),
            excluded("CKV2_AWS_28", "ALB protected by WAF", "aws_lb",
                    "opsstack does not manage WAF: web ACLs are usually owned account-wide by the security team"
                            + " (AWS Firewall Manager) and associated outside the service's stacks. Open: a key to"
                            + " associate an existing web ACL"),
            rule("CKV_AWS_2", "listener uses HTTPS", "aws_lb_listener", "OPS-ALB-002",
                    "port 80 only redirects to 443 when a certificate is configured (app.certificateArn); prod and"
                            + " staging have one. An environment configured without one serves plain HTTP: upstream"
                            + " reports it, while OPS-ALB-002 requires the redirect only where there is HTTPS to"
                            + " redirect to"),
            rule("CKV2_AWS_20", "ALB redirects HTTP to HTTPS", "aws_lb_listener", "OPS-ALB-002", "as on aws_lb"),
            met("CKV_AWS_103", "listener uses TLS 1.2 or later", "aws_lb_listener",
                    "the HTTPS listener's policy is ELBSecurityPolicy-TLS13-1-2-2021-06"),
            met("CKV_AWS_261", "target group defines a health check", "aws_lb_target_group",
                    "GET /health, 200, every 15 s"),
            excluded("CKV_AWS_378", "target group does not use HTTP", "aws_lb_target_group",
                    "TLS ends at the load balancer; the hosts sit in private subnets and take port 80 only from the"
                            + " load balancer's security group; TLS to each host would need a certificate per host"
                            + " for no gain inside the VPC"),
            none("aws_nat_gateway", null),
            none("aws_route", null),
            none("aws_route_table", null),
            none("aws_route_table_association", null),
            none("aws_route53_health_check", null),
            met("CKV2_AWS_23", "Route 53 A record has an attached resource", "aws_route53_record",
                    "every A record is an alias to the load balancer or the single host's Elastic IP"),
            // aws_s3_bucket and its companions
            rule("CKV_AWS_18", "bucket access logging", "aws_s3_bucket", "OPS-S3-006",
                    "every data bucket; excluded by design for " + LOG_BUCKET),
            rule("AwsSolutions-S1", "bucket server access logs", "aws_s3_bucket", "OPS-S3-006", "as CKV_AWS_18"),
            rule("CKV_AWS_19", "bucket encrypted at rest", "aws_s3_bucket", "OPS-S3-003", null),
            rule("AwsSolutions-S3", "bucket default encryption", "aws_s3_bucket", "OPS-S3-003", null),
            rule("CKV_AWS_145", "bucket encrypted with KMS", "aws_s3_bucket", "OPS-S3-003",
                    "data buckets; log-delivery buckets use SSE-S3, the only encryption ALB and S3 log delivery"
                            + " can write to (excluded by design)"),
            rule("CKV_AWS_21", "bucket versioning", "aws_s3_bucket", "OPS-S3-002", null),
            rule("CKV2_AWS_6", "bucket has a public access block", "aws_s3_bucket", "OPS-S3-001", null),
            rule("AwsSolutions-S2", "bucket public access blocked", "aws_s3_bucket", "OPS-S3-001", null),
            rule("AwsSolutions-S10", "bucket requires TLS", "aws_s3_bucket", "OPS-S3-004", null),
            rule("CKV2_AWS_61", "bucket has a lifecycle configuration", "aws_s3_bucket", "OPS-S3-005", null),
            na("CKV_AWS_20", "bucket ACL allows public read", "aws_s3_bucket",
                    "ACLs are disabled (BucketOwnerEnforced) on every bucket; none sets acl"),
            na("CKV_AWS_57", "bucket ACL allows public write", "aws_s3_bucket", "as CKV_AWS_20"),
            excluded("CKV_AWS_143", "bucket Object Lock", "aws_s3_bucket",
                    "Object Lock can only be turned on when a bucket is created (existing backups buckets would be"
                            + " replaced) and would block the lifecycle's expiry of old backups; versioning, the"
                            + " data key's policy and the TLS-only policy are the retention and tamper controls"),
            excluded("CKV_AWS_144", "bucket cross-region replication", "aws_s3_bucket",
                    "the backups bucket replicates to the DR region when the environment has a dr section (prod);"
                            + " the other environments' backups and every log bucket are not worth a second region"),
            excluded("CKV2_AWS_62", "bucket event notifications", "aws_s3_bucket",
                    "nothing consumes object events; server access logs (OPS-S3-006) and CloudTrail are the record"),
            rule("CKV_AWS_300", "lifecycle aborts failed multipart uploads", "aws_s3_bucket_lifecycle_configuration",
                    "OPS-S3-005", null),
            none("aws_s3_bucket_logging", "it is how opsstack meets CKV_AWS_18 and AwsSolutions-S1"),
            none("aws_s3_bucket_ownership_controls", null),
            rule("CKV_AWS_70", "bucket policy allows no action to any principal", "aws_s3_bucket_policy",
                    "OPS-IAM-002", "'*' appears only in the Deny of non-TLS requests; the matrix proves anonymous"
                            + " and plain-HTTP requests to every bucket are refused"),
            met("CKV_AWS_93", "bucket policy does not lock out all but root", "aws_s3_bucket_policy",
                    "the policies deny only non-TLS requests"),
            rule("CKV_AWS_53", "block public ACLs", "aws_s3_bucket_public_access_block", "OPS-S3-001", null),
            rule("CKV_AWS_54", "block public policy", "aws_s3_bucket_public_access_block", "OPS-S3-001", null),
            rule("CKV_AWS_55", "ignore public ACLs", "aws_s3_bucket_public_access_block", "OPS-S3-001", null),
            rule("CKV_AWS_56", "restrict public buckets", "aws_s3_bucket_public_access_block", "OPS-S3-001", null),
            none("aws_s3_bucket_replication_configuration", null),
            none("aws_s3_bucket_server_side_encryption_configuration", "CKV_AWS_19 and CKV_AWS_145 evaluate it"
                    + " through aws_s3_bucket"),
            none("aws_s3_bucket_versioning", "CKV_AWS_21 evaluates it through aws_s3_bucket"),
            // security groups
            met("CKV_AWS_23", "security group and rules have descriptions", "aws_security_group",
                    "every group and every rule carries a description"),
            met("AwsSolutions-EC27", "security group has a description", "aws_security_group", "as CKV_AWS_23"),
            excluded("CKV2_AWS_5", "security group attached to a resource", "aws_security_group",
                    "<env>-endpoints is created empty for interface endpoints; an unattached group without rules"
                            + " grants nothing"),
            excluded("AwsSolutions-EC23", "no inbound from 0.0.0.0/0", "aws_vpc_security_group_ingress_rule",
                    "a public load balancer must take 80 and 443 from the internet (80 only redirects when there is a"
                            + " certificate); " + SINGLE_HOST + " (80 from app.allowedCidrs); OPS-SG-001 keeps the"
                            + " world off everything else"),
            excluded("CKV_AWS_260", "no ingress from 0.0.0.0/0 to port 80", "aws_vpc_security_group_ingress_rule",
                    "as AwsSolutions-EC23"),
            rule("CKV_AWS_24", "no SSH from 0.0.0.0/0", "aws_vpc_security_group_ingress_rule", "OPS-SG-002", null),
            rule("CKV_AWS_277", "no all-ports ingress from 0.0.0.0/0", "aws_vpc_security_group_ingress_rule",
                    "OPS-SG-001", null),
            met("CKV_AWS_25", "no RDP from 0.0.0.0/0", "aws_vpc_security_group_ingress_rule",
                    "opsstack never opens 3389 (Linux hosts)"),
            met("CKV_AWS_23", "rule has a description", "aws_vpc_security_group_ingress_rule",
                    "every ingress and egress rule carries a description"),
            met("CKV_AWS_382", "no all-ports egress to 0.0.0.0/0", "aws_vpc_security_group_egress_rule",
                    "egress is per port: 443 anywhere (images, AWS APIs), DNS to the VPC, 5432 to the database group"),
            // aws_secretsmanager_secret (the database's master credentials, MasterSecret)
            met("CKV_AWS_149", "secret encrypted with a KMS CMK", "aws_secretsmanager_secret",
                    "MasterSecret sets kms_key_id to the data key, and its DR replica's to the DR region's data key"),
            excluded("CKV2_AWS_57", "secret has automatic rotation", "aws_secretsmanager_secret",
                    "the password is rotated by raising database.passwordVersion (the next apply sets a new one on"
                            + " the instance and in the secret, write-only); a rotation Lambda would change the"
                            + " instance's password behind Terraform and need a network path into the database"
                            + " subnets (docs/configuration.md, rotating the master password)"),
            excluded("AwsSolutions-SMG4", "secret has automatic rotation", "aws_secretsmanager_secret",
                    "as CKV2_AWS_57"),
            none("aws_secretsmanager_secret_version", "its value is write-only (secret_string_wo): in no state or"
                    + " plan"),
            rule("CKV_AWS_26", "SNS topic encrypted", "aws_sns_topic", "OPS-SNS-001", null),
            rule("AwsSolutions-SNS2", "SNS topic encrypted with KMS", "aws_sns_topic", "OPS-SNS-001", null),
            none("aws_sns_topic_subscription", null),
            met("CKV_AWS_130", "subnet assigns no public IP", "aws_subnet",
                    "map_public_ip_on_launch false on every subnet, public ones included"),
            na("CKV2_AWS_1", "NACLs attached to subnets", "aws_subnet", "opsstack emits no network ACLs"),
            na("AwsSolutions-VPC3", "NACLs in use", "aws_subnet",
                    "opsstack emits no network ACLs; security groups are the only filter"),
            rule("CKV2_AWS_11", "VPC flow logs", "aws_vpc", "OPS-VPC-001", null),
            rule("AwsSolutions-VPC7", "VPC flow logs", "aws_vpc", "OPS-VPC-001", null),
            rule("CKV2_AWS_12", "default security group restricts all traffic", "aws_vpc", "OPS-VPC-002", null),
            none("aws_vpc_endpoint", "CKV_AWS_123 applies to endpoint services, which opsstack does not emit"),
            none("docker_container", "the local environment runs on the developer's Docker; neither checkov nor"
                    + " cdk-nag has Terraform checks for the docker provider"),
            none("docker_image", "as docker_container"),
            none("docker_network", "as docker_container"),
            none("docker_volume", "as docker_container")));

    private Coverage() {
    }

    /** The upstream ids that {@code ruleId} covers, sorted, without duplicates. */
    public static List<String> upstreamOf(String ruleId) {
        return List.copyOf(new TreeSet<>(ENTRIES.stream().filter(e -> ruleId.equals(e.rule()))
                .map(Entry::upstream).toList()));
    }

    /** Every resource type the table speaks about. */
    public static TreeSet<String> resourceTypes() {
        return new TreeSet<>(ENTRIES.stream().map(Entry::resourceType).toList());
    }

    public static List<Entry> withStatus(Status status) {
        return ENTRIES.stream().filter(e -> e.status() == status).toList();
    }

    private static Entry rule(String upstream, String title, String type, String rule, String note) {
        return new Entry(upstream, title, type, Status.RULE, rule, note);
    }

    private static Entry excluded(String upstream, String title, String type, String reason) {
        return new Entry(upstream, title, type, Status.EXCLUDED, null, reason);
    }

    private static Entry met(String upstream, String title, String type, String reason) {
        return new Entry(upstream, title, type, Status.MET, null, reason);
    }

    private static Entry na(String upstream, String title, String type, String reason) {
        return new Entry(upstream, title, type, Status.NOT_APPLICABLE, null, reason);
    }

    private static Entry none(String type, String reason) {
        return new Entry("-", "", type, Status.NO_CHECK, null, reason == null ? "" : reason);
    }

    private static List<Entry> sorted(List<Entry> entries) {
        List<Entry> out = new ArrayList<>(entries);
        out.sort(Comparator.comparing(Entry::resourceType).thenComparing(Entry::upstream));
        return List.copyOf(out);
    }
}
