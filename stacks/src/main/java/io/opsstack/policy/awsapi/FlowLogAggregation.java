package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** AWS-VPC-001: flow log aggregation interval. */
public final class FlowLogAggregation extends AwsRule {

    public FlowLogAggregation() {
        super("AWS-VPC-001", List.of("aws_flow_log"), "A flow log aggregation interval is 60 or 600 s",
                "InvalidParameter: Invalid MaxAggregationInterval. Valid values are 60 and 600",
                "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateFlowLogs.html",
                "Set max_aggregation_interval to 60 or 600 (constructs.Network).");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        Integer i = number(b, "max_aggregation_interval");
        return i != null && i != 60 && i != 600 ? List.of("max_aggregation_interval " + i + " is not 60 or 600")
                : List.of();
    }
}
