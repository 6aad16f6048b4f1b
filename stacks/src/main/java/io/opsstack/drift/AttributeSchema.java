package io.opsstack.drift;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the provider's schema ({@code terraform providers schema -json}) says of each top-level attribute of a
 * resource type: an argument (required or optional, or a nested block) that someone can set, and so change by hand,
 * or a value only AWS computes ({@code arn}, {@code status}, {@code latest_restorable_time}, {@code tags_all}), which
 * moves by itself and is no one's hand change; and whether it is sensitive. Only the types a caller names are kept
 * (the AWS provider's schema is some 14 MB of JSON).
 */
public final class AttributeSchema {

    /** No schema known: every attribute counts as an argument, none as sensitive. */
    public static final AttributeSchema NONE = new AttributeSchema(Map.of());

    /** Per type: attribute name to its flags. */
    private final Map<String, Map<String, Flags>> types;

    private record Flags(boolean argument, boolean computed, boolean sensitive) {
    }

    private AttributeSchema(Map<String, Map<String, Flags>> types) {
        this.types = types;
    }

    /**
     * @param providersSchema the output of {@code terraform providers schema -json}
     * @param wanted          the resource types to keep (null: every type)
     */
    public static AttributeSchema of(JsonNode providersSchema, Set<String> wanted) {
        Map<String, Map<String, Flags>> types = new HashMap<>();
        providersSchema.path("provider_schemas").forEach(provider -> provider.path("resource_schemas").fields()
                .forEachRemaining(type -> {
                    if (wanted != null && !wanted.contains(type.getKey())) {
                        return;
                    }
                    Map<String, Flags> flags = new HashMap<>();
                    JsonNode block = type.getValue().path("block");
                    block.path("attributes").fields().forEachRemaining(a -> flags.put(a.getKey(), new Flags(
                            a.getValue().path("required").asBoolean() || a.getValue().path("optional").asBoolean(),
                            a.getValue().path("computed").asBoolean(), a.getValue().path("sensitive").asBoolean())));
                    // The JSON schema has no "computed" for a nested block, even where the provider treats one so.
                    block.path("block_types").fieldNames().forEachRemaining(b -> flags.put(b, new Flags(true, false,
                            false)));
                    types.put(type.getKey(), flags);
                }));
        return new AttributeSchema(types);
    }

    /** False only when the schema knows the attribute and it is computed by AWS alone. */
    public boolean argument(String type, String attribute) {
        Flags f = types.getOrDefault(type, Map.of()).get(attribute);
        return f == null || f.argument();
    }

    /** True when the schema marks the attribute computed (alone, or Optional+Computed). */
    public boolean computed(String type, String attribute) {
        Flags f = types.getOrDefault(type, Map.of()).get(attribute);
        return f != null && f.computed();
    }

    /** True when the schema marks the attribute sensitive. */
    public boolean sensitive(String type, String attribute) {
        Flags f = types.getOrDefault(type, Map.of()).get(attribute);
        return f != null && f.sensitive();
    }

    /** Whether the schema has the type at all. */
    public boolean knows(String type) {
        return types.containsKey(type);
    }
}
