package io.opsstack.constructs;

import io.opsstack.config.DatabaseConfig;

import java.util.List;
import java.util.Objects;

/**
 * Inputs of {@link Database}. The engine settings come as the validated {@link DatabaseConfig} record (17 values
 * with their defaults already applied by the loader: repeating them here as separate props would only copy them);
 * where the instance lives and what encrypts it come from the network and the data key.
 *
 * @param namePrefix      prefix of every name: identifier {@code <prefix>-postgres}
 * @param partition       aws, aws-us-gov or aws-cn (for managed policy ARNs)
 * @param settings        engine, size, backups, windows, protection, monitoring
 * @param subnetIds       the database subnets, one per AZ
 * @param securityGroupId the database's security group
 * @param kmsKeyArn       encrypts storage, Performance Insights, the master secret and the log groups
 * @param tagging         tags for every resource
 * @param role            what the instance is: a primary, or (in the DR region) a replica, a promoted replica, or
 *                        an instance restored from replicated automated backups
 * @param sourceArn       REPLICA: the primary instance's ARN; RESTORED: the replicated automated backups' ARN
 * @param masterPassword  PRIMARY: where the generated password comes from and is kept; null otherwise
 */
public record DatabaseProps(String namePrefix, String partition, DatabaseConfig settings, List<String> subnetIds,
                            String securityGroupId, String kmsKeyArn, Tagging tagging, Role role, String sourceArn,
                            MasterPassword masterPassword) {

    /**
     * A primary's master password: the expression of the ephemeral password and the secret that keeps it.
     *
     * @param secretArn  opsstack's secret ({@link MasterSecret})
     * @param expression a Terraform expression of the ephemeral password (no {@code ${}})
     */
    public record MasterPassword(String secretArn, String expression) {
        public MasterPassword {
            Objects.requireNonNull(secretArn, "secretArn");
            Objects.requireNonNull(expression, "expression");
        }

        /** The password as an interpolation, for a write-only argument. */
        public String reference() {
            return "${" + expression + "}";
        }
    }

    /** What the instance is. */
    public enum Role {
        /** Created empty (or from restoreFromSnapshot), master password generated and kept in opsstack's secret. */
        PRIMARY,
        /** A cross-region read replica of sourceArn; credentials are the primary's. */
        REPLICA,
        /** A former replica, promoted: standalone, keeping the password its source had (the secret's replica). */
        PROMOTED,
        /** Restored from replicated automated backups (sourceArn), to the latest restorable time. */
        RESTORED
    }

    public DatabaseProps {
        Objects.requireNonNull(namePrefix, "namePrefix");
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(securityGroupId, "securityGroupId");
        Objects.requireNonNull(kmsKeyArn, "kmsKeyArn");
        Objects.requireNonNull(tagging, "tagging");
        subnetIds = List.copyOf(subnetIds);
        Objects.requireNonNull(role, "role");
        if ((role == Role.REPLICA || role == Role.RESTORED) && sourceArn == null) {
            throw new IllegalArgumentException(role + " needs a sourceArn");
        }
        if ((role == Role.PRIMARY) != (masterPassword != null)) {
            throw new IllegalArgumentException("a primary, and only a primary, takes a masterPassword: " + role);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder; every value is required but the role (default PRIMARY). */
    public static final class Builder {
        private String namePrefix;
        private String partition;
        private DatabaseConfig settings;
        private List<String> subnetIds = List.of();
        private String securityGroupId;
        private String kmsKeyArn;
        private Tagging tagging;
        private Role role = Role.PRIMARY;
        private String sourceArn;
        private MasterPassword masterPassword;

        private Builder() {
        }

        public Builder namePrefix(String v) {
            namePrefix = v;
            return this;
        }

        public Builder partition(String v) {
            partition = v;
            return this;
        }

        public Builder settings(DatabaseConfig v) {
            settings = v;
            return this;
        }

        public Builder subnetIds(List<String> v) {
            subnetIds = v;
            return this;
        }

        public Builder securityGroupId(String v) {
            securityGroupId = v;
            return this;
        }

        public Builder kmsKeyArn(String v) {
            kmsKeyArn = v;
            return this;
        }

        public Builder tagging(Tagging v) {
            tagging = v;
            return this;
        }

        public Builder role(Role v, String source) {
            role = v;
            sourceArn = source;
            return this;
        }

        public Builder masterPassword(MasterPassword v) {
            masterPassword = v;
            return this;
        }

        public DatabaseProps build() {
            return new DatabaseProps(namePrefix, partition, settings, subnetIds, securityGroupId, kmsKeyArn, tagging,
                    role, sourceArn, masterPassword);
        }
    }
}
