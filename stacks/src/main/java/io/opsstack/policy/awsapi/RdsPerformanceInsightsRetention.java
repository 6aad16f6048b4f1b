package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.List;
import java.util.regex.Pattern;

/** AWS-RDS-006: Performance Insights retention. */
public final class RdsPerformanceInsightsRetention extends AwsRule {

    public RdsPerformanceInsightsRetention() {
        super("AWS-RDS-006", List.of("aws_db_instance"), "Performance Insights retention is 7, 731 or a multiple"
                + " of 31 up to 713 days",
                "InvalidParameterValue: Invalid Performance Insights retention period. Valid values are: 7, month *"
                        + " 31 (where month is from 1-23), 731",
                "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html", "Fix performance_insights_retention_period in constructs.Database.");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        Integer days = number(b, "performance_insights_retention_period");
        if (days == null) {
            return List.of();
        }
        boolean valid = days == 7 || days == 731 || (days % 31 == 0 && days >= 31 && days <= 713);
        return valid ? List.of() : List.of("performance_insights_retention_period " + days
                + " is not 7, 731 or 31 x 1..23");
    }
}
