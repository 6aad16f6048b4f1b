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

    private Tags() {
    }

    /** The tags in file order; every bad key or value is reported. */
    static Map<String, String> bind(YamlMap top) {
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
            return "\"" + key + "\" is not a valid tag key (1-128 letters, digits, spaces and _ . : / = + - @)";
        }
        if (!TAG_VALUE.matcher(value).matches()) {
            return "tag value \"" + value + "\" is not valid (at most 256 letters, digits, spaces and"
                    + " _ . : / = + - @)";
        }
        return null;
    }
}
