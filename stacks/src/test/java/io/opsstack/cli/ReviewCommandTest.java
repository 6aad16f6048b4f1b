package io.opsstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `opsstack review`: which inputs it takes (two synth outputs, or saved plans), and its usage errors. */
class ReviewCommandTest {

    @Test
    void failsWithoutInputsNamingBothModes() {
        MainTest.Run r = MainTest.run("review");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("give --base DIR --head DIR (two synth outputs) or --plan FILE"), r.err());
    }

    @Test
    void failsOnAMissingPlanAndOnPlanWithBase(@TempDir Path dir) {
        MainTest.Run missing = MainTest.run("review", "--plan", dir.resolve("nope.json").toString());
        assertEquals(2, missing.code(), missing.err());
        assertTrue(missing.err().contains("nope.json does not exist"), missing.err());
        MainTest.Run both = MainTest.run("review", "--plan", "x.json", "--base", dir.toString());
        assertEquals(2, both.code(), both.err());
        assertTrue(both.err().contains("--plan and --base"), both.err());
    }

    @Test
    void readsASavedPlanAndWritesTheFullReport(@TempDir Path dir) throws Exception {
        // The smallest plan JSON terraform show -json writes for one created resource (format 1.2).
        Path plan = dir.resolve("demo-app.json");
        Files.writeString(plan, "{\"format_version\":\"1.2\",\"terraform_version\":\"1.11.4\",\"resource_changes\":"
                + "[{\"address\":\"terraform_data.a\",\"mode\":\"managed\",\"type\":\"terraform_data\",\"name\":\"a\","
                + "\"provider_name\":\"terraform.io/builtin/terraform\",\"change\":{\"actions\":[\"create\"],"
                + "\"before\":null,\"after\":{\"input\":\"x\"},\"after_unknown\":{\"id\":true},"
                + "\"before_sensitive\":false,\"after_sensitive\":{}}}]}");
        Path full = dir.resolve("full.md");
        MainTest.Run r = MainTest.run("review", "--plan", plan.toString(), "--comment-limit", "2100",
                "--full-report", full.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("## opsstack review (from terraform plan)\n"), r.out());
        assertTrue(Files.readString(full).contains("`+` create `terraform_data` `demo-app/terraform_data.a`"),
                Files.readString(full));
    }
}
