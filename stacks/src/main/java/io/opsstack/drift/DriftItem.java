package io.opsstack.drift;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One difference between what a stack's state records and what AWS has, found by {@code terraform plan
 * -refresh-only}.
 *
 * @param stack    the stack id
 * @param address  the resource's address in the stack ({@code aws_s3_bucket_versioning.backups_versioning_...})
 * @param type     its resource type
 * @param id       its id in AWS as the state records it ({@code sg-...}, a bucket name), or "" when unknown
 * @param kind     what happened
 * @param argument which argument, as a path ({@code versioning_configuration[0].status}, {@code tags.environment});
 *                 "" for a resource gone from AWS
 * @param recorded the value the state records (null: none); {@link #SENSITIVE} when the value is sensitive
 * @param found    the value found in AWS (null: none, or the resource is gone); {@link #SENSITIVE} when sensitive
 * @param remedy   what the normal plan says an apply does about it
 */
public record DriftItem(String stack, String address, String type, String id, Kind kind, String argument,
                        JsonNode recorded, JsonNode found, Remedy remedy) {

    /** What a masked value shows, in every format. */
    public static final String SENSITIVE = "(sensitive)";

    public enum Kind {
        /** An argument's value changed outside Terraform. */
        CHANGED("changed"),
        /** The resource no longer exists in AWS. */
        GONE("gone from AWS"),
        /**
         * A security group rule present in AWS that no rule resource of the environment declares: added by hand.
         * The group's own {@code ingress}/{@code egress} arguments are not in the configuration (opsstack declares
         * every rule as its own resource), so neither the state nor an apply would ever remove it.
         */
        UNMANAGED_RULE("rule not in any stack");

        public final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** What an apply of the current configuration does about the item, read from the normal plan. */
    public enum Remedy {
        REVERTS("apply puts the recorded value back"),
        REPLACES("apply replaces the resource"),
        RECREATES("apply creates it again"),
        KEEPS("apply leaves it as found"),
        UNKNOWN("not known (no normal plan)");

        public final String label;

        Remedy(String label) {
            this.label = label;
        }
    }
}
