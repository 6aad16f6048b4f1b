package io.opsstack.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `review --plan` on a plan saved by real Terraform: a tiny configuration of terraform_data resources (built into
 * Terraform: no provider, no credentials) applied, changed, planned with -out and shown as JSON.
 */
class PlanReviewTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String LONG = "Fires when the service has answered more than five percent of its requests with a"
            + " server error for five minutes in a row; see the runbook's high error rate section first";

    static String config(String description, String trigger, String password, boolean removed, boolean added,
                         String dependsOn) {
        return "variable \"pw\" {\n  sensitive = true\n  default   = \"" + password + "\"\n}\n"
                + "resource \"terraform_data\" \"kept\" {\n  input = \"same\"\n}\n"
                + "resource \"terraform_data\" \"described\" {\n  input = { alarm_description = \"" + description
                + "\" }\n}\n"
                + "resource \"terraform_data\" \"replaced\" {\n  triggers_replace = [\"" + trigger + "\"]\n"
                + "  input = \"x\"\n}\n"
                + (removed ? "" : "resource \"terraform_data\" \"removed\" {\n  input = \"gone\"\n}\n")
                + (added ? "resource \"terraform_data\" \"added\" {\n  input = \"new\"\n}\n" : "")
                + "resource \"terraform_data\" \"secret\" {\n  input = var.pw\n}\n"
                + "resource \"terraform_data\" \"ordered\" {\n  input = \"o\"\n  depends_on = [terraform_data."
                + dependsOn + "]\n}\n";
    }

    static void terraform(Path dir, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("terraform"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("terraform.log").toFile());
        pb.environment().put("TF_IN_AUTOMATION", "1");
        pb.environment().put("CHECKPOINT_DISABLE", "1");
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "terraform " + args[0] + " timed out");
        assertEquals(0, p.exitValue(), "terraform " + String.join(" ", args) + ":\n"
                + Files.readString(dir.resolve("terraform.log")));
    }

    static boolean hasTerraform() {
        try {
            return new ProcessBuilder("terraform", "version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void aSavedPlanReadsAsTheSameReportWithSecretsMaskedAndLongTextsDiffed(@TempDir Path dir) throws Exception {
        boolean ci = "true".equals(System.getenv("CI"));
        assertTrue(hasTerraform() || !ci, "CI=true: terraform must be on PATH");
        assumeTrue(hasTerraform(), "terraform is not on PATH");
        Files.writeString(dir.resolve("main.tf"), config(LONG, "v1", "hunter2", false, false, "kept"));
        terraform(dir, "init", "-input=false", "-no-color");
        terraform(dir, "apply", "-auto-approve", "-input=false", "-no-color");
        Files.writeString(dir.resolve("main.tf"), config(LONG.replace("five minutes", "ten minutes"), "v2", "hunter3",
                true, true, "described"));
        terraform(dir, "plan", "-out=plan.bin", "-input=false", "-no-color");
        ProcessBuilder show = new ProcessBuilder("terraform", "show", "-json", "plan.bin").directory(dir.toFile())
                .redirectOutput(dir.resolve("demo-data.json").toFile());
        assertEquals(0, show.start().waitFor());
        JsonNode plan = JSON.readTree(dir.resolve("demo-data.json").toFile());
        assertTrue(plan.path("resource_changes").size() >= 6, plan.toString());

        Review review = PlanReview.of(List.of(dir.resolve("demo-data.json")), null);
        Map<String, String> actions = new TreeMap<>();
        review.resources.forEach(r -> actions.put(r.path(), r.action()));
        // The no-ops (kept; ordered, whose depends_on alone changed) are not listed: Terraform changes nothing.
        assertEquals(Map.of("demo-data/terraform_data.added", "create",
                "demo-data/terraform_data.described", "update",
                "demo-data/terraform_data.removed", "destroy",
                "demo-data/terraform_data.replaced", "replace",
                "demo-data/terraform_data.secret", "update"), actions, ReviewReport.text(review));
        Review.ResourceChange replaced = review.resources.stream().filter(r -> r.action().equals("replace"))
                .findFirst().orElseThrow();
        assertTrue(replaced.changes().stream().anyMatch(c -> c.attribute().startsWith("triggers_replace")
                && c.replaces()), replaced.changes().toString());
        Review.ResourceChange described = review.resources.stream().filter(r -> r.path().endsWith(".described"))
                .findFirst().orElseThrow();
        Review.Change text = described.changes().stream().filter(c -> c.attribute().equals("input.alarm_description"))
                .findFirst().orElseThrow(() -> new AssertionError(described.changes().toString()));
        assertEquals("(" + LONG.length() + " characters)", text.before());
        // four words of context on each side, the rest elided
        assertEquals("... a server error for [-five-]{+ten+} minutes in a row; ...", text.diff());

        String markdown = ReviewReport.markdown(review);
        String json = ReviewReport.json(review);
        for (String out : List.of(markdown, ReviewReport.text(review), json)) {
            assertFalse(out.contains("hunter"), "a sensitive value is never shown: " + out);
        }
        assertTrue(markdown.startsWith("## opsstack review (from terraform plan)\n\n> [!WARNING]\n> 1. "), markdown);
        assertTrue(ReviewReport.text(review).contains("(sensitive, changed)"), ReviewReport.text(review));
        assertEquals("plan", JSON.readTree(json).path("source").asText());
        Files.writeString(dir.resolve("review.md"), markdown, StandardCharsets.UTF_8);
    }

    @Test
    void planActionsMapToTheReviewsActions() throws Exception {
        assertEquals("replace", PlanReview.action(JSON.readTree("[\"delete\",\"create\"]")));
        assertEquals("replace", PlanReview.action(JSON.readTree("[\"create\",\"delete\"]")));
        assertEquals("destroy", PlanReview.action(JSON.readTree("[\"delete\"]")));
        assertEquals(null, PlanReview.action(JSON.readTree("[\"no-op\"]")));
        assertEquals(null, PlanReview.action(JSON.readTree("[\"read\"]")));
    }
}
