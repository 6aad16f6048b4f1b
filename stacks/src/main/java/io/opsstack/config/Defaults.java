package io.opsstack.config;

import io.opsstack.net.NatMode;

import java.util.List;

/**
 * Every default of the environment file, in one place. docs/configuration.md documents each of them; the
 * loader is the only reader. Change a default here and in the docs together (a test compares them).
 */
public final class Defaults {

    /** network.cidr: the conventional VPC block; two environments that peer or fail over need distinct ones. */
    public static final String NETWORK_CIDR = "10.0.0.0/16";
    /** network.azCount: two AZs survive one AZ's outage at the lowest cost. */
    public static final int NETWORK_AZ_COUNT = 2;
    /** network.nat: one NAT gateway; prod files set per-az. */
    public static final NatMode NETWORK_NAT = NatMode.SINGLE;
    /** network.availabilityZones: empty = the first azCount zones the region reports as available. */
    public static final List<String> NETWORK_AVAILABILITY_ZONES = List.of();
    /** network.flowLogs.retentionDays: three months covers most incident investigations. */
    public static final int FLOW_LOGS_RETENTION_DAYS = 90;
    /** state.keyPrefix: state key = keyPrefix/env/stack.tfstate. */
    public static final String STATE_KEY_PREFIX = "opsstack";
    /** tags: none beyond the ones opsstack always sets (Name, environment, managed-by). */
    public static final java.util.Map<String, String> TAGS = java.util.Map.of();

    private Defaults() {
    }
}
