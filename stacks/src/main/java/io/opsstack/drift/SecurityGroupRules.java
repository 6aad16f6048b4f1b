package io.opsstack.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The security group rules an environment declares, and the rules AWS has on a group, both as atomic rules (one
 * group, one direction, one protocol and port range, one source), so that a rule found on a group can be matched to
 * the resource that declares it. opsstack never writes a rule inline in {@code aws_security_group}: every rule is an
 * {@code aws_vpc_security_group_ingress_rule} / {@code _egress_rule} resource, often in another stack than its
 * group (the data stack opens the network stack's database group to the app hosts). The group's own
 * {@code ingress}/{@code egress} attributes are then Optional+Computed: a refresh fills them with whatever AWS has,
 * the declared rules included, and a plan never removes an extra one. So a rule added by hand is found here, by
 * what no stack of the environment declares, not by comparing the group's state with AWS (after any apply the
 * state records the hand-made rule too).
 */
public final class SecurityGroupRules {

    /** One atomic rule: group id, "ingress"/"egress", protocol, port range, source ("cidr:...", "sg:...", ...). */
    public record Rule(String group, String direction, String protocol, int from, int to, String source) {
        /** The rule as a JSON value for a report. */
        JsonNode json(String description) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("protocol", protocol);
            if (!protocol.equals("-1")) {
                o.put("from_port", from);
                o.put("to_port", to);
            }
            int colon = source.indexOf(':');
            o.put(switch (source.substring(0, colon)) {
                case "cidr" -> "cidr_ipv4";
                case "cidr6" -> "cidr_ipv6";
                case "pl" -> "prefix_list_id";
                default -> "referenced_security_group_id";
            }, source.substring(colon + 1));
            if (description != null && !description.isEmpty()) {
                o.put("description", description);
            }
            return o;
        }

        /** The AWS CLI command that removes it. */
        String revokeCommand() {
            String permission = "IpProtocol=" + protocol + (protocol.equals("-1") ? "" : ",FromPort=" + from
                    + ",ToPort=" + to);
            int colon = source.indexOf(':');
            String value = source.substring(colon + 1);
            permission += switch (source.substring(0, colon)) {
                case "cidr" -> ",IpRanges=[{CidrIp=" + value + "}]";
                case "cidr6" -> ",Ipv6Ranges=[{CidrIpv6=" + value + "}]";
                case "pl" -> ",PrefixListIds=[{PrefixListId=" + value + "}]";
                default -> ",UserIdGroupPairs=[{GroupId=" + value + "}]";
            };
            return "aws ec2 revoke-security-group-" + direction + " --group-id " + group + " --ip-permissions '"
                    + permission + "'";
        }
    }

    /** A rule found on a group, with the description AWS has for it. */
    public record Found(Rule rule, String description) {
    }

    private final Set<Rule> declared = new HashSet<>();

    /** Adds the rule resources of one stack's state ({@code values.root_module} of a plan's prior_state). */
    public void addDeclared(JsonNode rootModule) {
        for (JsonNode r : resources(rootModule)) {
            JsonNode v = r.path("values");
            switch (r.path("type").asText()) {
                case "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule" -> {
                    String direction = r.path("type").asText().contains("ingress") ? "ingress" : "egress";
                    String source = text(v, "cidr_ipv4") != null ? "cidr:" + text(v, "cidr_ipv4")
                            : text(v, "cidr_ipv6") != null ? "cidr6:" + text(v, "cidr_ipv6")
                            : text(v, "prefix_list_id") != null ? "pl:" + text(v, "prefix_list_id")
                            : "sg:" + groupId(text(v, "referenced_security_group_id"));
                    declared.add(rule(text(v, "security_group_id"), direction, text(v, "ip_protocol"),
                            v.path("from_port"), v.path("to_port"), source));
                }
                case "aws_security_group_rule" -> {
                    String group = text(v, "security_group_id");
                    List<String> sources = new ArrayList<>();
                    v.path("cidr_blocks").forEach(c -> sources.add("cidr:" + c.asText()));
                    v.path("ipv6_cidr_blocks").forEach(c -> sources.add("cidr6:" + c.asText()));
                    v.path("prefix_list_ids").forEach(c -> sources.add("pl:" + c.asText()));
                    if (text(v, "source_security_group_id") != null) {
                        sources.add("sg:" + groupId(text(v, "source_security_group_id")));
                    }
                    if (v.path("self").asBoolean()) {
                        sources.add("sg:" + group);
                    }
                    for (String s : sources) {
                        declared.add(rule(group, text(v, "type"), text(v, "protocol"), v.path("from_port"),
                                v.path("to_port"), s));
                    }
                }
                default -> {
                }
            }
        }
    }

    /** Whether some stack of the environment declares the rule. */
    public boolean declares(Rule rule) {
        return declared.contains(rule);
    }

    /**
     * The atomic rules of one {@code aws_security_group}'s {@code ingress} or {@code egress} value as the refresh
     * found it (each entry holds one protocol and port range with any number of sources).
     */
    public static List<Found> of(String group, String direction, JsonNode entries) {
        List<Found> out = new ArrayList<>();
        for (JsonNode e : entries) {
            List<String> sources = new ArrayList<>();
            e.path("cidr_blocks").forEach(c -> sources.add("cidr:" + c.asText()));
            e.path("ipv6_cidr_blocks").forEach(c -> sources.add("cidr6:" + c.asText()));
            e.path("prefix_list_ids").forEach(c -> sources.add("pl:" + c.asText()));
            e.path("security_groups").forEach(c -> sources.add("sg:" + groupId(c.asText())));
            if (e.path("self").asBoolean()) {
                sources.add("sg:" + group);
            }
            for (String s : sources) {
                out.add(new Found(rule(group, direction, text(e, "protocol"), e.path("from_port"), e.path("to_port"), s),
                        text(e, "description")));
            }
        }
        return out;
    }

    private static Rule rule(String group, String direction, String protocol, JsonNode from, JsonNode to,
                             String source) {
        String p = protocol == null ? "-1" : protocol.toLowerCase(Locale.ROOT);
        p = switch (p) {
            case "all", "-1" -> "-1";
            case "6" -> "tcp";
            case "17" -> "udp";
            case "1" -> "icmp";
            case "58" -> "icmpv6";
            default -> p;
        };
        // All traffic has no ports (the rule resources leave them null, the group's attribute says 0).
        boolean all = p.equals("-1");
        return new Rule(group, direction, p, all ? 0 : from.asInt(0), all ? 0 : to.asInt(0), source);
    }

    /** "123456789012/sg-1" (another account's group, or the provider's form for a referenced group) to "sg-1". */
    private static String groupId(String reference) {
        return reference == null ? null : reference.substring(reference.lastIndexOf('/') + 1);
    }

    private static String text(JsonNode v, String field) {
        JsonNode n = v.get(field);
        return n == null || n.isNull() || n.asText().isEmpty() ? null : n.asText();
    }

    static List<JsonNode> resources(JsonNode module) {
        List<JsonNode> out = new ArrayList<>();
        module.path("resources").forEach(r -> {
            if (r.path("mode").asText().equals("managed")) {
                out.add(r);
            }
        });
        module.path("child_modules").forEach(c -> out.addAll(resources(c)));
        return out;
    }
}
