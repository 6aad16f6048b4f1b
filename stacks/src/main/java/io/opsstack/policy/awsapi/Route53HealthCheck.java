package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** AWS-R53-001: health check interval and threshold. */
public final class Route53HealthCheck extends AwsRule {

    public Route53HealthCheck() {
        super("AWS-R53-001", List.of("aws_route53_health_check"), "A Route 53 health check request interval is 10"
                + " or 30 s and its failure threshold 1-10",
                "InvalidInput: Invalid parameter: RequestInterval must be 10 or 30",
                "https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html",
                "Fix the health check in stacks.AppStack (the failover records).");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        Integer interval = number(b, "request_interval");
        Integer threshold = number(b, "failure_threshold");
        return list(interval != null && interval != 10 && interval != 30 ? "request_interval " + interval
                        + " is not 10 or 30" : null,
                threshold != null && (threshold < 1 || threshold > 10) ? "failure_threshold " + threshold
                        + " is outside 1..10" : null);
    }
}
