package io.opsstack.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.ResourceRule;
import io.opsstack.policy.Severity;
import io.opsstack.policy.Synthesized;

import java.util.function.Predicate;

/** Every bucket has a companion resource (policy, versioning, encryption) that satisfies a condition. */
abstract class BucketRule extends ResourceRule {

    private final String companionType;

    BucketRule(String id, String companionType, String statement, String explanation, String fix) {
        super(id, Severity.ERROR, "aws_s3_bucket", statement, explanation, fix);
        this.companionType = companionType;
    }

    abstract boolean good(JsonNode companion, Resource bucket);

    @Override
    protected boolean complies(JsonNode b, Resource bucket, Synthesized s) {
        Predicate<Resource> mine = c -> c.stack().equals(bucket.stack())
                && c.body().path("bucket").asText().equals(bucket.ref("id"));
        return s.resources(companionType).stream().filter(mine).anyMatch(c -> good(c.body(), bucket));
    }
}
