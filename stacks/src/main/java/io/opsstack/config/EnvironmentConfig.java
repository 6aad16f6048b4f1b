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
 * @param suppressions guardrail findings accepted on purpose, each with a reason
 * @param file    the file it came from, as shown in messages (e.g. environments/prod.yaml)
 */
public record EnvironmentConfig(String name, String region, Map<String, String> tags, Optional<StateConfig> state,
                                NetworkConfig network, DatabaseConfig database, BackupsConfig backups,
                                Optional<AppConfig> app, MonitoringConfig monitoring, AlertsConfig alerts,
                                Optional<DnsConfig> dns, java.util.List<Suppression> suppressions, String file) {

    public EnvironmentConfig {
        tags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
        suppressions = java.util.List.copyOf(suppressions);
    }

    /** "aws", "aws-us-gov" or "aws-cn". */
    public String partition() {
        return AwsRegions.partitionOf(region).orElseThrow();
    }
}
