package io.opsstack.config;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The {@code tags} section: binding and checks of the environment's tags (a map of string to string). */
final class Tags {

    private static final Pattern TAG_KEY = Pattern.compile("[\\p{L}\\p{N} _.:/=+\\-@]{1,128}");
    private static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{N} _.:/=+\\-@]{0,256}");
    private static final Set<String> RESERVED_TAGS = Set.of("name", "environment", "managed-by");

    /** AWS's limit of tags per resource (EC2, RDS, S3, ELB, KMS, ...): a 51st is refused at apply time. */
    static final int AWS_PER_RESOURCE = 50;
    /**
     * The most tags opsstack adds to one resource: Name, environment, managed-by, and tier on subnets
     * (constructs.Tagging; TagsTest checks every synthesized resource against it).
     */
    static final int OPSSTACK_PER_RESOURCE = 4;
    static final int MAX = AWS_PER_RESOURCE - OPSSTACK_PER_RESOURCE;

    private Tags() {
    }

    /** The tags in file order; every bad key or value is reported. Too many: one problem, nothing bound. */
    static Map<String, String> bind(YamlMap top) {
        int count = top.listSize("tags");
        if (count > MAX) {
            top.value("tags");  // known, so it is not also reported as an unknown key
            top.report("tags", count + " tags; at most " + MAX + " (AWS allows " + AWS_PER_RESOURCE + " per resource"
                    + " and opsstack adds up to " + OPSSTACK_PER_RESOURCE + ": Name, environment, managed-by, tier)");
            return Map.of();
        }
        return top.stringMap("tags", Tags::checkTag);
    }

    private static String checkTag(String key, String value) {
        if (RESERVED_TAGS.contains(key.toLowerCase(Locale.ROOT))) {
            return "tag \"" + key + "\" is set by opsstack (Name, environment, managed-by); remove it";
        }
        if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
            return "tag keys starting with aws: are reserved by AWS; rename it";
        }
        if (!TAG_KEY.matcher(key).matches()) {
            return key.codePointCount(0, key.length()) > 128
                    ? "tag key is " + key.codePointCount(0, key.length()) + " characters long; AWS allows 128"
                    : "\"" + key + "\" is not a valid tag key (1-128 letters, digits, spaces and _ . : / = + - @)";
        }
        if (!TAG_VALUE.matcher(value).matches()) {
            return value.codePointCount(0, value.length()) > 256
                    ? "tag " + key + "'s value is " + value.codePointCount(0, value.length())
                    + " characters long; AWS allows 256"
                    : "tag value \"" + value + "\" is not valid (at most 256 letters, digits, spaces and"
                    + " _ . : / = + - @)";
        }
        return null;
    }
}
