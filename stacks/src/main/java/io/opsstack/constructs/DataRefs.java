package io.opsstack.constructs;

/**
 * What the app and region-swap stacks need from the data tier, as Terraform references.
 *
 * @param dbInstanceArn    the primary instance (a DR read replica's replicate_source_db)
 * @param dbIdentifier     e.g. prod-postgres (a literal)
 * @param dbAddress        host name of the endpoint
 * @param dbPort           port
 * @param masterSecretArn  Secrets Manager secret with the master credentials (hosts read it at boot)
 * @param kmsKeyArn        the data key
 * @param backupsBucket    backups bucket name
 * @param backupsBucketArn backups bucket ARN
 */
public record DataRefs(String dbInstanceArn, String dbIdentifier, String dbAddress, Number dbPort,
                       String masterSecretArn, String kmsKeyArn, String backupsBucket, String backupsBucketArn) {
}
