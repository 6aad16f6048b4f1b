package io.opsstack.config;

import io.opsstack.net.Ipv4Cidr;

/**
 * The region-swap setup (the {@code dr} section).
 *
 * @param region          the DR region
 * @param vpcCidr         the DR VPC's block (must not overlap network.cidr)
 * @param mode            pilot-light (no running database; backups replicated) or warm-standby (a read replica)
 * @param standbyCapacity app hosts running in the DR region while it does not serve
 * @param activeRegion    which region serves: primary or dr ({@code opsstack failover} flips it)
 * @param state           where the DR stacks keep their state; empty = the environment's state
 * @param certificateArn  the DR load balancer's ACM certificate, in the DR region (ACM certificates are regional:
 *                        an ALB cannot use app.certificateArn from the primary region); required with it
 */
public record DrConfig(String region, Ipv4Cidr vpcCidr, Mode mode, int standbyCapacity, Active activeRegion,
                       java.util.Optional<StateConfig> state, java.util.Optional<String> certificateArn) {

    /** How much runs in the DR region before a swap. */
    public enum Mode {
        PILOT_LIGHT, WARM_STANDBY;

        public String yamlName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** Which region serves. */
    public enum Active {
        PRIMARY, DR;

        public String yamlName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean swapped() {
        return activeRegion == Active.DR;
    }
}
