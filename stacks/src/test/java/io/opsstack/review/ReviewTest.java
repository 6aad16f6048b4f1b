package io.opsstack.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
                assertTrue(ReviewReport.text(review).startsWith("not compared: dev (only in the "),
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
            assertTrue(warnings.contains("destroys aws_db_instance qa-data/database/instance"), warnings.toString());
            assertTrue(warnings.get(0).startsWith("stack qa-app is removed: its "), warnings.get(0));

            String text = ReviewReport.text(review);
            assertTrue(text.startsWith("WARNING: " + destroyed + " resource(s) will be destroyed or replaced, 3"
                    + " stack(s) removed.\nWARNING: stack qa-app is removed"), text);
            assertTrue(text.contains("\nWARNING: destroys aws_db_instance qa-data/database/instance\n"), text);
            String markdown = ReviewReport.markdown(review);
            assertTrue(markdown.startsWith("## opsstack review\n\n> [!WARNING]\n> **Warning: " + destroyed
                    + " resource(s) will be destroyed or replaced, 3 stack(s) removed.**\n> - stack qa-app is"
                    + " removed"), markdown);
            assertTrue(markdown.contains("destroys aws_db_instance qa-data/database/instance"), "every one listed");
            JsonNode json = JSON.readTree(ReviewReport.json(review));
            assertEquals("warnings", json.fieldNames().next());
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
            assertTrue(lt.userDataDiff().contains("-          image: ghcr.io/acme/fastapi-app:1.4.2\n"
                    + "+          image: ghcr.io/acme/fastapi-app:1.4.3"), lt.userDataDiff());
            assertTrue(review.configDiffs.containsKey("dev/docker-compose.yml"), review.configDiffs.keySet().toString());

            String markdown = ReviewReport.markdown(review);
            assertEquals(markdown, ReviewReport.markdown(Review.compare(base, head)), "deterministic");
            JsonNode json = JSON.readTree(ReviewReport.json(review));
            List<String> top = new java.util.ArrayList<>();
            json.fieldNames().forEachRemaining(top::add);
            assertEquals(List.of("warnings", "notCompared", "summary", "stacksAdded", "stacksRemoved", "resources",
                    "configDiffs", "findingsIntroduced", "findingsResolved"), top);
            List<String> resourceKeys = new java.util.ArrayList<>();
            json.path("resources").get(0).fieldNames().forEachRemaining(resourceKeys::add);
            assertEquals(List.of("stack", "type", "path", "action", "replaceReason", "changes", "userDataDiff"),
                    resourceKeys);
            Path golden = SynthFixture.HOME.resolve("stacks/src/test/resources/golden/review/tag-bump.md");
            if (Boolean.getBoolean("opsstack.updateGolden")) {
                Files.writeString(golden, markdown, StandardCharsets.UTF_8);
            }
            assertEquals(Files.readString(golden), markdown, "golden/review/tag-bump.md (read the diff, then"
                    + " -Dopsstack.updateGolden=true)");
        } finally {
            edit("environments/dev.yaml", "tag: \"1.4.3\"  ", "tag: \"1.4.2\"  ");
            edit("environments/dev.yaml", "instanceType: t3.medium", "instanceType: t3.small");
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
