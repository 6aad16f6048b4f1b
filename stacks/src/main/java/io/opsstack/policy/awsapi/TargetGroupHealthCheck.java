package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.List;
import java.util.regex.Pattern;

/** AWS-ELB-003: target group health check timings. */
public final class TargetGroupHealthCheck extends AwsRule {

    public TargetGroupHealthCheck() {
        super("AWS-ELB-003", List.of("aws_lb_target_group"), "A target group health check has an interval of"
                + " 5-300 s, a timeout of 2-120 s shorter than the interval, thresholds of 2-10 and a path starting"
                + " with / of at most 1024 characters",
                "ValidationError: Health check timeout must be smaller than the interval",
                "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html",
                "Fix the health check timings in constructs.LoadBalancer.");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        JsonNode h = b.path("health_check");
        if (h.isArray()) {
            h = h.path(0);
        }
        Integer interval = number(h, "interval");
        Integer timeout = number(h, "timeout");
        Integer healthy = number(h, "healthy_threshold");
        Integer unhealthy = number(h, "unhealthy_threshold");
        String path = literal(h, "path");
        return list(range("interval", interval, 5, 300), range("timeout", timeout, 2, 120),
                range("healthy_threshold", healthy, 2, 10), range("unhealthy_threshold", unhealthy, 2, 10),
                interval != null && timeout != null && timeout >= interval ? "health check timeout " + timeout
                        + " s is not shorter than its interval " + interval + " s" : null,
                path != null && (!path.startsWith("/") || path.length() > 1024) ? "health check path \"" + path
                        + "\" does not start with / or is longer than 1024 characters" : null);
    }

    static String range(String what, Integer v, int min, int max) {
        return v != null && (v < min || v > max) ? what + " " + v + " is outside " + min + ".." + max : null;
    }
}
