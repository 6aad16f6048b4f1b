package io.opsstack.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.opsstack.review.rules.CannotMoveVpc;
import io.opsstack.review.rules.FinalSnapshotName;
import io.opsstack.review.rules.HostsMustReconnect;
import io.opsstack.review.rules.MigrationsStay;
import io.opsstack.review.rules.Promotion;
import io.opsstack.review.rules.ProtectedDestroyed;
import io.opsstack.review.rules.ReplicaSourceOnStandalone;
import io.opsstack.review.rules.RestorePoint;
import io.opsstack.review.rules.StandbyLosesSource;
import io.opsstack.review.rules.StorageCooldown;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Each review rule on the smallest review that makes it apply, and on one that must not. */
class ReviewRulesTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String DB = "prod-data/database/instance";

    static JsonNode json(String text) {
        try {
            return text == null ? MissingNode.getInstance() : JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A review holding one resource change, with its JSON before and after. */
    static Review review(String type, String path, String action, String before, String after,
                         Review.Change... changes) {
        Review r = new Review();
        r.bodies.put(path, new JsonNode[] {json(before), json(after)});
        r.resources.add(new Review.ResourceChange(path.split("/", 2)[0], type, path, action, List.of(changes),
                action.equals("replace") ? "a change to [x] cannot be made in place" : null, null, List.of()));
        return r;
    }

    static Note check(ReviewRule rule, Review r) {
        return rule.check(r, r.resources);
    }

    @Test
    void everyRuleIsRegisteredOnceWithAStableId() {
        Set<String> ids = new HashSet<>();
        ReviewRules.ALL.forEach(rule -> assertTrue(ids.add(rule.id()), rule.id()));
        assertEquals(10, ids.size());
        ReviewRules.ALL.stream().filter(rule -> rule.id().startsWith("REV-REFUSED-"))
                .forEach(rule -> assertEquals(Consequence.REFUSED, rule.consequence(), rule.id()));
    }

    @Test
    void cannotMoveVpcWhenTheDatabaseSubnetGroupIsUpdatedAcrossAReplacedVpc() {
        Review r = review("aws_db_subnet_group", "prod-data/database/subnet-group", "update", "{}", "{}",
                new Review.Change("subnet_ids[0]", "${x}", "(the new id of prod-network/network/database-0, known"
                        + " after apply)", false));
        assertNull(check(new CannotMoveVpc(), r), "no VPC replaced: the same VPC's subnets");
        r.resources.add(new Review.ResourceChange("prod-network", "aws_vpc", "prod-network/network/vpc", "replace",
                List.of(), "a change to [cidr_block] cannot be made in place", null, List.of()));
        Note n = check(new CannotMoveVpc(), r);
        assertNotNull(n);
        assertTrue(n.text().startsWith("this apply will fail: aws_db_subnet_group prod-data/database/subnet-group"),
                n.text());
        assertEquals("the database cannot move to the new VPC in place: it must be migrated", n.headline());
    }

    @Test
    void replicaSourceOnAStandaloneInstanceIsRefused() {
        String arn = "arn:aws:rds:us-east-1:1:db:prod-postgres";
        Note n = check(new ReplicaSourceOnStandalone(), review("aws_db_instance", DB, "update", "{}",
                "{\"replicate_source_db\":\"" + arn + "\"}"));
        assertNotNull(n);
        assertTrue(n.text().contains("\"cannot elect new source database for replication\""), n.text());
        assertNull(check(new ReplicaSourceOnStandalone(), review("aws_db_instance", DB, "create", null,
                "{\"replicate_source_db\":\"" + arn + "\"}")), "a new replica is fine");
        assertNull(check(new ReplicaSourceOnStandalone(), review("aws_db_instance", DB, "update",
                "{\"replicate_source_db\":\"" + arn + "\"}", "{\"replicate_source_db\":\"" + arn + "\"}")));
    }

    @Test
    void aProtectedDatabaseTheChangeDestroysIsRefused() {
        assertNotNull(check(new ProtectedDestroyed(), review("aws_db_instance", DB, "replace",
                "{\"deletion_protection\":true}", "{\"deletion_protection\":false}")), "AWS reads the old setting");
        assertNull(check(new ProtectedDestroyed(), review("aws_db_instance", DB, "replace",
                "{\"deletion_protection\":false}", "{}")));
        assertNotNull(check(new ProtectedDestroyed(), review("aws_lb", "prod-app/load-balancer/alb", "destroy",
                "{\"enable_deletion_protection\":true}", null)));
    }

    @Test
    void aFinalSnapshotNameThatASnapshotMayHoldIsNamed() {
        Note n = check(new FinalSnapshotName(), review("aws_db_instance", DB, "destroy",
                "{\"final_snapshot_identifier\":\"prod-postgres-final\",\"skip_final_snapshot\":false}", null));
        assertNotNull(n);
        assertTrue(n.text().contains("DBSnapshotAlreadyExists"), n.text());
        assertTrue(check(new FinalSnapshotName(), review("aws_db_instance", DB, "replace",
                "{\"final_snapshot_identifier\":\"prod-postgres-final\"}",
                "{\"snapshot_identifier\":\"prod-postgres-final\"}")).text().startsWith("this apply will fail"));
        assertNull(check(new FinalSnapshotName(), review("aws_db_instance", DB, "destroy",
                "{\"final_snapshot_identifier\":\"x\",\"skip_final_snapshot\":true}", null)), "no final snapshot");
    }

    @Test
    void aRestoreLosesWhatWasWrittenAfterTheSnapshot() {
        Note n = check(new RestorePoint(), review("aws_db_instance", DB, "replace", "{}",
                "{\"snapshot_identifier\":\"snap-1\"}"));
        assertEquals(Consequence.DATA_LOSS, n.consequence());
        assertEquals("data written after the snapshot snap-1 is lost", n.headline());
        assertNull(check(new RestorePoint(), review("aws_db_instance", DB, "update",
                "{\"snapshot_identifier\":\"snap-1\"}", "{\"snapshot_identifier\":\"snap-1\"}")));
    }

    @Test
    void aReplacedDatabaseMakesTheHostsReconnect() {
        Note n = check(new HostsMustReconnect(), review("aws_db_instance", DB, "replace", "{}",
                "{\"manage_master_user_password\":true}"));
        assertTrue(n.text().contains("a new RDS-managed secret (a new ARN") && n.text().contains("deploy prod-app"),
                n.text());
        assertTrue(check(new HostsMustReconnect(), review("aws_db_instance", DB, "replace", "{}", "{}")).text()
                .contains("this apply's new master password"));
        assertNull(check(new HostsMustReconnect(), review("aws_db_instance", DB, "update", "{}", "{}")));
    }

    @Test
    void aStandbyLosesItsSourceWhenTheSourceIsReplaced() {
        Review r = review("aws_db_instance", DB, "replace", "{\"identifier\":\"prod-postgres\"}", "{}");
        assertNull(check(new StandbyLosesSource(), r), "no replica anywhere");
        r.bodies.put("prod-dr-data/database/instance", new JsonNode[] {json("{}"),
                json("{\"replicate_source_db\":\"arn:aws:rds:us-east-1:1:db:prod-postgres\"}")});
        assertTrue(check(new StandbyLosesSource(), r).headline().equals(
                "the DR standby prod-dr-data/database/instance loses its source"));
    }

    @Test
    void aPromotionIsOneWay() {
        assertNotNull(check(new Promotion(), review("aws_db_instance", DB, "update",
                "{\"replicate_source_db\":\"arn\"}", "{}")));
        assertNull(check(new Promotion(), review("aws_db_instance", DB, "update", "{}", "{}")));
    }

    @Test
    void aNewImageMigratesTheDatabaseAndARollbackDoesNotUndoIt() {
        Review r = review("aws_launch_template", "prod-app/hosts/launch-template", "update", "{}", "{}");
        String compose = "  migrate:\n    image: ghcr.io/acme/fastapi-app:%s\n    command: [\"alembic\", \"upgrade\","
                + " \"head\"]\n  nginx:\n    image: nginx:1.27\n";
        r.userDataTexts.put("prod-app/hosts/launch-template", new String[] {compose.formatted("1.4.2"),
                compose.formatted("1.4.3")});
        Note n = check(new MigrationsStay(), r);
        assertTrue(n.text().contains("Rolling back (app.tag back to 1.4.2)"), n.text());
        r.userDataTexts.put("prod-app/hosts/launch-template", new String[] {compose.formatted("1.4.2"),
                compose.formatted("1.4.2").replace("nginx:1.27", "nginx:1.28")});
        assertNull(check(new MigrationsStay(), r), "only nginx changes: no migration");
    }

    @Test
    void aStorageChangeStartsTheSixHourCooldown() {
        Note n = check(new StorageCooldown(), review("aws_db_instance", DB, "update", "{}", "{}",
                new Review.Change("allocated_storage", "100", "200", false)));
        assertTrue(n.text().contains("six hours"), n.text());
        assertNull(check(new StorageCooldown(), review("aws_db_instance", DB, "update", "{}", "{}",
                new Review.Change("instance_class", "a", "b", false))));
    }
}
