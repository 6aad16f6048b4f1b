package io.opsstack.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.ResourceRule;
import io.opsstack.policy.Severity;
import io.opsstack.policy.Synthesized;

/** OPS-RDS-008: Performance Insights, where on, is encrypted with a customer key. */
public final class RdsPerformanceInsightsEncrypted extends ResourceRule {

    public RdsPerformanceInsightsEncrypted() {
        super("OPS-RDS-008", Severity.ERROR, "aws_db_instance",
                "Performance Insights, where enabled, is encrypted with a customer-managed key",
                "Performance Insights stores query text, which can contain data.",
                "opsstack sets performance_insights_kms_key_id to the data key; do not remove it.");
    }

    @Override
    protected boolean complies(JsonNode b, Resource r, Synthesized s) {
        return !b.path("performance_insights_enabled").asBoolean(false)
                || b.path("performance_insights_kms_key_id").asText().contains("aws_kms_key");
    }

    @Override
    public String violation() {
        return "Performance Insights is on without a customer-managed key";
    }
}
