package io.opsstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.synth.SynthFixture;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The runbooks' procedures followed literally, on prod (which has a dr section), through the CLI: edit the
 * environment file as the doc says, validate, synth, expect success. The suppression is the one the doc shows.
 */
class RunbookProceduresTest {

    static final Path DOCS = SynthFixture.HOME.resolve("docs");

    record Run(int code, String out, String err) {
    }

    static Run run(Path home, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] full = Stream.concat(Stream.of(args), Stream.of("--project-dir", home.toString()))
                .toArray(String[]::new);
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), full);
        return new Run(code, out.toString(), err.toString());
    }

    /** The suppression example of docs/configuration.md ("suppressions" section), as the user copies it. */
    static String documentedSuppression() throws Exception {
        String doc = Files.readString(DOCS.resolve("configuration.md"));
        Matcher m = Pattern.compile("```yaml\n(suppressions:\n  - rule: OPS-RDS-004\n(?:.*\n)*?)```").matcher(doc);
        assertTrue(m.find(), "docs/configuration.md no longer shows the OPS-RDS-004 suppression");
        String block = m.group(1);
        assertTrue(block.contains("resource: prod-data/database"), block);
        return block;
    }

    static void edit(Path file, String from, String to) throws Exception {
        String text = Files.readString(file);
        assertTrue(text.contains(from), file + " has no `" + from.strip() + "` to change");
        Files.writeString(file, text.replace(from, to));
    }

    static JsonNode database(Path home, String stack) {
        JsonNode json = SynthFixture.read(home.resolve("cdktf.out/stacks/" + stack + "/cdk.tf.json"));
        Map<String, JsonNode> dbs = SynthFixture.resources(json, "aws_db_instance");
        assertTrue(dbs.containsKey("database/instance"), stack + ": " + dbs.keySet());
        return dbs.get("database/instance");
    }

    static void synthOk(Path home) {
        Run v = run(home, "validate", "prod");
        assertEquals(0, v.code(), v.err());
        Run s = run(home, "synth", "prod");
        assertEquals(0, s.code(), s.err());
    }

    @Test
    void restoreProcedureOfConfigurationMdWorksOnAnEnvironmentWithDr() throws Exception {
        Path home = SynthFixture.copyOfProject(Map.of());
        Path prod = home.resolve("environments/prod.yaml");
        // The procedure's step 2 (its edit is the block marked restore/2; the drills run it as written).
        String step2 = io.opsstack.drill.ProcedureDocs.load(DOCS).block("restore/2").text();
        assertTrue(step2.contains("deletionProtection: false") && step2.contains("rule: OPS-RDS-004")
                && step2.contains("resource: prod-data/database"), "the restore procedure changed: follow it here again");
        // Step 2: restoreFromSnapshot, deletion protection off, the documented suppression; synth.
        edit(prod, "restoreFromSnapshot: null", "restoreFromSnapshot: prod-postgres-2026-11-30");
        edit(prod, "deletionProtection: true", "deletionProtection: false");
        Files.writeString(prod, Files.readString(prod) + "\n" + documentedSuppression());
        Run v = run(home, "validate", "prod");
        assertEquals(0, v.code(), v.err());
        Run s = run(home, "synth", "prod");
        assertEquals(0, s.code(), s.err());
        assertTrue(s.err().contains("suppressed OPS-RDS-004 prod-data/database/instance"), s.err());
        assertTrue(s.err().contains("suppressed OPS-RDS-004 prod-dr-data/database/instance"), s.err());
        JsonNode primary = database(home, "prod-data");
        assertEquals("prod-postgres-2026-11-30", primary.path("snapshot_identifier").asText());
        // The restored generation's final snapshot has a name of its own (a second restore must not collide).
        assertEquals("prod-postgres-final-prod-postgres-2026-11-30", primary.path("final_snapshot_identifier").asText());
        assertFalse(primary.path("deletion_protection").asBoolean(true));
        assertFalse(database(home, "prod-dr-data").path("deletion_protection").asBoolean(true));

        // Step 3's end: protection back on, suppression removed, restoreFromSnapshot left set (step 4).
        edit(prod, "deletionProtection: false", "deletionProtection: true");
        edit(prod, documentedSuppression(), "");
        synthOk(home);
        assertTrue(database(home, "prod-data").path("deletion_protection").asBoolean(false));
        assertTrue(database(home, "prod-dr-data").path("deletion_protection").asBoolean(false));
    }

    @Test
    void failoverAndFailbackOfDisasterRecoveryMdWorkStepByStep() throws Exception {
        Path home = SynthFixture.copyOfProject(Map.of());
        Path prod = home.resolve("environments/prod.yaml");
        String doc = Files.readString(DOCS.resolve("disaster-recovery.md"));
        assertTrue(doc.contains("`database.deletionProtection:\n   false` and the OPS-RDS-004 suppression"
                + " `resource: prod-data/database`"), "the failback procedure changed: follow it here again");

        // Failover step 2: ./opsstack failover prod; step 3 deploys the DR stacks (synth must succeed).
        Run failover = run(home, "failover", "prod");
        assertEquals(0, failover.code(), failover.err());
        assertTrue(Files.readString(prod).contains("activeRegion: dr"));
        synthOk(home);
        assertFalse(database(home, "prod-dr-data").has("replicate_source_db"), "promoted after failover");

        // Failback step 1: ./opsstack failback prod.
        Run failback = run(home, "failback", "prod");
        assertEquals(0, failback.code(), failback.err());
        assertTrue(Files.readString(prod).contains("activeRegion: primary"));
        // Step 3: restoreFromSnapshot, deletion protection off with the documented suppression; synth (step 5).
        edit(prod, "restoreFromSnapshot: null", "restoreFromSnapshot: prod-postgres-failback-final");
        edit(prod, "deletionProtection: true", "deletionProtection: false");
        Files.writeString(prod, Files.readString(prod) + "\n" + documentedSuppression());
        synthOk(home);
        assertEquals("prod-postgres-failback-final", database(home, "prod-data").path("snapshot_identifier").asText());
        // Step 6 replaces prod-dr-postgres with a new replica: its protection is lifted by the same suppression.
        JsonNode dr = database(home, "prod-dr-data");
        assertFalse(dr.path("deletion_protection").asBoolean(true));
        assertTrue(dr.has("replicate_source_db"), "back to a replica of the primary");

        // Step 8: protection back on, suppression removed.
        edit(prod, "deletionProtection: false", "deletionProtection: true");
        edit(prod, documentedSuppression(), "");
        synthOk(home);
    }

    @Test
    void failsASuppressionNamingTheDrDatabaseWithAPointerToThePrimaryOne() throws Exception {
        Path home = SynthFixture.copyOfProject(Map.of());
        Path prod = home.resolve("environments/prod.yaml");
        edit(prod, "deletionProtection: true", "deletionProtection: false");
        Files.writeString(prod, Files.readString(prod) + "\n" + documentedSuppression()
                .replace("prod-data/database", "prod-dr-data/database"));
        Run v = run(home, "validate", "prod");
        assertEquals(2, v.code(), v.err());
        assertTrue(v.err().contains("suppressions[0].resource: \"prod-dr-data/database\" is not a resource OPS-RDS-004"
                + " applies to in this environment (expected prod-data/database); the DR database is built from the"
                + " same database settings"), v.err());
    }
}
