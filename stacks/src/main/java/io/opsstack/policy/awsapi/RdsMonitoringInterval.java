package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.List;
import java.util.regex.Pattern;

/** AWS-RDS-005: enhanced monitoring interval and role. */
public final class RdsMonitoringInterval extends AwsRule {
    static final List<Integer> INTERVALS = List.of(0, 1, 5, 10, 15, 30, 60);

    public RdsMonitoringInterval() {
        super("AWS-RDS-005", List.of("aws_db_instance"), "monitoring_interval is 0, 1, 5, 10, 15, 30 or 60, and"
                + " a monitoring role is set when it is not 0",
                "InvalidParameterCombination: A MonitoringRoleARN value is required if you specify a"
                        + " MonitoringInterval value other than 0.",
                "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html", "Set database.monitoringIntervalSeconds to an allowed value; the stack adds the role.");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        Integer interval = number(b, "monitoring_interval");
        if (interval == null) {
            return List.of();
        }
        return list(INTERVALS.contains(interval) ? null : "monitoring_interval " + interval + " is not one of "
                        + INTERVALS, interval != 0 && b.path("monitoring_role_arn").isMissingNode()
                        ? "monitoring_interval " + interval + " has no monitoring_role_arn" : null);
    }
}
