package io.opsstack.constructs;

import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.aws.secretsmanager_secret.SecretsmanagerSecret;
import com.hashicorp.cdktf.providers.aws.secretsmanager_secret.SecretsmanagerSecretConfig;
import com.hashicorp.cdktf.providers.aws.secretsmanager_secret.SecretsmanagerSecretReplica;

import java.util.List;
import java.util.Map;

import software.constructs.Construct;

/**
 * The primary database's master credentials: the Secrets Manager secret {@code opsstack/<env>/database/master}
 * ({"username", "password"}, the format RDS's own secret had), encrypted with the data key and, with a DR region,
 * replicated there (encrypted with the DR region's data key), and the ephemeral resource that generates the
 * password. The password is written write-only ({@link Database}): it is in no state and no plan.
 *
 * <p>Why not RDS's managed password ({@code manage_master_user_password}): AWS creates no read replica of an
 * instance that has one, and warm standby is a cross-region read replica. The replica keeps its source's password,
 * and this secret's replica holds it in the DR region, readable there while the primary region is down.
 */
public final class MasterSecret extends Construct {

    /** Name of the ephemeral resource (the top-level {@code ephemeral} block of the stack). */
    public static final String EPHEMERAL = "database_master_password";

    /** The secret's ARN (in the primary region). */
    public final String arn;
    /** Its name: {@code opsstack/<env>/database/master}, the same in the DR region (the replica). */
    public final String name;
    /** A Terraform expression (no {@code ${}}) of the generated password: ephemeral, for write-only arguments only. */
    public final String passwordExpression;

    /**
     * @param namePrefix      the environment's prefix (names the secret)
     * @param kmsKeyArn       the data key
     * @param drRegion        the DR region, or null without DR
     * @param drKeyAliasArn   the DR region's data key alias ARN (named from config), or null without DR
     * @param recoveryDays    days a deleted secret can be restored; 0 deletes it at once
     */
    public MasterSecret(Construct scope, String id, String namePrefix, String kmsKeyArn, String drRegion,
                        String drKeyAliasArn, int recoveryDays, Tagging tagging) {
        super(scope, id);
        this.name = secretName(namePrefix);
        // cdktf 0.19 knows no ephemeral resources: the stack-level override writes the block itself. A new password
        // is generated at every run; the instance and the secret take it only when the password version changes.
        // No punctuation: RDS refuses '/', '@', '"' and spaces in a master password, and the hosts put it in a URL.
        TerraformStack.of(this).addOverride("ephemeral.aws_secretsmanager_random_password." + EPHEMERAL,
                Map.of("password_length", 40, "exclude_punctuation", true, "require_each_included_type", true));
        this.passwordExpression = "ephemeral.aws_secretsmanager_random_password." + EPHEMERAL + ".random_password";
        SecretsmanagerSecretConfig.Builder secret = SecretsmanagerSecretConfig.builder()
                .name(name)
                .description("opsstack " + namePrefix + ": master credentials of " + namePrefix + "-postgres")
                .kmsKeyId(kmsKeyArn)
                .recoveryWindowInDays(recoveryDays)
                .tags(tagging.tags(namePrefix + "-database-master"));
        if (drRegion != null) {
            // The DR hosts read the replica in their own region; it stays readable while the primary region is
            // down. A same-named secret left in the DR region (a replica promoted during an outage) is overwritten.
            secret.replica(List.of(SecretsmanagerSecretReplica.builder()
                            .region(drRegion)
                            .kmsKeyId(drKeyAliasArn)
                            .build()))
                    .forceOverwriteReplicaSecret(true);
        }
        this.arn = new SecretsmanagerSecret(this, "secret", secret.build()).getArn();
    }

    /** The secret's name for an environment prefix (the primary's; the DR replica has the same name). */
    public static String secretName(String namePrefix) {
        return "opsstack/" + namePrefix + "/database/master";
    }
}
