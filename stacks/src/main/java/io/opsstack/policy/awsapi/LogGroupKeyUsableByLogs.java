package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** AWS-LOG-003: the key of an encrypted log group lets CloudWatch Logs use it. */
public final class LogGroupKeyUsableByLogs extends AwsRule {

    public LogGroupKeyUsableByLogs() {
        super("AWS-LOG-003", List.of("aws_cloudwatch_log_group"), "The KMS key of an encrypted log group has a key"
                + " policy statement letting logs.<region>.amazonaws.com encrypt and decrypt with it",
                "AccessDeniedException: The specified KMS key does not exist or is not allowed to be used with Arn"
                        + " <log group arn>",
                "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html",
                "Add the CloudWatch Logs statement to the key policy (constructs.DataKey, constructs.Network).");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        String region = Refs.region(s, r);
        return Refs.target(s, r.stack(), b.path("kms_key_id").asText(""), "aws_kms_key")
                .filter(key -> region != null && !allowsLogs(key.body().path("policy").asText(""), region))
                .map(key -> List.of("its key " + key.path() + " does not let logs." + region + ".amazonaws.com use it"))
                .orElse(List.of());
    }

    static boolean allowsLogs(String policy, String region) {
        try {
            JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(policy);
            for (JsonNode st : doc.path("Statement")) {
                JsonNode service = st.at("/Principal/Service");
                boolean logs = service.asText().equals("logs." + region + ".amazonaws.com");
                for (JsonNode sv : service) {
                    logs |= sv.asText().equals("logs." + region + ".amazonaws.com");
                }
                String actions = st.path("Action").toString();
                if (logs && st.path("Effect").asText().equals("Allow") && actions.contains("kms:GenerateDataKey")
                        && actions.contains("kms:Encrypt") && actions.contains("kms:Decrypt")) {
                    return true;
                }
            }
            return false;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
