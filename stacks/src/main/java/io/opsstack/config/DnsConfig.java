package io.opsstack.config;

/**
 * The service's DNS name (the {@code dns} section).
 *
 * @param zoneId Route 53 hosted zone id
 * @param name   the record name, e.g. app.example.com
 */
public record DnsConfig(String zoneId, String name) {
}
