package io.opsstack.config;

import java.util.Map;
import java.util.Optional;

/**
 * One environment file, bound and validated. Immutable; built only by {@link ConfigLoader}.
 *
 * @param name    the environment's name, equal to its file name; prefixes stack ids and resource names
 * @param region  the AWS region the environment lives in
 * @param tags    tags for every resource, in file order (Name, environment and managed-by are added by opsstack)
 * @param state   remote state; empty means a local backend with a relative path
 * @param network the VPC
 * @param database RDS PostgreSQL
 * @param backups  the backups bucket's lifecycle
 * @param app      the service image and its hosts; empty = no app tier in this environment
 * @param monitoring Prometheus, Grafana and the SLO thresholds
 * @param alerts   where CloudWatch alarms go
 * @param dns      the service's DNS record; empty = none
 * @param dr       the region-swap setup; empty = none
 * @param drView   whether this is the DR region's view ({@link #inDrRegion()})
 * @param docker   for the local environment (named local): its Docker settings; empty for AWS environments
 * @param frontend an optional frontend behind the same nginx
 * @param suppressions guardrail findings accepted on purpose, each with a reason
 * @param file    the file it came from, as shown in messages (e.g. environments/prod.yaml)
 */
public record EnvironmentConfig(String name, String region, Map<String, String> tags, Optional<StateConfig> state,
                                NetworkConfig network, DatabaseConfig database, BackupsConfig backups,
                                Optional<AppConfig> app, MonitoringConfig monitoring, AlertsConfig alerts,
                                Optional<DnsConfig> dns, Optional<DrConfig> dr,
                                java.util.List<Suppression> suppressions, String file, boolean drView,
                                Optional<DockerConfig> docker, Optional<FrontendConfig> frontend) {

    public EnvironmentConfig {
        tags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
        suppressions = java.util.List.copyOf(suppressions);
    }

    /**
     * The same environment as seen from its DR region: region, VPC block and state backend (dr.state) swapped,
     * zones left to the region, resource names prefixed {@code <env>-dr}, everything else equal.
     */
    public EnvironmentConfig inDrRegion() {
        DrConfig d = dr.orElseThrow();
        NetworkConfig drNetwork = new NetworkConfig(d.vpcCidr(), network.azCount(), network.nat(),
                java.util.List.of(), network.flowLogs());
        // ACM certificates are regional: the DR load balancer uses the DR region's certificate.
        return new EnvironmentConfig(name, d.region(), tags, d.state().or(() -> state), drNetwork, database, backups,
                app.map(a -> a.withCertificate(d.certificateArn())), monitoring, alerts, dns, dr, suppressions, file, true, docker, frontend);
    }

    /**
     * Prefix of resource names: the environment's name, or {@code <env>-dr} in the DR region. IAM names are
     * global, and a DR resource should say so in the console.
     */
    public String resourcePrefix() {
        return drView ? name + "-dr" : name;
    }

    /** Grafana's host port: 3000, or 3001 when a server frontend takes 3000 (as in the runbooks). */
    public int grafanaHostPort() {
        return frontend.isPresent() && frontend.get().server() && frontend.get().port() == 3000 ? 3001 : 3000;
    }

    /** The environment named local runs on a workstation's Docker, not on AWS. */
    public boolean isLocal() {
        return docker.isPresent();
    }

    /** "aws", "aws-us-gov" or "aws-cn". */
    public String partition() {
        return AwsRegions.partitionOf(region).orElseThrow();
    }
}
