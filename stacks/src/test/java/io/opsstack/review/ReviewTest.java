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
        base = synth("base");
    }

    /** Synthesizes dev (and any other environment named) of the temp project into home/name. */
    static Path synth(String name, String... extraEnvs) throws Exception {
        Path out = home.resolve(name);
        List<String> envs = Stream.concat(Stream.of("dev"), Stream.of(extraEnvs)).toList();
        new Synthesizer(home).synth(new ConfigLoader(home).load(envs), out);
        return out;
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
        Files.writeString(home.resolve("environments/qa.yaml"), Files.readString(home.resolve("environments/dev.yaml"))
                .replace("name: dev", "name: qa").replace("10.30.0.0/16", "10.33.0.0/16")
                .replace("backupRetentionDays: 1 ", "backupRetentionDays: 7 "));
        edit("templates/nginx.conf.ftl", "client_max_body_size ${clientMaxBodySize};", "client_max_body_size 20m;");
        try {
            Review review = Review.compare(base, synth("qa", "qa"));
            assertEquals(List.of("qa-app", "qa-data", "qa-network"), review.stacksAdded.stream().sorted().toList());
            assertTrue(review.configDiffs.get("dev/nginx/nginx.conf").contains("-    client_max_body_size 10m;\n"
                    + "+    client_max_body_size 20m;"), review.configDiffs.get("dev/nginx/nginx.conf"));
            assertTrue(review.configDiffs.containsKey("qa/nginx/nginx.conf"), "a new environment's files are all new");
            assertTrue(ReviewReport.markdown(review).contains("| qa-network (new stack) |"));
        } finally {
            Files.delete(home.resolve("environments/qa.yaml"));
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
