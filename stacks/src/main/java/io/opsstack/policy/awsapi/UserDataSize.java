package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** AWS-EC2-003: user data size. */
public final class UserDataSize extends AwsRule {

    public UserDataSize() {
        super("AWS-EC2-003", List.of("aws_launch_template", "aws_instance"), "User data is at most 16 KB (16384"
                + " bytes) before base64 encoding",
                "InvalidParameterValue: User data is limited to 16384 bytes",
                "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html",
                "Move content out of the user data (fetch it from S3 or SSM at boot), or compress it (gzip).");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        // A launch template and user_data_base64 carry base64; aws_instance.user_data carries the raw text.
        boolean encoded = r.type().equals("aws_launch_template") || !b.path("user_data_base64").isMissingNode();
        String data = literal(b, r.type().equals("aws_launch_template") ? "user_data"
                : encoded ? "user_data_base64" : "user_data");
        if (data == null) {
            return List.of();
        }
        long bytes;
        try {
            bytes = encoded ? java.util.Base64.getMimeDecoder().decode(data).length
                    : data.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        } catch (IllegalArgumentException e) {
            return List.of("user data is not valid base64");
        }
        return bytes > 16384 ? List.of("user data is " + bytes + " bytes (at most 16384)") : List.of();
    }
}
