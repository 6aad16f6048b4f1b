package io.opsstack.policy;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One resource as Terraform will see it.
 *
 * @param stack  the stack id (prod-data)
 * @param type   the Terraform type (aws_db_instance)
 * @param name   its name in the stack's JSON (the cdktf unique id)
 * @param path   stack-qualified construct path (prod-data/database/instance): what suppressions name
 * @param body   the resource's JSON
 */
public record Resource(String stack, String type, String name, String path, JsonNode body) {

    /** "${type.name.attr}": how other resources in the same stack reference this one. */
    public String ref(String attribute) {
        return "${" + type + "." + name + "." + attribute + "}";
    }

    /** The environment: the "environment" tag, else the stack id up to its kind suffix. */
    public String environment() {
        String tag = body.path("tags").path("environment").asText("");
        return tag.isEmpty() ? stack.replaceAll("-(dr-)?(network|data|app)$", "") : tag;
    }
}
