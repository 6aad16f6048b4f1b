package io.opsstack.rehearse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * The one file the rehearsal adds to a synthesized stack: {@code rehearse_override.tf.json} beside
 * {@code cdk.tf.json}, which Terraform merges over it (override files replace the blocks and arguments they name,
 * nothing else). It points the backend and every {@code terraform_remote_state} at local state files in the scratch
 * folder, every AWS service the stack uses at the emulator, gives the provider fake keys, and, where the stack names
 * something that lives outside opsstack (a certificate, a hosted zone), the emulator's substitute for it.
 */
public final class Overrides {

    public static final String FILE = "rehearse_override.tf.json";
    static final String FAKE_ACCESS_KEY = "AKIAREHEARSALFAKEKEY";
    static final String FAKE_SECRET_KEY = "rehearsal-fake-secret-not-an-aws-key";
    private static final String REMOTE_STATE_PREFIX = "cross-stack-reference-input-";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Overrides() {
    }

    /**
     * @param stack         the synthesized {@code cdk.tf.json}
     * @param stackId       its id
     * @param stateDir      where every stack's local state file lives ({@code <stack id>.tfstate})
     * @param endpoint      the emulator's loopback URL
     * @param substitutions values of the stack replaced by the emulator's equivalents (exact string matches)
     * @param extra         resource arguments to set, by "type.name" (e.g. lifting deletion protection); may be empty
     */
    static ObjectNode of(JsonNode stack, String stackId, Path stateDir, String endpoint, Map<String, String> substitutions,
                         Map<String, Map<String, Object>> extra) throws RehearsalException {
        Services.Needs needs = Services.of(stack);
        if (!needs.uncovered().isEmpty()) {
            throw new RehearsalException(stackId + ": no emulator endpoint is known for " + String.join(", ",
                    needs.uncovered()) + "; the provider would call the real AWS for it, so the rehearsal stops here"
                    + " (add the type's service to io.opsstack.rehearse.Services)");
        }
        ObjectNode out = JSON.createObjectNode();
        out.putObject("terraform").putObject("backend").putObject("local")
                .put("path", stateDir.resolve(stackId + ".tfstate").toString());
        ArrayNode providers = out.putObject("provider").putArray("aws");
        JsonNode declared = stack.path("provider").path("aws");
        if (declared.isArray()) {
            for (JsonNode p : declared) {
                providers.add(provider(p.path("alias").asText(null), needs.services(), endpoint));
            }
        }
        ObjectNode data = JSON.createObjectNode();
        Iterator<String> remote = stack.path("data").path("terraform_remote_state").fieldNames();
        while (remote.hasNext()) {
            String name = remote.next();
            if (!name.startsWith(REMOTE_STATE_PREFIX)) {
                throw new RehearsalException(stackId + ": terraform_remote_state." + name + " is not a cdktf cross-stack"
                        + " reference; the rehearsal cannot tell which stack's state it reads");
            }
            ObjectNode rs = data.with("terraform_remote_state").putObject(name);
            rs.put("backend", "local");
            rs.putObject("config").put("path",
                    stateDir.resolve(name.substring(REMOTE_STATE_PREFIX.length()) + ".tfstate").toString());
        }
        ObjectNode resources = JSON.createObjectNode();
        substitute(stack.path("resource"), substitutions, resources);
        for (Map.Entry<String, Map<String, Object>> e : extra.entrySet()) {
            String[] typeName = e.getKey().split("\\.", 2);
            if (stack.path("resource").path(typeName[0]).has(typeName[1])) {
                ObjectNode r = resources.with(typeName[0]).with(typeName[1]);
                e.getValue().forEach((k, v) -> r.set(k, JSON.valueToTree(v)));
            }
        }
        if (!data.isEmpty()) {
            out.set("data", data);
        }
        if (!resources.isEmpty()) {
            out.set("resource", resources);
        }
        return out;
    }

    private static ObjectNode provider(String alias, SortedSet<String> services, String endpoint) {
        ObjectNode p = JSON.createObjectNode();
        if (alias != null) {
            p.put("alias", alias);
        }
        p.put("access_key", FAKE_ACCESS_KEY);
        p.put("secret_key", FAKE_SECRET_KEY);
        // Never a profile or shared file of the user's: the child's environment points those at empty files too.
        p.putArray("shared_config_files").add("/dev/null");
        p.putArray("shared_credentials_files").add("/dev/null");
        p.put("skip_credentials_validation", true);
        // The account id is asked of the emulator's STS (a loopback endpoint like every other). Skipped, the provider
        // cannot tell its own account from another's and writes every referenced_security_group_id as
        // <account>/<sg-id>, a change on every plan that AWS would never show.
        p.put("skip_requesting_account_id", false);
        p.put("skip_metadata_api_check", true);
        p.put("skip_region_validation", false);
        p.put("s3_use_path_style", true);
        ObjectNode endpoints = p.putArray("endpoints").addObject();
        for (String s : services) {
            endpoints.put(s, endpoint);
        }
        return p;
    }

    /**
     * For every resource argument whose value contains a substituted string, an override of that whole top-level
     * argument with the substitution applied (Terraform's override merge replaces an argument or a nested block
     * type as a whole, so the rest of it is copied unchanged).
     */
    private static void substitute(JsonNode resources, Map<String, String> substitutions, ObjectNode into) {
        if (substitutions.isEmpty()) {
            return;
        }
        resources.fields().forEachRemaining(type -> type.getValue().fields().forEachRemaining(res -> {
            res.getValue().fields().forEachRemaining(arg -> {
                if (arg.getKey().equals("//")) {
                    return;
                }
                String text = arg.getValue().toString();
                String replaced = text;
                for (Map.Entry<String, String> s : substitutions.entrySet()) {
                    replaced = replaced.replace(s.getKey(), s.getValue());
                }
                if (!replaced.equals(text)) {
                    try {
                        into.with(type.getKey()).with(res.getKey()).set(arg.getKey(), JSON.readTree(replaced));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
        }));
    }

    /** The values a substitution map would replace that actually occur in the stack (for the summary). */
    static List<String> occurring(JsonNode stack, Map<String, String> substitutions) {
        String text = stack.path("resource").toString();
        return substitutions.keySet().stream().filter(text::contains).toList();
    }
}
