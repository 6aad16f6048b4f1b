package io.opsstack.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opsstack.config.ConfigLoader;
import io.opsstack.synth.SynthFixture;
import io.opsstack.synth.Synthesizer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** `opsstack review` on pairs of real synth outputs of the dev environment. */
class ReviewTest {

    static Path home;
    static Path base;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void synthBase() throws Exception {
        home = SynthFixture.copyOfProject(Map.of());
        // dev is the project's only environment, so its synth is complete (opsstack.json says so).
        try (Stream<Path> envs = Files.list(home.resolve("environments"))) {
            for (Path f : envs.filter(f -> !f.getFileName().toString().equals("dev.yaml")).toList()) {
                Files.delete(f);
            }
        }
        base = synth("base");
    }

    /** Synthesizes dev (and any other environment named) of the temp project into home/name. */
    static Path synth(String name, String... extraEnvs) throws Exception {
        return synthOnly(name, Stream.concat(Stream.of("dev"), Stream.of(extraEnvs)).toArray(String[]::new));
    }

    /** Synthesizes exactly the environments named into home/name. */
    static Path synthOnly(String name, String... envs) throws Exception {
        Path out = home.resolve(name);
        new Synthesizer(home).synth(new ConfigLoader(home).load(List.of(envs)), out);
        return out;
    }

