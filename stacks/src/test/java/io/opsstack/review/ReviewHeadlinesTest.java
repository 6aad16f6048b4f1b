package io.opsstack.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsstack.config.ConfigLoader;
import io.opsstack.synth.SynthFixture;
import io.opsstack.synth.Synthesizer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The three changes a reviewer leans on the review hardest for, on the shipped prod environment: a new VPC CIDR,
 * the failback flip of the DR database, and a restore from a snapshot. Each reads headline first, in every format;
 * the goldens (golden/review/prod-*.md) keep the markdown.
 */
class ReviewHeadlinesTest {

    static Path home;
    static Path base;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void synthBase() throws Exception {
        home = SynthFixture.copyOfProject(Map.of());
        try (Stream<Path> envs = Files.list(home.resolve("environments"))) {
            for (Path f : envs.filter(f -> !f.getFileName().toString().equals("prod.yaml")).toList()) {
                Files.delete(f);
            }
        }
        base = synth("base");
    }

    static Path synth(String name) throws Exception {
        Path out = home.resolve(name);
        new Synthesizer(home).synth(new ConfigLoader(home).load(List.of("prod")), out);
        return out;
    }

    /** prod.yaml with {@code from} replaced by {@code to} (each pair), synthesized into home/name, then put back. */
    static Path synthEdited(String name, String... fromTo) throws Exception {
        Path file = home.resolve("environments/prod.yaml");
        String original = Files.readString(file);
        String edited = original;
        for (int i = 0; i < fromTo.length; i += 2) {
            assertTrue(edited.contains(fromTo[i]), "prod.yaml has no " + fromTo[i]);
            edited = edited.replace(fromTo[i], fromTo[i + 1]);
        }
        Files.writeString(file, edited);
        try {
            return synth(name);
        } finally {
            Files.writeString(file, original);
        }
    }

