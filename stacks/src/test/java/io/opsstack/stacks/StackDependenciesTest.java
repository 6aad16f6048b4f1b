package io.opsstack.stacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.config.ConfigLoader;
import io.opsstack.config.EnvironmentConfig;
import io.opsstack.synth.SynthFixture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The deploy order cdktf-cli follows: manifest.json's dependencies. cdktf-cli 0.19.2 starts every stack whose
 * dependencies are all done (cli-core helpers/stack-helpers.js getStackWithNoUnmetDependencies, default parallelism
 * infinite), so a stack may run beside, or before, any stack that is not one of its transitive dependencies. The
 * orderings the resources really need are found here from the synthesized JSON alone, not from StackPlan: a stack
 * that names a bucket, database, KMS alias or Route 53 record another stack creates needs that stack first.
 */
class StackDependenciesTest {

    /** prod's manifest.json dependencies as synthesized before issue 21 (cdktf's cross-stack references only). */
    static final Map<String, List<String>> PROD_BEFORE = Map.of(
            "prod-network", List.of(),
            "prod-dr-network", List.of(),
            "prod-data", List.of("prod-network"),
            "prod-app", List.of("prod-network", "prod-data"),
            "prod-dr-data", List.of("prod-dr-network"),
            "prod-dr-app", List.of("prod-dr-network", "prod-dr-data"));

    private static final SynthFixture FIXTURE = SynthFixture.shared();

    static Map<String, List<String>> manifestDependencies(JsonNode manifest) {
        Map<String, List<String>> out = new TreeMap<>();
        manifest.get("stacks").fields().forEachRemaining(e -> {
            List<String> deps = new ArrayList<>();
            e.getValue().path("dependencies").forEach(d -> deps.add(d.asText()));
            out.put(e.getKey(), deps);
        });
        return out;
    }

    /** The stacks {@code id} waits for in cdktf-cli: its dependencies, theirs, and so on. */
    static Set<String> waitsFor(Map<String, List<String>> deps, String id) {
        Set<String> seen = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(deps.getOrDefault(id, List.of()));
        while (!todo.isEmpty()) {
            String d = todo.pop();
            if (seen.add(d)) {
                todo.addAll(deps.getOrDefault(d, List.of()));
            }
        }
        return seen;
    }

    /**
     * Pairs "A before B finished" that cdktf-cli can start at the default parallelism: every needed ordering
     * (A needs B) where B is not among what A waits for.
     */
    static Set<String> races(Map<String, List<String>> deps, Map<String, Set<String>> needs) {
        Set<String> out = new TreeSet<>();
        needs.forEach((a, bs) -> bs.forEach(b -> {
            if (!waitsFor(deps, a).contains(b)) {
                out.add(a + " may start before " + b + " is deployed");
            }
        }));
        return out;
    }

    private static final Pattern TOKEN = Pattern.compile("\\$\\{[^}]*}");
    private static final Pattern S3_ARN = Pattern.compile("arn:[a-z-]+:s3:::([^/\"\\\\*]+)");
    private static final Pattern RDS_ARN = Pattern.compile("arn:[a-z-]+:rds:[a-z0-9-]+:[^:]+:db:([A-Za-z0-9-]+)");
    private static final Pattern KMS_ALIAS = Pattern.compile("arn:[a-z-]+:kms:[a-z0-9-]+:[^:]+:(alias/[A-Za-z0-9/_-]+)");

    /** A name with every Terraform expression replaced by "*": the account id is a token in both stacks. */
    private static String normal(String s) {
        return TOKEN.matcher(s).replaceAll("*");
    }

    /** What each stack creates that others can name: bucket names, DB identifiers, KMS aliases, DNS names. */
    static Map<String, Set<String>> owned(Map<String, JsonNode> stacks) {
        Map<String, Set<String>> out = new TreeMap<>();
        stacks.forEach((id, json) -> {
            Set<String> names = new TreeSet<>();
            JsonNode r = json.path("resource");
            r.path("aws_s3_bucket").forEach(b -> names.add("s3:" + normal(b.path("bucket").asText())));
            r.path("aws_db_instance").forEach(b -> names.add("db:" + normal(b.path("identifier").asText())));
            r.path("aws_kms_alias").forEach(b -> names.add("kms:" + normal(b.path("name").asText())));
            r.path("aws_route53_record").forEach(b -> {
                if (b.path("set_identifier").isMissingNode()) {
                    names.add("dns:" + normal(b.path("name").asText()));
                }
            });
            out.put(id, names);
        });
        return out;
    }

    /** The names a stack refers to, from ARNs in any string (policies included) and Route 53 alias targets. */
    static Set<String> referred(JsonNode stack) {
        Set<String> out = new TreeSet<>();
        String text = stack.toString();
        for (Map.Entry<Pattern, String> p : Map.of(S3_ARN, "s3:", RDS_ARN, "db:", KMS_ALIAS, "kms:").entrySet()) {
            Matcher m = p.getKey().matcher(text);
            while (m.find()) {
                out.add(p.getValue() + normal(m.group(1)));
            }
        }
        stack.path("resource").path("aws_route53_record").forEach(rec -> {
            String alias = rec.path("alias").path("name").asText("");
            if (!alias.isEmpty()) {
                out.add("dns:" + normal(alias));
            }
        });
        return out;
    }

