package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** AWS-KMS-001: alias names. */
public final class KmsAliasName extends AwsRule {
    private static final Pattern NAME = Pattern.compile("alias/[a-zA-Z0-9/_-]+");

    public KmsAliasName() {
        super("AWS-KMS-001", List.of("aws_kms_alias"), "A KMS alias is alias/ then letters, digits, /, _ and -, at"
                + " most 256 characters, and not under alias/aws/",
                "ValidationException: Alias must start with the prefix \"alias/\". / NotAuthorizedException for"
                        + " alias/aws/",
                "https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html",
                "Fix the alias in constructs.DataKey (alias/opsstack/<env>/data).");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        String n = literal(b, "name");
        return list(name("alias", n, 256, NAME, "alias/ then letters, digits, /, _ and -"),
                n != null && n.startsWith("alias/aws/") ? "alias \"" + n + "\" is under the reserved alias/aws/" : null);
    }
}
