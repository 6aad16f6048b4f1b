package io.opsstack.constructs;

import io.opsstack.net.Ipv4Cidr;
import io.opsstack.net.NatMode;

import java.util.List;
import java.util.Objects;

/**
 * Inputs of {@link Network}. Flat and immutable; build with {@link #builder()}.
 *
 * @param namePrefix           prefix of every resource name, e.g. "prod" gives "prod-vpc" (required)
 * @param region               the region the provider of the enclosing stack deploys to (required)
 * @param cidr                 the VPC block (required; /16../24, see {@link io.opsstack.net.SubnetLayout})
 * @param azCount              availability zones used, 2 or 3 (default 2)
 * @param nat                  NAT gateway mode (default single)
 * @param availabilityZones    explicit zone names, azCount of them; empty = the region's first available ones
 *                             (default empty)
 * @param flowLogRetentionDays retention of the flow-log group (default 90)
 * @param tagging              tags for every resource (required)
 */
public record NetworkProps(String namePrefix, String region, Ipv4Cidr cidr, int azCount, NatMode nat,
                           List<String> availabilityZones, int flowLogRetentionDays, Tagging tagging) {

    public NetworkProps {
        Objects.requireNonNull(namePrefix, "namePrefix");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(cidr, "cidr");
        Objects.requireNonNull(nat, "nat");
        Objects.requireNonNull(tagging, "tagging");
        availabilityZones = List.copyOf(availabilityZones);
        if (azCount < 1 || azCount > io.opsstack.net.SubnetLayout.SLOTS_PER_TIER) {
            throw new IllegalArgumentException("azCount " + azCount);
        }
        if (!availabilityZones.isEmpty() && availabilityZones.size() != azCount) {
            throw new IllegalArgumentException("availabilityZones must list azCount zones");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder with the documented defaults. */
    public static final class Builder {
        private String namePrefix;
        private String region;
        private Ipv4Cidr cidr;
        private int azCount = 2;
        private NatMode nat = NatMode.SINGLE;
        private List<String> availabilityZones = List.of();
        private int flowLogRetentionDays = 90;
        private Tagging tagging;

        private Builder() {
        }

        public Builder namePrefix(String value) {
            this.namePrefix = value;
            return this;
        }

        public Builder region(String value) {
            this.region = value;
            return this;
        }

        public Builder cidr(Ipv4Cidr value) {
            this.cidr = value;
            return this;
        }

        public Builder azCount(int value) {
            this.azCount = value;
            return this;
        }

        public Builder nat(NatMode value) {
            this.nat = value;
            return this;
        }

        public Builder availabilityZones(List<String> value) {
            this.availabilityZones = value;
            return this;
        }

        public Builder flowLogRetentionDays(int value) {
            this.flowLogRetentionDays = value;
            return this;
        }

        public Builder tagging(Tagging value) {
            this.tagging = value;
            return this;
        }

        public NetworkProps build() {
            return new NetworkProps(namePrefix, region, cidr, azCount, nat, availabilityZones, flowLogRetentionDays, tagging);
        }
    }
}
