package io.opsstack.net;

import java.util.Locale;
import java.util.Optional;

/** How private subnets reach the internet. The YAML spelling is {@link #yamlName()}. */
public enum NatMode {
    /** No NAT gateway: private subnets have no route to the internet (cheapest; hosts need VPC endpoints). */
    NONE,
    /** One NAT gateway in the first AZ shared by every private subnet (cheap; an AZ outage cuts egress). */
    SINGLE,
    /** One NAT gateway per AZ; each private subnet routes through its own AZ's gateway (production). */
    PER_AZ;

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<NatMode> fromYaml(String text) {
        for (NatMode mode : values()) {
            if (mode.yamlName().equals(text)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }

    /** Number of NAT gateways for {@code azCount} availability zones. */
    public int gatewayCount(int azCount) {
        return switch (this) {
            case NONE -> 0;
            case SINGLE -> 1;
            case PER_AZ -> azCount;
        };
    }
}
