package io.opsstack.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The three formats of a report parsed from real plans (PlanDriftTest's fixtures), asserted on their structure. */
class DriftRendererTest {

    private static DriftReport drifted() throws IOException {
        JsonNode refresh = PlanDriftTest.fixture("sg-bucket-vpc.refresh.json");
        SecurityGroupRules rules = new SecurityGroupRules();
        rules.addDeclared(refresh.path("prior_state").path("values").path("root_module"));
        StackDrift network = PlanDrift.parse("env-network", refresh, PlanDriftTest.fixture("sg-bucket-vpc.plan.json"),
                PlanDriftTest.schema(), rules);
        return new DriftReport("env", List.of(network, new StackDrift("env-data", StackDrift.Status.CLEAN, List.of(),
                List.of(), null), StackDrift.error("env-app", "terraform plan failed (exit 1):\nError: Error acquiring"
                + " the state lock")));
    }

    @Test
    void jsonHasEveryItemWithItsValuesAndTheExitCode() throws IOException {
        DriftReport report = drifted();
        JsonNode json = new ObjectMapper().readTree(DriftRenderer.json(report));
        assertEquals(1, json.path("exitCode").asInt(), "a stack not checked makes the whole check exit 1");
        assertEquals(List.of("env-network", "env-data", "env-app"), names(json.path("stacks"), "stack"));
        assertEquals(List.of("drifted", "clean", "error"), names(json.path("stacks"), "status"));
        JsonNode items = json.path("stacks").get(0).path("items");
        assertEquals(3, items.size());
        JsonNode versioning = find(items, "versioning_configuration[0].status");
        assertEquals("Enabled", versioning.path("recorded").asText());
        assertEquals("Suspended", versioning.path("found").asText());
        assertEquals("reverts", versioning.path("remedy").asText());
        JsonNode tag = find(items, "tags.environment");
        assertTrue(tag.path("found").isNull(), tag.toString());
        JsonNode rule = find(items, "ingress");
        assertEquals("unmanaged-rule", rule.path("kind").asText());
        assertTrue(rule.path("removeCommand").asText().startsWith("aws ec2 revoke-security-group-ingress --group-id sg-"),
                rule.toString());
        assertTrue(json.path("stacks").get(2).path("error").asText().contains("state lock"));
    }

    @Test
    void markdownHasASummaryTableAndOneRowPerItem() throws IOException {
        String md = DriftRenderer.markdown(drifted());
        List<String> lines = md.lines().toList();
        assertEquals("## opsstack drift: env", lines.get(0));
        assertTrue(md.contains("> [!WARNING]"), md);
        int summary = lines.indexOf("| stack | status | items |");
        assertTrue(summary > 0, md);
        assertEquals("| env-network | drift found | 3 |", lines.get(summary + 2));
        assertEquals("| env-data | no drift | 0 |", lines.get(summary + 3));
        int table = lines.indexOf("| resource | argument | recorded (state) | found (AWS) | apply |");
        assertTrue(table > lines.indexOf("### env-network"), md);
        List<String> rows = new ArrayList<>();
        for (int i = table + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            rows.add(lines.get(i));
        }
        assertEquals(3, rows.size(), md);
        for (String row : rows) {
            // Five cells: pipes inside values are escaped, so a value never breaks the table.
            assertEquals(7, row.split("(?<!\\\\)\\|", -1).length, row);
        }
        assertTrue(rows.stream().anyMatch(r -> r.contains("`versioning_configuration[0].status`")
                && r.contains("`\"Enabled\"`") && r.contains("`\"Suspended\"`")
                && r.contains("puts the recorded value back")), rows.toString());
        assertTrue(md.contains("### env-app"), "the failed stack shows its error");
    }

    @Test
    void textGroupsPerStackAndSaysCleanStacksAreClean() throws IOException {
        String text = DriftRenderer.text(drifted());
        assertTrue(text.startsWith("opsstack drift env: drift found: 3 item(s) in 1 of 3 stack(s); 1 stack(s) could"
                + " not be checked\n"), text);
        assertTrue(text.contains("\nenv-data: no drift\n"), text);
        assertTrue(text.contains("    versioning_configuration[0].status: \"Enabled\" (state) -> \"Suspended\" (AWS);"
                + " apply puts the recorded value back\n"), text);
        assertTrue(text.contains("      remove it: aws ec2 revoke-security-group-ingress"), text);
    }

    @Test
    void aCleanReportExitsZero() {
        DriftReport clean = new DriftReport("env", List.of(new StackDrift("env-network", StackDrift.Status.CLEAN,
                List.of(), List.of(), null)));
        assertEquals(0, clean.exitCode());
        assertTrue(DriftRenderer.text(clean).startsWith("opsstack drift env: no drift in 1 stack(s) checked"));
        assertTrue(!DriftRenderer.markdown(clean).contains("[!WARNING]"));
    }

    private static List<String> names(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    private static JsonNode find(JsonNode items, String argument) {
        for (JsonNode i : items) {
            if (i.path("argument").asText().equals(argument)) {
                return i;
            }
        }
        throw new AssertionError(argument + " not in " + items);
    }
}
