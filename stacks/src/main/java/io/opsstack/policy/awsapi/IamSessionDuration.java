package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.ArrayList;
import java.util.List;

/** AWS-IAM-005: role maximum session duration. */
public final class IamSessionDuration extends AwsRule {

    public IamSessionDuration() {
        super("AWS-IAM-005", List.of("aws_iam_role"), "A role maximum session duration is 3600-43200 seconds and"
                + " its path starts and ends with / (at most 512 characters)",
                "ValidationError: Value at maxSessionDuration failed to satisfy constraint: Member must have value"
                        + " greater than or equal to 3600",
                "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html",
                "Fix max_session_duration or path on the role.");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        Integer d = number(b, "max_session_duration");
        String path = literal(b, "path");
        return list(d != null && (d < 3600 || d > 43200) ? "max_session_duration " + d + " is outside 3600..43200"
                        : null,
                path != null && (!path.startsWith("/") || !path.endsWith("/") || path.length() > 512) ? "path \""
                        + path + "\" does not start and end with / or is longer than 512" : null);
    }
}
