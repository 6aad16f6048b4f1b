package io.opsstack.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.ResourceRule;
import io.opsstack.policy.Severity;
import io.opsstack.policy.Synthesized;

/** OPS-LOG-001: Log groups have a retention */
public final class LogGroupRetention extends ResourceRule {

    public LogGroupRetention() {
        super("OPS-LOG-001", Severity.ERROR, "aws_cloudwatch_log_group",
                "Log groups have a retention",
                "Logs kept forever cost money forever and keep personal data longer than needed.",
                "Set the retention (network.flowLogs.retentionDays, database.logRetentionDays, app.logRetentionDays).");
    }

    @Override
    protected boolean complies(JsonNode b, Resource r, Synthesized s) {
        return b.path("retention_in_days").asInt(0) > 0;
    }

    @Override
    public String violation() {
        return "the log group keeps logs forever (no retention)";
    }
}
