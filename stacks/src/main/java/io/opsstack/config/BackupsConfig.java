package io.opsstack.config;

/**
 * The backups bucket's lifecycle (the {@code backups} section).
 *
 * @param glacierAfterDays          current objects move to S3 Glacier Flexible Retrieval after this many days
 * @param expireNoncurrentAfterDays replaced or deleted versions are removed after this many days
 */
public record BackupsConfig(int glacierAfterDays, int expireNoncurrentAfterDays) {
}