    /** A needs B: A's JSON names something only B creates. Within one environment's stacks. */
    static Map<String, Set<String>> needs(Map<String, JsonNode> stacks) {
        Map<String, Set<String>> owned = owned(stacks);
        Map<String, Set<String>> out = new TreeMap<>();
        stacks.forEach((a, json) -> {
            Set<String> refs = referred(json);
            owned.forEach((b, names) -> {
                if (!b.equals(a) && names.stream().anyMatch(refs::contains)) {
                    out.computeIfAbsent(a, k -> new TreeSet<>()).add(b);
                }
            });
        });
        return out;
    }

    private static Map<String, JsonNode> stacksOf(EnvironmentConfig env) {
        Map<String, JsonNode> out = new TreeMap<>();
        for (StackPlan.PlannedStack s : StackPlan.of(env)) {
            out.put(s.id(), FIXTURE.stack(s.id()));
        }
        return out;
    }

    private static List<EnvironmentConfig> environments() throws Exception {
        return new ConfigLoader(FIXTURE.home).load(List.of());
    }

    @Test
    void manifestRecordsExactlyTheGraphListPrints() throws Exception {
        Map<String, List<String>> manifest = manifestDependencies(SynthFixture.read(FIXTURE.out.resolve("manifest.json")));
        Map<String, Set<String>> planned = new TreeMap<>();
        Map<String, Set<String>> recorded = new TreeMap<>();
        for (EnvironmentConfig env : environments()) {
            for (StackPlan.PlannedStack s : StackPlan.of(env)) {
                planned.put(s.id(), new TreeSet<>(s.dependsOn()));
                recorded.put(s.id(), new TreeSet<>(manifest.getOrDefault(s.id(), List.of())));
            }
        }
        assertEquals(planned, recorded);
        assertEquals(manifest.keySet(), planned.keySet());
    }

    @Test
    void listOrderIsADeployOrderOfTheGraph() throws Exception {
        for (EnvironmentConfig env : environments()) {
            Set<String> before = new LinkedHashSet<>();
            for (StackPlan.PlannedStack s : StackPlan.of(env)) {
                assertTrue(before.containsAll(s.dependsOn()), s.id() + " listed before " + s.dependsOn());
                before.add(s.id());
            }
        }
    }

    @Test
    void everyNameAnotherStackCreatesIsWaitedFor() throws Exception {
        Map<String, List<String>> manifest = manifestDependencies(SynthFixture.read(FIXTURE.out.resolve("manifest.json")));
        int found = 0;
        for (EnvironmentConfig env : environments()) {
            Map<String, Set<String>> needs = needs(stacksOf(env));
            found += needs.values().stream().mapToInt(Set::size).sum();
            assertEquals(Set.of(), races(manifest, needs), env.name());
        }
        assertTrue(found > 20, "the finder found only " + found + " cross-stack names");
    }

    @Test
    void prodNeedsWhatTheIssueSaysFromTheJsonAlone() throws Exception {
        EnvironmentConfig prod = environments().stream().filter(e -> e.name().equals("prod")).findFirst().orElseThrow();
        Map<String, Set<String>> needs = needs(stacksOf(prod));
        assertTrue(needs.get("prod-data").contains("prod-dr-network"), "replication destination: " + needs);
        assertTrue(needs.get("prod-dr-data").contains("prod-data"), "replica source: " + needs);
        assertTrue(needs.get("prod-dr-app").contains("prod-app"), "failover alias of the primary: " + needs);
        assertTrue(needs.get("prod-app").contains("prod-data"), needs.toString());
    }

    @Test
    void failsTheManifestBeforeTheFixWhichRacesThreeWays() throws Exception {
        EnvironmentConfig prod = environments().stream().filter(e -> e.name().equals("prod")).findFirst().orElseThrow();
        Map<String, Set<String>> needs = needs(stacksOf(prod));
        assertEquals(Set.of("prod-data may start before prod-dr-network is deployed",
                "prod-dr-app may start before prod-app is deployed",
                "prod-dr-data may start before prod-data is deployed"), races(PROD_BEFORE, needs));
        Map<String, List<String>> now = manifestDependencies(SynthFixture.read(FIXTURE.out.resolve("manifest.json")));
        assertEquals(Set.of(), races(now, needs));
        assertFalse(waitsFor(now, "prod-dr-network").contains("prod-network"),
                "the DR network still needs nothing of the primary region");
    }

    @Test
    void theDrRegionsFailoverRecordWaitsForItsRegionalRecord() {
        JsonNode records = FIXTURE.stack("prod-dr-app").path("resource").path("aws_route53_record");
        assertEquals("us-west-2.app.example.com", records.path("regional-record").path("name").asText());
        assertEquals("aws_route53_record.regional-record",
                records.path("failover-dr").path("depends_on").path(0).asText());
        assertTrue(records.path("failover-primary").path("depends_on").isMissingNode(),
                "the primary's regional record is in prod-app: a stack dependency, not depends_on");
    }
}
