package io.opsstack.config;

import java.util.List;

/**
 * Where CloudWatch alarms go (the {@code alerts} section).
 *
 * @param emails        SNS email subscriptions (each must confirm the subscription mail)
 * @param dbConnections RDS connection count that pages (PostgreSQL's limit depends on instance memory)
 */
public record AlertsConfig(List<String> emails, int dbConnections) {

    public AlertsConfig {
        emails = List.copyOf(emails);
    }
}
