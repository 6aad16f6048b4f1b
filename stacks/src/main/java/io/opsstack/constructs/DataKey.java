package io.opsstack.constructs;

import com.hashicorp.cdktf.providers.aws.data_aws_caller_identity.DataAwsCallerIdentity;
import com.hashicorp.cdktf.providers.aws.kms_alias.KmsAlias;
import com.hashicorp.cdktf.providers.aws.kms_alias.KmsAliasConfig;
import com.hashicorp.cdktf.providers.aws.kms_key.KmsKey;
import com.hashicorp.cdktf.providers.aws.kms_key.KmsKeyConfig;

import java.util.List;
import java.util.Map;

import software.constructs.Construct;

/**
 * The customer-managed KMS key of an environment's data tier (RDS storage, Performance Insights, the master
 * password secret, the backups bucket, the database's log groups), with rotation on and alias
 * {@code alias/opsstack/<env>/data}.
 *
 * <p>Key policy: the account administers the key through IAM; any principal of this account may use it only
 * through EC2 (EBS data volumes), RDS, S3 or Secrets Manager in this region (how AWS-managed keys are scoped); CloudWatch Logs may use it
 * for this account's log groups in this region.
 */
public final class DataKey extends Construct {

    /** Key ARN, for kms_key_id arguments. */
    public final String arn;
    /** Key id. */
    public final String keyId;

    public DataKey(Construct scope, String id, String namePrefix, String region, String partition, Tagging tagging) {
        super(scope, id);
        String account = new DataAwsCallerIdentity(this, "account").getAccountId();
        String policy = PolicyJson.document(
                PolicyJson.statement("AccountAdministersKeyThroughIam", "Allow", List.of("kms:*"), List.of("*"),
                        Map.of("AWS", "arn:" + partition + ":iam::" + account + ":root"), null),
                PolicyJson.statement("UseThroughDataServices", "Allow",
                        List.of("kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*",
                                "kms:CreateGrant", "kms:ListGrants", "kms:DescribeKey"),
                        List.of("*"), Map.of("AWS", "*"),
                        Map.of("StringEquals", Map.of(
                                "kms:CallerAccount", account,
                                "kms:ViaService", List.of("ec2." + region + ".amazonaws.com",
                                        "rds." + region + ".amazonaws.com",
                                        "s3." + region + ".amazonaws.com",
                                        "secretsmanager." + region + ".amazonaws.com")))),
                PolicyJson.statement("CloudWatchLogsEncryptsThisAccountsGroups", "Allow",
                        List.of("kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*",
                                "kms:Describe*"),
                        List.of("*"), Map.of("Service", "logs." + region + ".amazonaws.com"),
                        Map.of("ArnLike", Map.of("kms:EncryptionContext:aws:logs:arn",
                                "arn:" + partition + ":logs:" + region + ":" + account + ":log-group:*"))));
        KmsKey key = new KmsKey(this, "key", KmsKeyConfig.builder()
                .description("opsstack " + namePrefix + " data tier: RDS, secrets, backups, database logs")
                .enableKeyRotation(true)
                // The longest wait: a key scheduled for deletion by mistake can be recovered for 30 days.
                .deletionWindowInDays(30)
                .policy(policy)
                .tags(tagging.tags(namePrefix + "-data"))
                .build());
        this.keyId = key.getKeyId();
        new KmsAlias(this, "alias", KmsAliasConfig.builder()
                .name("alias/opsstack/" + namePrefix + "/data")
                .targetKeyId(keyId)
                .build());
        this.arn = key.getArn();
    }
}
