package io.opsstack.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The pure parser on plans printed by real Terraform (fixtures: see the README beside them): each hand change is
 * found with the argument, the recorded and the found value, and what an apply does about it; AWS's own computed
 * values and the rules a stack declares are not drift.
 */
class PlanDriftTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode fixture(String name) throws IOException {
        try (InputStream in = PlanDriftTest.class.getResourceAsStream(name)) {
            return JSON.readTree(in);
        }
    }

    static AttributeSchema schema() throws IOException {
        return AttributeSchema.of(fixture("aws-5.100.0-schema-subset.json"), null);
    }

    /** Rules declared by the stack itself, read from the refreshed state as {@link Drift} does. */
    private static SecurityGroupRules rules(JsonNode... plans) {
        SecurityGroupRules rules = new SecurityGroupRules();
        for (JsonNode p : plans) {
            rules.addDeclared(p.path("prior_state").path("values").path("root_module"));
        }
        return rules;
    }

    private static DriftItem item(StackDrift s, String address, String argument) {
        return s.items().stream().filter(i -> i.address().equals(address) && i.argument().equals(argument))
                .findFirst().orElseThrow(() -> new AssertionError(address + " " + argument + " not found in "
                        + s.items()));
    }

    @Test
    void findsEachHandChangeWithRecordedAndFoundValues() throws IOException {
        JsonNode refresh = fixture("sg-bucket-vpc.refresh.json");
        StackDrift s = PlanDrift.parse("drift-network", refresh, fixture("sg-bucket-vpc.plan.json"), schema(),
                rules(refresh));
        assertEquals(StackDrift.Status.DRIFTED, s.status());

        DriftItem versioning = item(s, "aws_s3_bucket_versioning.backups", "versioning_configuration[0].status");
        assertEquals(DriftItem.Kind.CHANGED, versioning.kind());
        assertEquals("Enabled", versioning.recorded().asText());
        assertEquals("Suspended", versioning.found().asText());
        assertEquals(DriftItem.Remedy.REVERTS, versioning.remedy());

        DriftItem tag = item(s, "aws_vpc.vpc", "tags.environment");
        assertEquals("drift", tag.recorded().asText());
        assertNull(tag.found(), "the tag is gone");
        assertEquals(DriftItem.Remedy.REVERTS, tag.remedy());
        assertTrue(tag.id().startsWith("vpc-"), tag.id());

        DriftItem rule = item(s, "aws_security_group.app-sg", "ingress");
        assertEquals(DriftItem.Kind.UNMANAGED_RULE, rule.kind());
        assertEquals("0.0.0.0/0", rule.found().path("cidr_ipv4").asText());
        assertEquals(22, rule.found().path("from_port").asInt());
        assertEquals("hand-made", rule.found().path("description").asText());
        assertEquals(DriftItem.Remedy.KEEPS, rule.remedy(), "the group's ingress is not configured: apply keeps it");

        // Exactly these three: not tags_all (the same change), not the declared 443 rule, nothing computed.
        assertEquals(3, s.items().size(), s.items().toString());
        assertEquals(List.of(), s.pending());
    }

    @Test
    void findsAnInstanceClassModifiedByHandAndSkipsWhatAwsComputes() throws IOException {
        JsonNode refresh = fixture("db-instance-class.refresh.json");
        StackDrift s = PlanDrift.parse("drift-data", refresh, fixture("db-instance-class.plan.json"), schema(),
                rules(refresh));
        DriftItem c = item(s, "aws_db_instance.db", "instance_class");
        assertEquals("db.t3.micro", c.recorded().asText());
        assertEquals("db.t3.medium", c.found().asText());
        assertEquals(DriftItem.Remedy.REVERTS, c.remedy());
        assertEquals("drift-postgres", c.id());
        // latest_restorable_time moved too (AWS computes it); null -> [] is no change.
        assertEquals(1, s.items().size(), s.items().toString());
    }

    @Test
    void failsToExcuseComputedValuesWithoutTheSchema() throws IOException {
        // The schema is what keeps AWS's own bookkeeping out: without it, latest_restorable_time is reported.
        JsonNode refresh = fixture("db-instance-class.refresh.json");
        StackDrift s = PlanDrift.parse("drift-data", refresh, null, AttributeSchema.NONE, rules(refresh));
        assertTrue(s.items().stream().anyMatch(i -> i.argument().equals("latest_restorable_time")), s.items()
                .toString());
        assertTrue(s.items().stream().allMatch(i -> i.remedy() == DriftItem.Remedy.UNKNOWN), "no normal plan");
    }

    @Test
    void failsOnARuleNoStackDeclares() throws IOException {
        // Without the stack's own rule resources, the declared 443 rule looks hand-made too: rules are matched.
        JsonNode refresh = fixture("sg-bucket-vpc.refresh.json");
        StackDrift s = PlanDrift.parse("drift-network", refresh, null, schema(), new SecurityGroupRules());
        assertEquals(2, s.items().stream().filter(i -> i.kind() == DriftItem.Kind.UNMANAGED_RULE).count());
    }

    @Test
    void masksSensitiveValues() throws IOException {
        JsonNode refresh = fixture("sg-bucket-vpc.refresh.json").deepCopy();
        // Mark the VPC's tags sensitive as Terraform would mark a sensitive attribute.
        for (JsonNode rd : refresh.path("resource_drift")) {
            if (rd.path("address").asText().equals("aws_vpc.vpc")) {
                ((ObjectNode) rd.path("change").path("before_sensitive")).put("tags", true);
            }
        }
        StackDrift s = PlanDrift.parse("drift-network", refresh, null, schema(), rules(refresh));
        DriftItem tag = item(s, "aws_vpc.vpc", "tags.environment");
        assertEquals(DriftItem.SENSITIVE, tag.recorded().asText());
        DriftReport report = new DriftReport("env", List.of(s));
        for (String out : List.of(DriftRenderer.text(report), DriftRenderer.markdown(report),
                DriftRenderer.json(report))) {
            assertFalse(out.contains("\"drift\""), "the recorded tag value leaks:\n" + out);
        }
    }

    @Test
    void reportsAResourceGoneFromAwsAndWhatApplyDoes() throws IOException {
        // The refresh's own entry for the VPC, turned into what Terraform prints for a deleted object.
        JsonNode refresh = fixture("sg-bucket-vpc.refresh.json").deepCopy();
        for (JsonNode rd : refresh.path("resource_drift")) {
            if (rd.path("address").asText().equals("aws_vpc.vpc")) {
                ObjectNode change = (ObjectNode) rd.path("change");
                change.putArray("actions").add("delete");
                change.putNull("after");
            }
        }
        JsonNode plan = fixture("sg-bucket-vpc.plan.json").deepCopy();
        for (JsonNode rc : plan.path("resource_changes")) {
            if (rc.path("address").asText().equals("aws_vpc.vpc")) {
                ((ObjectNode) rc.path("change")).putArray("actions").add("create");
            }
        }
        StackDrift s = PlanDrift.parse("drift-network", refresh, plan, schema(), rules(refresh));
        DriftItem gone = item(s, "aws_vpc.vpc", "");
        assertEquals(DriftItem.Kind.GONE, gone.kind());
        assertEquals(DriftItem.Remedy.RECREATES, gone.remedy());
    }

    @Test
    void namesArgumentPathsAsTerraformDoes() {
        assertEquals("versioning_configuration[0].status", PlanDrift.path(List.of("versioning_configuration", 0,
                "status")));
        assertEquals("tags.environment", PlanDrift.path(List.of("tags", "environment")));
        assertEquals("tags[\"kubernetes.io/role\"]", PlanDrift.path(List.of("tags", "kubernetes.io/role")));
    }
}
