package io.opsstack.constructs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds every resource's tags in one fixed order, so a diff never shows tags merely reordered:
 * {@code Name}, then the environment's tags, then per-resource tags (which win on a clash), then
 * {@code environment} and {@code managed-by: opsstack}. The loader refuses user tags named like the last two
 * and Name, so opsstack's own tags cannot be overridden by accident.
 */
public final class Tagging {

    public static final String MANAGED_BY = "opsstack";

    private final String environment;
    private final Map<String, String> environmentTags;
    private final java.util.List<String> orderedKeys;

    public Tagging(String environment, Map<String, String> environmentTags) {
        this.environment = environment;
        this.environmentTags = Map.copyOf(environmentTags);
        this.orderedKeys = environmentTags.keySet().stream().toList();
    }

    public Map<String, String> tags(String name) {
        return tags(name, Map.of());
    }

    public Map<String, String> tags(String name, Map<String, String> resourceTags) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("Name", name);
        for (String key : orderedKeys) {
            out.put(key, environmentTags.get(key));
        }
        resourceTags.keySet().stream().sorted().forEach(k -> out.put(k, resourceTags.get(k)));
        out.put("environment", environment);
        out.put("managed-by", MANAGED_BY);
        return out;
    }
}
