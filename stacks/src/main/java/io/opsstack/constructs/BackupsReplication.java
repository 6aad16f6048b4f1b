package io.opsstack.constructs;

import com.hashicorp.cdktf.ITerraformDependable;
import com.hashicorp.cdktf.providers.aws.iam_role.IamRole;
import com.hashicorp.cdktf.providers.aws.iam_role.IamRoleConfig;
import com.hashicorp.cdktf.providers.aws.iam_role_policy.IamRolePolicy;
import com.hashicorp.cdktf.providers.aws.iam_role_policy.IamRolePolicyConfig;
import com.hashicorp.cdktf.providers.aws.s3_bucket_replication_configuration.S3BucketReplicationConfigurationA;
import com.hashicorp.cdktf.providers.aws.s3_bucket_replication_configuration.S3BucketReplicationConfigurationAConfig;
import com.hashicorp.cdktf.providers.aws.s3_bucket_replication_configuration.S3BucketReplicationConfigurationRule;
import com.hashicorp.cdktf.providers.aws.s3_bucket_replication_configuration.S3BucketReplicationConfigurationRuleDeleteMarkerReplication;
import com.hashicorp.cdktf.providers.aws.s3_bucket_replication_configuration.S3BucketReplicationConfigurationRuleDestination;
import com.hashicorp.cdktf.providers.aws.s3_bucket_replication_configuration.S3BucketReplicationConfigurationRuleDestinationEncryptionConfiguration;
import com.hashicorp.cdktf.providers.aws.s3_bucket_replication_configuration.S3BucketReplicationConfigurationRuleFilter;
import com.hashicorp.cdktf.providers.aws.s3_bucket_replication_configuration.S3BucketReplicationConfigurationRuleSourceSelectionCriteria;
import com.hashicorp.cdktf.providers.aws.s3_bucket_replication_configuration.S3BucketReplicationConfigurationRuleSourceSelectionCriteriaSseKmsEncryptedObjects;

import java.util.List;
import java.util.Map;

import software.constructs.Construct;

/**
 * Replicates the backups bucket into the DR region's bucket, re-encrypting with the DR region's data key. The
 * destination is named from config (bucket and key alias are deterministic), not read from the DR stack's state,
 * so neither region's deploy reads the other's state.
 */
public final class BackupsReplication extends Construct {

    /**
     * @param namePrefix   the primary's resource prefix (the role's name)
     * @param drNamePrefix the DR region's resource prefix, which names its bucket and key alias
     */
    public BackupsReplication(Construct scope, String id, String namePrefix, String drNamePrefix, String partition,
                              String account,
                              String sourceBucket, String sourceBucketArn, String sourceKeyArn,
                              ITerraformDependable sourceVersioning, String drRegion, Tagging tagging) {
        super(scope, id);
        String destinationArn = "arn:" + partition + ":s3:::opsstack-" + drNamePrefix + "-backups-" + account + "-"
                + drRegion;
        String drKeyAlias = "arn:" + partition + ":kms:" + drRegion + ":" + account + ":alias/opsstack/" + drNamePrefix
                + "/data";
        IamRole role = new IamRole(this, "role", IamRoleConfig.builder()
                .name(namePrefix + "-backups-replication")
                .assumeRolePolicy(PolicyJson.assumableBy("s3.amazonaws.com"))
                .tags(tagging.tags(namePrefix + "-backups-replication"))
                .build());
        new IamRolePolicy(this, "policy", IamRolePolicyConfig.builder()
                .name("replicate-backups")
                .role(role.getId())
                .policy(PolicyJson.document(
                        PolicyJson.statement("ReadSource", "Allow", List.of("s3:GetReplicationConfiguration",
                                "s3:ListBucket"), List.of(sourceBucketArn), null, null),
                        PolicyJson.statement("ReadSourceVersions", "Allow", List.of("s3:GetObjectVersionForReplication",
                                "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"),
                                List.of(sourceBucketArn + "/*"), null, null),
                        PolicyJson.statement("WriteDestination", "Allow", List.of("s3:ReplicateObject",
                                "s3:ReplicateDelete", "s3:ReplicateTags"), List.of(destinationArn + "/*"), null, null),
                        PolicyJson.statement("DecryptSource", "Allow", List.of("kms:Decrypt"), List.of(sourceKeyArn),
                                null, null),
                        PolicyJson.statement("EncryptWithTheDrKey", "Allow", List.of("kms:Encrypt",
                                "kms:GenerateDataKey"),
                                List.of("arn:" + partition + ":kms:" + drRegion + ":" + account + ":key/*"), null,
                                Map.of("ForAnyValue:StringEquals", Map.of("kms:ResourceAliases",
                                        "alias/opsstack/" + drNamePrefix + "/data")))))
                .build());
        new S3BucketReplicationConfigurationA(this, "configuration", S3BucketReplicationConfigurationAConfig.builder()
                .bucket(sourceBucket)
                .role(role.getArn())
                .rule(List.of(S3BucketReplicationConfigurationRule.builder()
                        .id("to-" + drRegion)
                        .status("Enabled")
                        .filter(S3BucketReplicationConfigurationRuleFilter.builder().build())
                        .deleteMarkerReplication(S3BucketReplicationConfigurationRuleDeleteMarkerReplication.builder()
                                .status("Enabled").build())
                        .sourceSelectionCriteria(S3BucketReplicationConfigurationRuleSourceSelectionCriteria.builder()
                                .sseKmsEncryptedObjects(
                                        S3BucketReplicationConfigurationRuleSourceSelectionCriteriaSseKmsEncryptedObjects
                                                .builder().status("Enabled").build())
                                .build())
                        .destination(S3BucketReplicationConfigurationRuleDestination.builder()
                                .bucket(destinationArn)
                                .storageClass("STANDARD")
                                .encryptionConfiguration(
                                        S3BucketReplicationConfigurationRuleDestinationEncryptionConfiguration.builder()
                                                .replicaKmsKeyId(drKeyAlias).build())
                                .build())
                        .build()))
                .dependsOn(List.of(sourceVersioning))
                .build());
    }
}
