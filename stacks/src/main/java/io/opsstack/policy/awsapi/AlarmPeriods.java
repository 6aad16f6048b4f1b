package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** AWS-CW-001: alarm periods and evaluation range. */
public final class AlarmPeriods extends AwsRule {

    public AlarmPeriods() {
        super("AWS-CW-001", List.of("aws_cloudwatch_metric_alarm"), "An alarm period (also of each metric query) is"
                + " 10, 20, 30 or a multiple of 60 s; period x evaluation_periods is at most one day (seven days for"
                + " periods of an hour or more); datapoints_to_alarm is at most evaluation_periods",
                "ValidationError: The evaluation period multiplied by the number of periods exceeds the maximum of"
                        + " 86400 seconds / Period must be 10, 20, 30 or a multiple of 60",
                "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html",
                "Fix the alarm in constructs.Alarms.");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        List<Integer> periods = new ArrayList<>();
        Integer own = number(b, "period");
        if (own != null) {
            periods.add(own);
        }
        for (JsonNode q : b.path("metric_query")) {
            Integer p = number(q.path("metric"), "period");
            if (p == null) {
                p = number(q, "period");
            }
            if (p != null) {
                periods.add(p);
            }
        }
        Integer evaluations = number(b, "evaluation_periods");
        Integer datapoints = number(b, "datapoints_to_alarm");
        List<String> out = new ArrayList<>();
        for (int p : periods) {
            if (!(p == 10 || p == 20 || p == 30 || (p > 0 && p % 60 == 0))) {
                out.add("period " + p + " s is not 10, 20, 30 or a multiple of 60");
            } else if (evaluations != null && (long) p * evaluations > (p >= 3600 ? 604800 : 86400)) {
                out.add("period " + p + " s x " + evaluations + " evaluation periods exceeds "
                        + (p >= 3600 ? "seven days" : "one day"));
            }
        }
        if (datapoints != null && evaluations != null && datapoints > evaluations) {
            out.add("datapoints_to_alarm " + datapoints + " exceeds evaluation_periods " + evaluations);
        }
        return out;
    }
}