    static void golden(String name, String markdown) throws Exception {
        Path golden = SynthFixture.HOME.resolve("stacks/src/test/resources/golden/review/" + name);
        if (Boolean.getBoolean("opsstack.updateGolden")) {
            Files.writeString(golden, markdown, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(golden), markdown, "golden/review/" + name + " (read the diff, then"
                + " -Dopsstack.updateGolden=true)");
    }

    static Cause cause(Review review, String labelStart) {
        return review.causes.stream().filter(c -> c.label().startsWith(labelStart)).findFirst()
                .orElseThrow(() -> new AssertionError("no cause " + labelStart + " in " + review.causes));
    }

    @Test
    void aNewCidrReadsAsOneCauseFirstWithTheVpcReplacedTheOutageAndTheMigration() throws Exception {
        Review review = Review.compare(base, synthEdited("cidr", "cidr: 10.10.0.0/16", "cidr: 10.11.0.0/16"));
        assertEquals(1, review.causes.size(), review.causes.toString());
        Cause cidr = review.causes.get(0);
        assertEquals("prod: network.cidr (10.10.0.0/16 -> 10.11.0.0/16) changed", cidr.label());
        assertEquals(review.resources.size(), cidr.paths().size(), "every change is this cause's");
        assertTrue(cidr.effect().startsWith("the VPC prod-network/network/vpc and every resource in it are replaced ("),
                cidr.effect());
        assertEquals(List.of(Consequence.OUTAGE, Consequence.REFUSED), cidr.consequences().subList(0, 2),
                cidr.consequences().toString());
        assertTrue(cidr.headline().contains("; outage; refused apply: the database cannot move to the new VPC in"
                + " place: it must be migrated"), cidr.headline());
        Note refused = cidr.notes().stream().filter(n -> n.id().equals("REV-REFUSED-VPC-MOVE")).findFirst()
                .orElseThrow();
        assertTrue(refused.text().startsWith("this apply will fail: ") && refused.text().contains(
                "aws_db_subnet_group prod-data/database/subnet-group"), refused.text());

        String text = ReviewReport.text(review);
        assertTrue(text.startsWith("HEADLINE 1 [outage]: prod: network.cidr (10.10.0.0/16 -> 10.11.0.0/16) changed:"
                + " the VPC prod-network/network/vpc"), text);
        assertEquals(1, text.lines().filter(l -> l.startsWith("HEADLINE")).count());
        String markdown = ReviewReport.markdown(review);
        assertTrue(markdown.startsWith("## opsstack review\n\n> [!WARNING]\n> 1. **outage**: prod: network.cidr"),
                markdown);
        JsonNode json = JSON.readTree(ReviewReport.json(review));
        assertEquals(cidr.headline(), json.path("causes").get(0).path("headline").asText());
        golden("prod-cidr.md", markdown);
    }

    @Test
    void theFailbackFlipSaysTheReplicaSourceIsRefusedAndWhatToDoInstead() throws Exception {
        Path failedOver = synthEdited("failed-over", "activeRegion: primary", "activeRegion: dr");
        Review review = Review.compare(failedOver, base);
        Cause db = review.causes.stream().filter(c -> c.notes().stream()
                .anyMatch(n -> n.id().equals("REV-REFUSED-REPLICA-SOURCE"))).findFirst()
                .orElseThrow(() -> new AssertionError(ReviewReport.text(review)));
        assertEquals(Consequence.REFUSED, review.causes.get(0).first(), ReviewReport.text(review));
        assertTrue(db.headline().contains("refused apply: a standalone instance cannot become a replica in place"),
                db.headline());
        String text = ReviewReport.text(review);
        assertTrue(text.startsWith("HEADLINE 1 [refused apply]: prod: dr.activeRegion (dr -> primary) changed"), text);
        assertTrue(text.contains("\"cannot elect new source database for replication\""), text);
        golden("prod-failback.md", ReviewReport.markdown(review));
        JsonNode json = JSON.readTree(ReviewReport.json(review));
        assertTrue(json.path("causes").get(0).path("notes").toString().contains("REV-REFUSED-REPLICA-SOURCE"));
    }

    static final String[] LIFTED = {"deletionProtection: true\n", "deletionProtection: false\n",
            "    keyPrefix: opsstack\n", "    keyPrefix: opsstack\nsuppressions:\n  - rule: OPS-RDS-004\n"
            + "    resource: prod-data/database\n    reason: restore runbook (test)\n"};

    static String[] with(String[] a, String... b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }

    @Test
    void aRestoreSaysTheHostsMustReconnectTheStandbyLosesItsSourceAndLaterDataIsLost() throws Exception {
        // Deletion protection lifted and deployed first (a change of its own), then the restore.
        Path lifted = synthEdited("lifted", LIFTED);
        Path restored = synthEdited("restore", with(LIFTED, "restoreFromSnapshot: null ",
                "restoreFromSnapshot: prod-2026-12-01 "));
        Review review = Review.compare(lifted, restored);
        assertEquals(1, review.causes.size(), review.causes.toString());
        Cause restore = cause(review, "prod: database.restoreFromSnapshot ((none) -> prod-2026-12-01) changed");
        assertEquals(Consequence.DATA_LOSS, restore.first(), restore.toString());
        List<String> ids = restore.notes().stream().map(Note::id).toList();
        assertEquals(List.of("REV-RESTORE-POINT", "REV-DB-RECONNECT", "REV-DR-SOURCE", "REV-REFUSED-SNAPSHOT-NAME"),
                ids);
        assertTrue(restore.headline().startsWith("prod: database.restoreFromSnapshot ((none) -> prod-2026-12-01)"
                + " changed: replaces aws_db_instance prod-data/database/instance; data loss: data written after the"
                + " snapshot prod-2026-12-01 is lost; outage: the hosts must be redeployed or restarted to reach the"
                + " new database; the DR standby prod-dr-data/database/instance loses its source; refused apply:"
                + " fails if the snapshot prod-postgres-final exists"), restore.headline());
        golden("prod-restore.md", ReviewReport.markdown(review));
        String text = ReviewReport.text(review);
        assertTrue(text.startsWith("HEADLINE 1 [data loss]: prod: database.restoreFromSnapshot"), text);
        JsonNode json = JSON.readTree(ReviewReport.json(review));
        assertEquals(restore.headline(), json.path("causes").get(0).path("headline").asText());
    }

    @Test
    void failsToLiftDeletionProtectionInTheSameApplyThatReplacesTheDatabase() throws Exception {
        // Lifting the protection and restoring in one change: the replacement deletes the old instance, whose
        // protection is still on in AWS (no update runs before the delete): the apply is refused.
        Review review = Review.compare(base, synthEdited("restore-at-once", with(LIFTED, "restoreFromSnapshot: null ",
                "restoreFromSnapshot: prod-2026-12-01 ")));
        Cause restore = cause(review, "prod: database.deletionProtection (true -> false),"
                + " database.restoreFromSnapshot ((none) -> prod-2026-12-01) changed");
        Note refused = restore.notes().stream().filter(n -> n.id().equals("REV-REFUSED-PROTECTED")).findFirst()
                .orElseThrow(() -> new AssertionError(restore.toString()));
        assertTrue(refused.text().startsWith("this apply will fail: it destroys aws_db_instance"
                + " prod-data/database/instance, whose deletion protection is on in AWS"), refused.text());
    }
}