    /** A second environment, qa (dev with another VPC block), for as long as {@code body} runs. */
    static void withQa(ThrowingRunnable body) throws Exception {
        Files.writeString(home.resolve("environments/qa.yaml"), Files.readString(home.resolve("environments/dev.yaml"))
                .replace("name: dev", "name: qa").replace("10.30.0.0/16", "10.33.0.0/16")
                .replace("backupRetentionDays: 1 ", "backupRetentionDays: 7 "));
        try {
            body.run();
        } finally {
            Files.delete(home.resolve("environments/qa.yaml"));
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void aPartialSynthIsNotReadAsTheDestructionOfTheOtherEnvironments() throws Exception {
        withQa(() -> {
            Path full = synthOnly("dev-and-qa", "dev", "qa");
            Path onlyQa = synthOnly("only-qa", "qa");
            for (Review review : List.of(Review.compare(full, onlyQa), Review.compare(onlyQa, full))) {
                assertEquals(List.of(), review.resources, ReviewReport.text(review));
                assertEquals(List.of(), review.stacksRemoved);
                assertEquals(List.of(), review.stacksAdded);
                assertEquals(List.of(), review.warnings());
                assertEquals(List.of("dev"), List.copyOf(review.notCompared.keySet()));
                assertTrue(review.notCompared.get("dev").contains("holds only qa (a partial synth)"),
                        review.notCompared.toString());
                assertTrue(ReviewReport.markdown(review).contains("**Not compared: dev** (only in the "),
                        ReviewReport.markdown(review));
                assertTrue(ReviewReport.text(review).startsWith("not compared: dev (only in the ")
                        && ReviewReport.text(review).endsWith("\nno infrastructure changes in the environments compared\n"),
                        ReviewReport.text(review));
            }
        });
    }

    @Test
    void aRemovedEnvironmentWarnsFirstInEveryFormatForEveryStackAndResource() throws Exception {
        withQa(() -> {
            Path full = synthOnly("dev-and-qa-2", "dev", "qa");
            // base holds every environment there was (dev); full held dev and qa: qa is removed, not uncompared.
            Review review = Review.compare(full, base);
            assertEquals(List.of("qa-app", "qa-data", "qa-network"), review.stacksRemoved);
            long destroyed = review.count("destroy");
            assertTrue(destroyed > 30, "every qa resource is destroyed: " + destroyed);
            List<String> warnings = review.warnings();
            assertEquals(3 + destroyed, warnings.size(), warnings.toString());
            assertTrue(warnings.stream().anyMatch(w -> w.startsWith("destroys aws_db_instance qa-data/database/instance:"
                    + " data loss: the database qa-postgres")), warnings.toString());
            assertTrue(warnings.get(0).startsWith("stack qa-app is removed: its "), warnings.get(0));

            // The one fact first: one headline for the cause (the removed environment), then every warning.
            String text = ReviewReport.text(review);
            assertTrue(text.startsWith("HEADLINE 1 [data loss]: environment qa removed: every resource of its stacks"
                    + " is destroyed (" + destroyed + " resources); data loss; outage"), text);
            assertEquals(1, text.lines().filter(l -> l.startsWith("HEADLINE ")).count(), "one cause, one headline");
            assertTrue(text.contains("\nWARNING: " + destroyed + " resource(s) will be destroyed or replaced, 3"
                    + " stack(s) removed.\nWARNING: stack qa-app is removed"), text);
            assertTrue(text.contains("\nWARNING: destroys aws_db_instance qa-data/database/instance: data loss: "), text);
            String markdown = ReviewReport.markdown(review);
            assertTrue(markdown.startsWith("## opsstack review\n\n> [!WARNING]\n> 1. **data loss**: environment qa"
                    + " removed: every resource of its stacks is destroyed"), markdown);
            assertTrue(markdown.contains("<details><summary>" + destroyed + " resource(s) will be destroyed or"
                    + " replaced, 3 stack(s) removed. (all " + warnings.size() + " warnings)</summary>\n\n- stack"
                    + " qa-app is removed"), "every warning, collapsed below the headlines");
            assertTrue(markdown.contains("\n- destroys aws_db_instance qa-data/database/instance: data loss"),
                    "every one listed");
            JsonNode json = JSON.readTree(ReviewReport.json(review));
            List<String> top = new java.util.ArrayList<>();
            json.fieldNames().forEachRemaining(top::add);
            assertEquals(List.of("source", "causes", "warnings"), top.subList(0, 3));
            assertEquals(1, json.path("causes").size());
            assertTrue(json.path("causes").get(0).path("headline").asText().startsWith("environment qa removed"));
            assertEquals(warnings.size(), json.path("warnings").size());
        });
    }

    static void edit(String file, String from, String to) throws Exception {
        Path p = home.resolve(file);
        String text = Files.readString(p);
        assertTrue(text.contains(from), file + " has no " + from);
        Files.writeString(p, text.replace(from, to));
    }

    @Test
    void aTagBumpAndAnInstanceTypeAreInPlaceUpdatesWithTheDecodedUserData() throws Exception {
        edit("environments/dev.yaml", "tag: \"1.4.2\"  ", "tag: \"1.4.3\"  ");
        edit("environments/dev.yaml", "instanceType: t3.small", "instanceType: t3.medium");
        try {
            Path head = synth("tag-bump");
            Review review = Review.compare(base, head);
            assertEquals(1, review.resources.size(), ReviewReport.text(review));
            Review.ResourceChange lt = review.resources.get(0);
            assertEquals("update", lt.action());
            assertEquals("dev-app/hosts/launch-template", lt.path());
            assertTrue(lt.changes().contains(new Review.Change("instance_type", "t3.small", "t3.medium", false)));
            // One change reads once: the user data is cloud-init.yaml, which changes only where it embeds
            // docker-compose.yml: the image line shows in one diff.
            assertEquals(null, lt.userDataDiff());
            assertTrue(lt.notes().contains("the user data changes because config/dev/cloud-init.yaml changes: it is"
                    + " that file, gzipped (its diff is under the rendered configs)"), lt.notes().toString());
            assertEquals(Map.of("dev/cloud-init.yaml", List.of("dev/docker-compose.yml")), review.configEmbeds);
            assertEquals(List.of("dev/docker-compose.yml"), List.copyOf(review.configDiffs.keySet()));
            assertTrue(review.configDiffs.get("dev/docker-compose.yml").contains(
                    "-    image: ghcr.io/acme/fastapi-app:1.4.2\n+    image: ghcr.io/acme/fastapi-app:1.4.3"));
            // dev is a single host following latest_version: the template reaches it through a replacement.
            assertTrue(lt.notes().contains("impact: the host dev-app/hosts/instance follows the template's"
                    + " latest_version, so this deploy replaces it: downtime while the new host boots, a new root"
                    + " volume (a SQLite data volume is reattached)"), lt.notes().toString());

            String markdown = ReviewReport.markdown(review);
            assertEquals(markdown, ReviewReport.markdown(Review.compare(base, head)), "deterministic");
            JsonNode json = JSON.readTree(ReviewReport.json(review));
            List<String> top = new java.util.ArrayList<>();
            json.fieldNames().forEachRemaining(top::add);
            assertEquals(List.of("source", "causes", "warnings", "notCompared", "summary", "stacksAdded",
                    "stacksRemoved", "resources", "terraformOnly", "configEmbeds", "configDiffs", "findingsIntroduced",
                    "findingsResolved"), top);
            List<String> resourceKeys = new java.util.ArrayList<>();
            json.path("resources").get(0).fieldNames().forEachRemaining(resourceKeys::add);
            assertEquals(List.of("stack", "type", "path", "action", "replaceReason", "changes", "notes",
                    "userDataDiff"), resourceKeys);
            Path golden = SynthFixture.HOME.resolve("stacks/src/test/resources/golden/review/tag-bump.md");
            if (Boolean.getBoolean("opsstack.updateGolden")) {
                Files.writeString(golden, markdown, StandardCharsets.UTF_8);
            }
            assertEquals(Files.readString(golden), markdown, "golden/review/tag-bump.md (read the diff, then"
                    + " -Dopsstack.updateGolden=true)");

            // A host on "$Latest" (opsstack before it followed latest_version) keeps the old template in this
            // deploy; the provider then reads its version back as a number and replaces it at the next apply.
            Path dollarLatest = home.resolve("tag-bump-dollar-latest");
            copy(head, dollarLatest);
            Path file = dollarLatest.resolve("stacks/dev-app/cdk.tf.json");
            ObjectNode doc = (ObjectNode) JSON.readTree(file.toFile());
            doc.path("resource").path("aws_instance").forEach(i ->
                    ((ObjectNode) i.path("launch_template")).put("version", "$Latest"));
            JSON.writeValue(file.toFile(), doc);
            Review.ResourceChange old = Review.compare(base, dollarLatest).resources.stream()
                    .filter(r -> r.type().equals("aws_launch_template")).findFirst().orElseThrow();
            assertTrue(old.notes().contains("impact: the running host dev-app/hosts/instance keeps the old template"
                    + " (version $Latest) in this deploy, and the next apply replaces it: the provider reads the"
                    + " host's version back as a number, which no longer matches (downtime while the new host boots,"
                    + " a new root volume)"), old.notes().toString());
        } finally {
            edit("environments/dev.yaml", "tag: \"1.4.3\"  ", "tag: \"1.4.2\"  ");
            edit("environments/dev.yaml", "instanceType: t3.medium", "instanceType: t3.small");
        }
    }

    @Test
    void aTagBumpInAnAutoScalingGroupStartsItsInstanceRefresh() throws Exception {
        // qa: dev with hosts behind a load balancer. The group follows the template's latest_version, so the
        // provider starts the instance refresh when the template changes (with "$Latest" it would not).
        Path qa = home.resolve("environments/qa.yaml");
        Files.writeString(qa, Files.readString(home.resolve("environments/dev.yaml"))
                .replace("name: dev", "name: qa").replace("10.30.0.0/16", "10.33.0.0/16")
                .replace("backupRetentionDays: 1 ", "backupRetentionDays: 7 ")
                .replace("mode: single ", "mode: asg    "));
        try {
            Path before = synthOnly("qa-asg", "qa");
            edit("environments/qa.yaml", "tag: \"1.4.2\"  ", "tag: \"1.4.3\"  ");
            Review review = Review.compare(before, synthOnly("qa-asg-tag-bump", "qa"));
            assertEquals(1, review.resources.size(), ReviewReport.text(review));
            Review.ResourceChange lt = review.resources.get(0);
            assertEquals("qa-app/hosts/launch-template", lt.path());
            assertEquals("update", lt.action());
            assertTrue(lt.notes().contains("impact: the Auto Scaling group qa-app/hosts/asg starts an instance refresh"
                    + " (Rolling): running hosts are replaced one batch at a time"), lt.notes().toString());
            assertFalse(lt.notes().stream().anyMatch(n -> n.contains("keep the old template")), lt.notes().toString());

            // From a group on "$Latest" (opsstack before it followed latest_version): the block changes, so the
            // first apply refreshes every host once, and the review says so.
            Path dollarLatest = home.resolve("qa-asg-dollar-latest");
            copy(before, dollarLatest);
            Path file = dollarLatest.resolve("stacks/qa-app/cdk.tf.json");
            ObjectNode doc = (ObjectNode) JSON.readTree(file.toFile());
            doc.path("resource").path("aws_autoscaling_group").forEach(g ->
                    ((ObjectNode) g.path("launch_template")).put("version", "$Latest"));
            JSON.writeValue(file.toFile(), doc);
            Review migration = Review.compare(dollarLatest, before);
            assertEquals(1, migration.resources.size(), ReviewReport.text(migration));
            Review.ResourceChange group = migration.resources.get(0);
            assertEquals("qa-app/hosts/asg", group.path());
            assertEquals(List.of("impact: the group's launch_template changes, so it starts an instance refresh"
                    + " (Rolling): running hosts are replaced one batch at a time"), group.notes());
        } finally {
            Files.delete(qa);
        }
    }

    @Test
    void aNewCidrReplacesTheSubnetsAndSaysWhy() throws Exception {
        edit("environments/dev.yaml", "cidr: 10.30.0.0/16", "cidr: 10.31.0.0/16");
        try {
            Review review = Review.compare(base, synth("cidr"));
            List<Review.ResourceChange> subnets = review.resources.stream()
                    .filter(r -> r.type().equals("aws_subnet")).toList();
            assertEquals(6, subnets.size());
            assertTrue(subnets.stream().allMatch(r -> r.action().equals("replace")
                    && r.replaceReason().contains("cidr_block")), subnets.toString());
            assertTrue(ReviewReport.markdown(review).contains("resource(s) will be destroyed or replaced"));
            // Blast radius: the VPC's new id replaces what names it in a replace-forcing argument, transitively.
            List<Review.ResourceChange> groups = review.resources.stream()
                    .filter(r -> r.type().equals("aws_security_group")).toList();
            assertTrue(groups.size() >= 2, ReviewReport.text(review));
            assertTrue(groups.stream().allMatch(r -> r.action().equals("replace") && r.replaceReason()
                    .equals("its vpc_id refers to dev-network/network/vpc, which is replaced")), groups.toString());
            List<Review.ResourceChange> rules = review.resources.stream()
                    .filter(r -> r.type().startsWith("aws_vpc_security_group_")).toList();
            assertTrue(!rules.isEmpty() && rules.stream().allMatch(r -> r.action().equals("replace")
                    && r.replaceReason().startsWith("its security_group_id refers to dev-network/network/")),
                    "rules in other stacks, through cross-stack outputs: " + rules);
            assertTrue(review.resources.stream().anyMatch(r -> r.type().equals("aws_instance")
                    && r.action().equals("replace") && r.replaceReason().startsWith("its subnet_id refers to")),
                    "the host is in a replaced subnet: " + ReviewReport.text(review));
            assertTrue(review.warnings().stream().anyMatch(w -> w.startsWith("replaces aws_instance dev-app/hosts/"
                    + "instance (destroyed and created anew): data loss: the host's root volume")), review.warnings()
                    .toString());
        } finally {
            edit("environments/dev.yaml", "cidr: 10.31.0.0/16", "cidr: 10.30.0.0/16");
        }
    }

    @Test
    void aRenamedConstructIsADestroyAndACreate() throws Exception {
        Path head = home.resolve("renamed");
        copy(base, head);
        Path file = head.resolve("stacks/dev-network/cdk.tf.json");
        ObjectNode doc = (ObjectNode) JSON.readTree(file.toFile());
        ObjectNode igws = (ObjectNode) doc.path("resource").path("aws_internet_gateway");
        String old = igws.fieldNames().next();
        JsonNode igw = igws.remove(old);
        ((ObjectNode) igw.path("//").path("metadata")).put("path", "dev-network/network/gateway");
        igws.set("network_gateway_0A1B2C3D", igw);
        JSON.writeValue(file.toFile(), doc);
        Review review = Review.compare(base, head);
        assertEquals(List.of("create", "destroy"), review.resources.stream().map(Review.ResourceChange::action)
                .sorted().toList());
        assertTrue(review.resources.stream().allMatch(r -> r.replaceReason().startsWith("construct id changed")),
                ReviewReport.text(review));
    }

    @Test
    void aNewEnvironmentAddsStacksAndAChangedTemplateShowsItsDiff() throws Exception {
        withQa(() -> aNewEnvironment());
    }

    private void aNewEnvironment() throws Exception {
        edit("templates/nginx.conf.ftl", "client_max_body_size ${clientMaxBodySize};", "client_max_body_size 20m;");
        try {
            Review review = Review.compare(base, synth("qa", "qa"));
            assertEquals(List.of("qa-app", "qa-data", "qa-network"), review.stacksAdded.stream().sorted().toList());
            assertTrue(review.configDiffs.get("dev/nginx/nginx.conf").contains("-    client_max_body_size 10m;\n"
                    + "+    client_max_body_size 20m;"), review.configDiffs.get("dev/nginx/nginx.conf"));
            assertTrue(review.configDiffs.containsKey("qa/nginx/nginx.conf"), "a new environment's files are all new");
            assertTrue(ReviewReport.markdown(review).contains("| qa-network (new stack) |"));
        } finally {
            edit("templates/nginx.conf.ftl", "client_max_body_size 20m;", "client_max_body_size ${clientMaxBodySize};");
        }
    }

    @Test
    void docsReviewMdListsExactlyTheReplacementRules() throws Exception {
        String docs = Files.readString(SynthFixture.HOME.resolve("docs/review.md"));
        for (String line : Replacements.describe()) {
            String[] typeAndArgs = line.split(": ", 2);
            assertTrue(docs.contains("| " + typeAndArgs[0] + " | " + typeAndArgs[1] + " |"), "docs/review.md: " + line);
        }
        assertEquals(Replacements.describe().size(), docs.lines().filter(l -> l.matches("\\| (aws|docker)_.*")).count());
    }

    /** A copy of base named {@code name}, with {@code edit} applied to each resource of {@code type} in {@code stack}. */
    static Path editedCopy(String name, String stack, String type, java.util.function.Consumer<ObjectNode> edit)
            throws Exception {
        Path head = home.resolve(name);
        copy(base, head);
        Path file = head.resolve("stacks/" + stack + "/cdk.tf.json");
        ObjectNode doc = (ObjectNode) JSON.readTree(file.toFile());
        doc.path("resource").path(type).forEach(r -> edit.accept((ObjectNode) r));
        JSON.writeValue(file.toFile(), doc);
        return head;
    }

    static Review.ResourceChange only(Review review, String type) {
        List<Review.ResourceChange> of = review.resources.stream().filter(r -> r.type().equals(type)).toList();
        assertEquals(1, of.size(), ReviewReport.text(review));
        return of.get(0);
    }

    @Test
    void aPolicyDocumentIsDiffedStatementByStatement() throws Exception {
        Path head = editedCopy("policy", "dev-app", "aws_iam_role_policy", r -> {
            try {
                ObjectNode doc = (ObjectNode) JSON.readTree(r.path("policy").asText());
                for (JsonNode st : doc.path("Statement")) {
                    if (st.path("Sid").asText().equals("WriteAndReadBackups")) {
                        ((com.fasterxml.jackson.databind.node.ArrayNode) st.path("Action")).add("s3:DeleteObject");
                    }
                    if (st.path("Sid").asText().equals("FindTheDatabase")) {
                        ((ObjectNode) st).putObject("Condition").putObject("Bool").put("aws:SecureTransport", "true");
                    }
                }
                ((com.fasterxml.jackson.databind.node.ArrayNode) doc.path("Statement")).addObject()
                        .put("Sid", "ReadEverything").put("Effect", "Allow").put("Action", "s3:*")
                        .put("Resource", "*");
                r.put("policy", JSON.writeValueAsString(doc));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Review review = Review.compare(base, head);
        Review.ResourceChange policy = only(review, "aws_iam_role_policy");
        assertEquals("update", policy.action());
        List<String> shown = policy.changes().stream().map(c -> c.attribute() + ": " + c.before() + " -> " + c.after())
                .toList();
        assertEquals(List.of(
                "policy statement \"FindTheDatabase\" Condition: (none) -> {\"Bool\":{\"aws:SecureTransport\":\"true\"}}",
                "policy statement \"ReadEverything\" (added): (none) -> Effect Allow; Action s3:*; Resource *"),
                shown.subList(0, 2), shown.toString());
        String action = shown.get(2);
        assertTrue(action.startsWith("policy statement \"WriteAndReadBackups\" Action: [\"s3:PutObject\""), action);
        assertTrue(action.endsWith(",\"s3:ListBucket\",\"s3:DeleteObject\"]"), action);
        assertEquals(3, shown.size(), shown.toString());
    }

    @Test
    void aSensitiveNamedFlagShowsItsValueAndASecretOnlyThatItChanged() throws Exception {
        Path head = editedCopy("sensitive", "dev-data", "aws_db_instance", r -> {
            r.put("manage_master_user_password", false);
            r.put("password", "hunter3");
        });
        // base has no password: give it one, in a copy, so the secret changes
        Path before = editedCopy("sensitive-base", "dev-data", "aws_db_instance", r -> {
            r.put("manage_master_user_password", true);
            r.put("password", "hunter2");
        });
        Review review = Review.compare(before, head);
        List<Review.Change> changes = only(review, "aws_db_instance").changes();
        assertTrue(changes.contains(new Review.Change("manage_master_user_password", "true", "false", false)),
                changes.toString());
        assertTrue(changes.contains(new Review.Change("password", "(sensitive)", "(sensitive, changed)", false)),
                changes.toString());
        assertTrue(ReviewReport.json(review).contains("manage_master_user_password") && !ReviewReport.json(review)
                .contains("hunter"), "the secret itself is never shown");
    }

    @Test
    void aPasswordVersionChangeSaysTheHostsMustReReadTheSecret() throws Exception {
        Review later = Review.compare(base, editedCopy("rotate", "dev-data", "aws_db_instance",
                r -> r.put("password_wo_version", 2)));
        Review.ResourceChange db = only(later, "aws_db_instance");
        assertTrue(db.changes().contains(new Review.Change("password_wo_version", "1", "2", false)),
                db.changes().toString());
        assertTrue(db.notes().stream().anyMatch(i -> i.startsWith("impact: the master password changes at this"
                + " apply") && i.contains("systemctl restart opsstack")), db.notes().toString());
    }

    @Test
    void anInstanceClassChangeSaysTheDatabaseRestartsAndWhen() throws Exception {
        Review later = Review.compare(base, editedCopy("class", "dev-data", "aws_db_instance",
                r -> r.put("instance_class", "db.t4g.large")));
        List<String> notes = only(later, "aws_db_instance").notes();
        assertEquals(List.of("impact: changing instance_class restarts the database: single-AZ, so the database is"
                + " unavailable while it is modified (typically several minutes); apply_immediately is not set: it"
                + " happens in the next maintenance window (" + JSON.readTree(base.resolve(
                "stacks/dev-data/cdk.tf.json").toFile()).path("resource").path("aws_db_instance").elements().next()
                .path("maintenance_window").asText() + "), not when Terraform applies"), notes);

        Path multiAzBase = editedCopy("multi-az-base", "dev-data", "aws_db_instance", r -> r.put("multi_az", true));
        Path multiAzHead = editedCopy("multi-az", "dev-data", "aws_db_instance", r -> r.put("multi_az", true)
                .put("apply_immediately", true).put("engine_version", "16.5"));
        String note = only(Review.compare(multiAzBase, multiAzHead), "aws_db_instance").notes().get(0);
        assertTrue(note.startsWith("impact: changing engine_version restarts the database: Multi-AZ, so the standby is"
                + " changed first and then a failover"), note);
        assertTrue(note.endsWith("apply_immediately is set: it happens when Terraform applies"), note);
    }

    @Test
    void aMultiAzSwitchIsAnInPlaceModifyThatSaysWhatItCostsAndWhen() throws Exception {
        Path multiAz = editedCopy("to-multi-az", "dev-data", "aws_db_instance", r -> r.put("multi_az", true));
        Review.ResourceChange on = only(Review.compare(base, multiAz), "aws_db_instance");
        assertEquals("update", on.action(), "no replacement of the database");
        assertEquals(1, on.notes().size(), on.notes().toString());
        assertTrue(on.notes().get(0).startsWith("impact: converting to Multi-AZ: RDS snapshots the instance and builds"
                + " the standby from it, without an outage"), on.notes().toString());
        String window = JSON.readTree(base.resolve("stacks/dev-data/cdk.tf.json").toFile()).path("resource")
                .path("aws_db_instance").elements().next().path("maintenance_window").asText();
        assertTrue(on.notes().get(0).endsWith("apply_immediately is not set: it happens in the next maintenance"
                + " window (" + window + ")"), on.notes().toString());
        Review.ResourceChange off = only(Review.compare(multiAz, base), "aws_db_instance");
        assertEquals("update", off.action());
        assertTrue(off.notes().get(0).startsWith("impact: back to single-AZ: the standby is removed"),
                off.notes().toString());
    }

    @Test
    void destroyingAStatefulResourceNamesWhatIsLostAndTheRunbookStep() throws Exception {
        Path head = home.resolve("no-database");
        copy(base, head);
        Path file = head.resolve("stacks/dev-data/cdk.tf.json");
        ObjectNode doc = (ObjectNode) JSON.readTree(file.toFile());
        ((ObjectNode) doc.path("resource")).remove(List.of("aws_db_instance", "aws_kms_key", "aws_s3_bucket",
                "aws_cloudwatch_log_group"));
        JSON.writeValue(file.toFile(), doc);
        Review review = Review.compare(base, head);
        String database = only(review, "aws_db_instance").notes().get(0);
        assertTrue(database.startsWith("data loss: the database dev-postgres and its automated backups"), database);
        assertTrue(database.endsWith("First: take a manual snapshot (docs/runbook.md#performing-a-database-backup)"
                + " and plan the restore (docs/configuration.md#restoring-from-a-snapshot-the-runbooks-restore"
                + "-procedure)"), database);
        assertTrue(only(review, "aws_kms_key").notes().get(0).startsWith("data loss: the key is scheduled for"
                + " deletion"));
        Map<String, String> buckets = new TreeMap<>();
        review.resources.stream().filter(r -> r.type().equals("aws_s3_bucket"))
                .forEach(r -> buckets.put(r.path(), r.notes().get(0)));
        String backups = buckets.getOrDefault("dev-data/backups/bucket", "missing from " + buckets);
        assertTrue(backups.startsWith("data loss: every object in the bucket opsstack-dev-backups-"), backups);
        assertTrue(backups.contains("(the database's pg_dump backups, all versions)"), backups);
        assertTrue(backups.endsWith("(docs/runbook.md#performing-a-database-backup)"), backups);
        // The access-log bucket beside it holds logs, not dumps: it must not claim to, nor point at the backup step.
        String logs = buckets.getOrDefault("dev-data/backups/access-logs", "missing from " + buckets);
        assertTrue(logs.contains("(the server access logs of the backups bucket, all versions)"), logs);
        assertFalse(logs.contains("pg_dump") || logs.contains("docs/runbook.md"), logs);
        assertTrue(review.resources.stream().filter(r -> r.type().equals("aws_cloudwatch_log_group"))
                .allMatch(r -> r.notes().get(0).startsWith("data loss: the log events of")));
        assertTrue(review.warnings().contains("destroys aws_db_instance dev-data/database/instance: " + database),
                review.warnings().toString());
        assertTrue(ReviewReport.markdown(review).contains("  - **data loss**: the database dev-postgres"));
    }

    @Test
    void theRunbookSectionsTheReviewPointsAtExist() throws Exception {
        // GitHub's anchors of these headings are what Impacts links to.
        assertTrue(Files.readString(SynthFixture.HOME.resolve("docs/runbook.md"))
                .contains("\n### Performing a database backup\n"));
        assertTrue(Files.readString(SynthFixture.HOME.resolve("docs/runbook.md"))
                .contains("\n### SQLite environments (database.engine: sqlite, e.g. poc)\n"));
        assertTrue(Files.readString(SynthFixture.HOME.resolve("docs/configuration.md"))
                .contains("\n### Restoring from a snapshot (the runbooks' restore procedure)\n"));
    }

    @Test
    void aLifecycleOrDependsOnEditIsNoUpdate() throws Exception {
        Path head = editedCopy("lifecycle", "dev-data", "aws_db_instance", r -> {
            r.putObject("lifecycle").put("prevent_destroy", true);
            r.putArray("depends_on").add("aws_kms_key.anything");
        });
        Review review = Review.compare(base, head);
        assertEquals(List.of(), review.resources, ReviewReport.text(review));
        assertEquals(Map.of("dev-data/database/instance", List.of("depends_on", "lifecycle")), review.metaOnly);
        assertTrue(ReviewReport.text(review).contains("terraform-only edit (no change in AWS):"
                + " dev-data/database/instance: depends_on, lifecycle"), ReviewReport.text(review));
        assertTrue(ReviewReport.markdown(review).contains("### Terraform-only edits"));
    }

    @Test
    void aLongDescriptionShowsTheWordsThatChanged() throws Exception {
        String[] before = new String[1];
        Path head = editedCopy("description", "dev-app", "aws_cloudwatch_metric_alarm", r -> {
            String d = r.path("alarm_description").asText();
            if (d.length() > 120 && before[0] == null) {
                before[0] = d;
                r.put("alarm_description", d.replaceFirst("(\\S+)$", "CHANGED"));
            }
        });
        assertTrue(before[0] != null, "an alarm with a description over 120 characters");
        Review.Change change = review(head).stream().filter(c -> c.attribute().equals("alarm_description"))
                .findFirst().orElseThrow();
        assertEquals("(" + before[0].length() + " characters)", change.before());
        String lastWord = before[0].substring(before[0].lastIndexOf(' ') + 1);
        assertTrue(change.diff().startsWith("... ") && change.diff().endsWith("[-" + lastWord + "-]{+CHANGED+}"),
                change.diff());
        assertTrue(ReviewReport.markdown(Review.compare(base, head)).contains("    - changed words: `... "));
    }

    private static List<Review.Change> review(Path head) throws Exception {
        return Review.compare(base, head).resources.stream().flatMap(r -> r.changes().stream()).toList();
    }

    @Test
    void aMarkdownReportOverTheCommentLimitIsCutAtASectionAndSaysWhereTheRestIs() throws Exception {
        edit("environments/dev.yaml", "cidr: 10.30.0.0/16", "cidr: 10.31.0.0/16");
        try {
            Review review = Review.compare(base, synth("cidr-cut"));
            String full = ReviewReport.markdown(review);
            assertEquals(full, ReviewReport.fit(full, full.length(), "x"), "what fits is not cut");
            int limit = full.indexOf("\n### ") + 2_500;
            String cut = ReviewReport.fit(full, limit, "`review.md` (the job's artifact)");
            assertTrue(cut.length() <= limit, cut.length() + " > " + limit);
            assertTrue(cut.startsWith(full.substring(0, full.indexOf("\n### "))), "the headlines stay");
            assertTrue(cut.contains("**Cut to fit a pull-request comment** (" + full.length() + " characters"), cut);
            assertTrue(cut.endsWith("The full report: `review.md` (the job's artifact).\n"), cut);
            assertTrue(cut.contains("section(s) not shown: 1. dev: network.cidr"), cut);
        } finally {
            edit("environments/dev.yaml", "cidr: 10.31.0.0/16", "cidr: 10.30.0.0/16");
        }
    }

    @Test
    void aPlanMappedThroughTheSynthOutputGetsConstructPathsImpactNotesAndRules() throws Exception {
        // The plan's shape is terraform show -json's (PlanReviewTest reads one Terraform wrote); here the point is
        // the mapping: the resource's cdktf name in the synth output gives its stack and construct path.
        JsonNode stack = JSON.readTree(base.resolve("stacks/dev-data/cdk.tf.json").toFile());
        String name = stack.path("resource").path("aws_db_instance").fieldNames().next();
        JsonNode db = stack.path("resource").path("aws_db_instance").path(name);
        ObjectNode before = JSON.createObjectNode().put("identifier", db.path("identifier").asText())
                .put("instance_class", "db.t4g.small").put("allocated_storage", 20).put("multi_az", false)
                .put("apply_immediately", false).put("maintenance_window", "sun:05:00-sun:06:00");
        ObjectNode after = before.deepCopy().put("instance_class", "db.t4g.medium").put("allocated_storage", 40);
        ObjectNode plan = JSON.createObjectNode().put("format_version", "1.2");
        ObjectNode rc = plan.putArray("resource_changes").addObject().put("address", "aws_db_instance." + name)
                .put("mode", "managed").put("type", "aws_db_instance").put("name", name);
        ObjectNode change = rc.putObject("change");
        change.putArray("actions").add("update");
        change.set("before", before);
        change.set("after", after);
        change.putObject("after_unknown");
        change.putObject("before_sensitive");
        change.putObject("after_sensitive");
        Path file = home.resolve("dev-data.json");
        JSON.writeValue(file.toFile(), plan);

        Review review = PlanReview.of(List.of(file), base);
        Review.ResourceChange c = only(review, "aws_db_instance");
        assertEquals("dev-data/database/instance", c.path());
        assertEquals("dev-data", c.stack());
        assertTrue(c.notes().stream().anyMatch(n -> n.startsWith("impact: changing instance_class restarts the"
                + " database")), c.notes().toString());
        assertEquals(1, review.causes.size(), review.causes.toString());
        assertEquals("dev: allocated_storage, instance_class changed", review.causes.get(0).label());
        assertTrue(review.causes.get(0).notes().stream().anyMatch(n -> n.id().equals("REV-STORAGE-COOLDOWN")),
                review.causes.get(0).notes().toString());
        assertEquals(List.of(Consequence.OUTAGE, Consequence.COST, Consequence.OTHER),
                review.causes.get(0).consequences());
        // Without the synth output the file names the stack, and the address the resource.
        assertEquals("dev-data/aws_db_instance." + name, only(PlanReview.of(List.of(file), null),
                "aws_db_instance").path());
    }

    static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
            }
        }
    }
}
