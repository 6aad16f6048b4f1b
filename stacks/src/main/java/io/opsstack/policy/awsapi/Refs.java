package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Following references in the synthesized JSON: within a stack and across stacks (cdktf's remote state outputs). */
final class Refs {

    private static final Pattern REF = Pattern.compile("^\\$\\{([a-z0-9_]+)\\.([^.}]+)\\.[a-z_]+}$");

    private Refs() {
    }

    /** Whether {@code text} references the S3 bucket resource named {@code bucket}. */
    static boolean names(String text, String bucket) {
        return text.contains("aws_s3_bucket." + bucket + ".");
    }

    /** The aws_s3_bucket resource name a reference leads to (directly or through a bucket companion), or null. */
    static String bucketOf(Synthesized s, String stack, String text) {
        Matcher m = REF.matcher(text);
        if (!m.matches()) {
            return null;
        }
        if (m.group(1).equals("aws_s3_bucket")) {
            return m.group(2);
        }
        JsonNode companion = s.stacks().get(stack).path("resource").path(m.group(1)).path(m.group(2));
        return companion.isMissingNode() ? null : bucketOf(s, stack, companion.path("bucket").asText());
    }

    /** The resource a reference leads to, in the same stack or across stacks, or empty. */
    static Optional<Resource> target(Synthesized s, String stack, String text, String type) {
        Matcher m = REF.matcher(text);
        if (m.matches() && m.group(1).equals(type)) {
            return s.resources(type).stream().filter(r -> r.stack().equals(stack) && r.name().equals(m.group(2)))
                    .findFirst();
        }
        Matcher c = Pattern.compile("^\\$\\{data\\.terraform_remote_state\\.cross-stack-reference-input-([a-z0-9-]+)"
                + "\\.outputs\\.cross-stack-output-" + Pattern.quote(type) + "(.+_[0-9A-F]{8})[a-z_]+}$").matcher(text);
        if (c.matches()) {
            return s.resources(type).stream().filter(r -> r.stack().equals(c.group(1))
                    && r.name().equals(c.group(2))).findFirst();
        }
        return Optional.empty();
    }

    /** The region of the provider a resource uses, or null. */
    static String region(Synthesized s, Resource r) {
        String provider = r.body().path("provider").asText("aws");
        String alias = provider.contains(".") ? provider.substring(provider.indexOf('.') + 1) : "";
        for (JsonNode p : s.stacks().get(r.stack()).path("provider").path("aws")) {
            if (p.path("alias").asText("").equals(alias)) {
                String region = p.path("region").asText(null);
                return region == null || region.contains("${") ? null : region;
            }
        }
        return null;
    }

    /** The provider's default tags of the resource's provider (empty when none). */
    static JsonNode defaultTags(Synthesized s, Resource r) {
        String provider = r.body().path("provider").asText("aws");
        String alias = provider.contains(".") ? provider.substring(provider.indexOf('.') + 1) : "";
        for (JsonNode p : s.stacks().get(r.stack()).path("provider").path("aws")) {
            if (p.path("alias").asText("").equals(alias)) {
                JsonNode d = p.path("default_tags");
                return (d.isArray() ? d.path(0) : d).path("tags");
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
}
