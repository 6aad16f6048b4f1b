package io.opsstack.constructs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IAM policy documents as JSON strings in a fixed key order. Literal JSON (rather than a policy-document data
 * source) keeps the synthesized Terraform readable in review and needs no API call at plan time; references
 * such as a log group's ARN stay tokens inside the string and cdktf turns them into interpolations.
 */
public final class PolicyJson {

    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS,
            false);

    private PolicyJson() {
    }

    @SafeVarargs
    public static String document(Map<String, Object>... statements) {
        List<Map<String, Object>> list = new ArrayList<>(statements.length);
        for (Map<String, Object> statement : statements) {
            list.add(statement);
        }
        return document(list);
    }

    /** The same, for statements collected in a list (some only under a condition). */
    public static String document(List<Map<String, Object>> statements) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("Version", "2012-10-17");
        doc.put("Statement", List.copyOf(statements));
        try {
            return JSON.writeValueAsString(stable(doc));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Fixes every map's key order: maps built here (LinkedHashMap: the document's and each statement's keys) keep
     * their order; any other map (Map.of, whose iteration order changes from one JVM run to the next) is sorted.
     * Without this the same input could give different policy JSON in two runs.
     */
    private static Object stable(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = map instanceof LinkedHashMap ? new LinkedHashMap<>() : new java.util.TreeMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), stable(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(PolicyJson::stable).toList();
        }
        return value;
    }

    /** The trust policy of a role that only {@code service} (e.g. "ec2.amazonaws.com") may assume. */
    public static String assumableBy(String service) {
        return document(statement("Allow", List.of("sts:AssumeRole"), null, Map.of("Service", service), null));
    }

    /** A statement with a Sid, which reviewers and policy simulators show. */
    public static Map<String, Object> statement(String sid, String effect, List<String> actions, List<String> resources,
                                                Object principal, Map<String, ? extends Map<String, ?>> condition) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("Sid", sid);
        s.putAll(statement(effect, actions, resources, principal, condition));
        return s;
    }

    /**
     * One statement; null parts are left out. Actions and resources keep the given order. {@code principal} is a
     * map such as {"Service": "..."} or the string "*".
     */
    public static Map<String, Object> statement(String effect, List<String> actions, List<String> resources,
                                                Object principal,
                                                Map<String, ? extends Map<String, ?>> condition) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("Effect", effect);
        if (principal != null) {
            s.put("Principal", principal);
        }
        s.put("Action", new ArrayList<>(actions));
        if (resources != null) {
            s.put("Resource", new ArrayList<>(resources));
        }
        if (condition != null) {
            s.put("Condition", condition);
        }
        return s;
    }
}
