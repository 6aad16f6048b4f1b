package io.opsstack.net;

/**
 * Where each tier's subnet sits inside the VPC block. The VPC is cut into 16 equal blocks (4 new bits); each tier
 * owns 4 consecutive slots, one per AZ index, whether or not that AZ is used:
 * <pre>
 *   slot  0..3   public        (AZ index 0..3)
 *   slot  4..7   private-app
 *   slot  8..11  database
 *   slot 12..15  spare (future tiers)
 * </pre>
 * Because a subnet's slot depends only on its tier and AZ index, raising {@code azCount} from 2 to 3 adds subnets
 * and never moves (that is: replaces) an existing one. For a /16 every subnet is a /20 (4,091 usable addresses).
 */
public final class SubnetLayout {

    /** The subnet tiers, in slot order. */
    public enum Tier {
        PUBLIC("public"), APP("app"), DATABASE("database");

        private final String id;

        Tier(String id) {
            this.id = id;
        }

        /** Short name used in construct ids, resource names and outputs. */
        public String id() {
            return id;
        }
    }

    public static final int NEW_BITS = 4;
    public static final int SLOTS_PER_TIER = 4;
    /** Largest VPC AWS allows. */
    public static final int MIN_VPC_PREFIX = 16;
    /** Smallest VPC whose 16 blocks are still at least /28, the smallest subnet AWS allows. */
    public static final int MAX_VPC_PREFIX = 28 - NEW_BITS;

    private SubnetLayout() {
    }

    public static Ipv4Cidr subnet(Ipv4Cidr vpc, Tier tier, int azIndex) {
        if (azIndex < 0 || azIndex >= SLOTS_PER_TIER) {
            throw new IllegalArgumentException("AZ index " + azIndex + " outside 0.." + (SLOTS_PER_TIER - 1));
        }
        return vpc.subnet(NEW_BITS, tier.ordinal() * SLOTS_PER_TIER + azIndex);
    }
}
