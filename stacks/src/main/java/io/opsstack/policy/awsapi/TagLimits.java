package io.opsstack.policy.awsapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.policy.Resource;
import io.opsstack.policy.Synthesized;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** AWS-TAG-001: tag counts and sizes. */
public final class TagLimits extends AwsRule {

    public TagLimits() {
        super("AWS-TAG-001", List.of(), "A resource has at most 50 tags (the provider default tags included), keys"
                + " of 1-128 and values of at most 256 characters, no key starting with aws:",
                "TagPolicyViolation / InvalidParameterValue: Tag keys starting with aws: are reserved for AWS use;"
                        + " a resource can have a maximum of 50 tags",
                "https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html",
                "Trim the tags section (validate checks its count and sizes).");
    }

    @Override
    protected List<String> problems(JsonNode b, Resource r, Synthesized s) {
        java.util.Map<String, String> tags = new java.util.TreeMap<>();
        Refs.defaultTags(s, r).properties().forEach(e -> tags.put(e.getKey(), e.getValue().asText()));
        b.path("tags").properties().forEach(e -> tags.put(e.getKey(), e.getValue().asText()));
        List<String> out = new ArrayList<>();
        if (tags.size() > 50) {
            out.add(tags.size() + " tags (at most 50)");
        }
        tags.forEach((k, v) -> {
            if (k.isEmpty() || k.length() > 128) {
                out.add("tag key \"" + k + "\" is " + k.length() + " characters (1..128)");
            }
            if (v.length() > 256 && !v.contains("${")) {
                out.add("tag " + k + " has a value of " + v.length() + " characters (at most 256)");
            }
            if (k.toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
                out.add("tag key \"" + k + "\" starts with the reserved aws:");
            }
        });
        return out;
    }

    /** Every AWS resource: tags are everywhere. */
    @Override
    public List<String> types() {
        return List.of("*");
    }
}
