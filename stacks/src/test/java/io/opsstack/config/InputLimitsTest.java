package io.opsstack.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.synth.SynthFixture;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every input gets a clear answer at validate time (file:line:column, no stack trace): AWS's own limits, checks
 * that used to wait for synth, encodings, and sizes bounded before binding.
 */
class InputLimitsTest {

    static final Path HOME = Path.of(System.getProperty("opsstack.home", "..")).toAbsolutePath().normalize();
    static final String FILE = "environments/dev.yaml";
    static final String BASE = "name: dev\nregion: us-east-1\n";

    private static List<String> problems(String yaml) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ConfigLoader(HOME).parse(FILE, "dev", yaml), "expected problems for:\n" + yaml);
        return e.problems().stream().map(ConfigProblem::format).toList();
    }

    private static List<String> loadProblems(Path home, byte[] content) throws Exception {
        Files.createDirectories(home.resolve("environments"));
        Files.write(home.resolve(FILE), content);
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(home).load(List.of("dev")));
        return e.problems().stream().map(ConfigProblem::format).toList();
    }

    private static String tags(int n) {
        return "tags:\n" + IntStream.range(0, n).mapToObj(i -> "  t" + i + ": v\n").collect(Collectors.joining());
    }

    @Test
    void failsMoreTagsThanAwsAllowsPerResourceCountingOpsstacksOwn() throws Exception {
        assertEquals(Tags.MAX, new ConfigLoader(HOME).parse(FILE, "dev", BASE + tags(Tags.MAX)).tags().size());
        assertEquals(List.of("environments/dev.yaml:4:3: tags: 47 tags; at most 46 (AWS allows 50 per resource and"
                + " opsstack adds up to 4: Name, environment, managed-by, tier)"), problems(BASE + tags(47)));
    }

    @Test
    void failsTagKeysAndValuesLongerThanAwsAllowsWithoutEchoingThem() {
        String longKey = "k".repeat(129);
        assertEquals(List.of("environments/dev.yaml:4:3: tags." + longKey + ": tag key is 129 characters long; AWS"
                + " allows 128"), problems(BASE + "tags:\n  " + longKey + ": v\n"));
        assertEquals(List.of("environments/dev.yaml:4:3: tags.owner: tag owner's value is 257 characters long; AWS"
                + " allows 256"), problems(BASE + "tags:\n  owner: " + "v".repeat(257) + "\n"));
        // 128 characters outside ASCII are 128 characters, not 256 UTF-16 units or 384 bytes.
        assertTrue(problems(BASE + "tags:\n  " + "é".repeat(128) + ": v\nregoin: x\n").stream()
                .noneMatch(p -> p.contains("tag key")));
    }

    /**
     * The shipped resources stay within the budget {@link Tags#MAX} assumes: no resource carries more than
     * {@link Tags#OPSSTACK_PER_RESOURCE} tags besides the environment's own.
     */
    @Test
    void opsstackAddsNoMoreTagsToAResourceThanTheBudget() {
        SynthFixture fx = SynthFixture.shared();
        int most = 0;
        try (var stacks = Files.list(fx.out.resolve("stacks"))) {
            for (Path stack : stacks.toList()) {
                JsonNode json = SynthFixture.read(stack.resolve("cdk.tf.json"));
                Set<String> envTags = Set.of("owner", "cost-center", "data-classification");
                for (Iterator<JsonNode> types = json.path("resource").elements(); types.hasNext(); ) {
                    for (Iterator<JsonNode> rs = types.next().elements(); rs.hasNext(); ) {
                        JsonNode tags = rs.next().path("tags");
                        int own = 0;
                        for (Iterator<String> keys = tags.fieldNames(); keys.hasNext(); ) {
                            own += envTags.contains(keys.next()) ? 0 : 1;
                        }
                        most = Math.max(most, own);
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertTrue(most > 0 && most <= Tags.OPSSTACK_PER_RESOURCE, "opsstack's own tags per resource: " + most);
    }

    @Test
    void failsASuppressionOfARuleThatDoesNotExistAtValidateWithItsPlace() {
        String yaml = BASE + "suppressions:\n  - rule: OPS-KMS-01\n    resource: dev-data/key\n"
                + "    reason: \"a reason that is long enough\"\n";
        assertEquals(List.of("environments/dev.yaml:4:11: suppressions[0].rule: \"OPS-KMS-01\" is not a rule id (did"
                + " you mean OPS-KMS-001?) (like OPS-RDS-004; docs/rules.md lists them)"), problems(yaml));
        // A well-formed id that is not in the registry, too (it used to pass validate and fail synth, line 0).
        assertTrue(problems(yaml.replace("OPS-KMS-01", "OPS-XYZ-999")).get(0)
                .startsWith("environments/dev.yaml:4:11: suppressions[0].rule: \"OPS-XYZ-999\" is not a rule id"));
    }

    @Test
    void failsASuppressionNamingAStackTheEnvironmentDoesNotHave() {
        String yaml = BASE + "suppressions:\n  - rule: OPS-KMS-001\n    resource: dev-dta/key\n"
                + "    reason: \"a reason that is long enough\"\n";
        assertEquals(List.of("environments/dev.yaml:5:15: suppressions[0].resource: \"dev-dta/key\" does not start"
                + " with a stack of dev (did you mean dev-data?); its stacks: dev-network, dev-data (then a construct"
                + " path as findings show it, e.g. dev-data/database)"), problems(yaml));
    }

    @Test
    void failsAFileThatIsNotUtf8AtTheByte(@TempDir Path home) throws Exception {
        byte[] latin1 = (BASE + "tags:\n  owner: Ren\u00e9\n").getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(List.of("environments/dev.yaml:4:13: byte 0xE9 is not UTF-8 (the file looks saved as Latin-1 or"
                + " Windows-1252); save it as UTF-8"), loadProblems(home, latin1));
        // The same text in UTF-8 (with a byte order mark, as some editors write it) loads.
        Files.write(home.resolve(FILE), ("\uFEFF" + BASE + "tags:\n  owner: Ren\u00e9\n")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals("Ren\u00e9", new ConfigLoader(home).load(List.of("dev")).get(0).tags().get("owner"));
    }

    @Test
    void failsAControlCharacterAtItsPlace() {
        assertEquals(List.of("environments/dev.yaml:4:11: character U+0007 is not allowed in YAML (a control or"
                + " non-printable character); remove it"), problems(BASE + "tags:\n  owner: a\u0007b\n"));
    }

    @Test
    void failsAnOversizedFileBeforeReadingIt(@TempDir Path home) throws Exception {
        byte[] big = (BASE + "# " + "x".repeat((int) ConfigLoader.MAX_FILE_BYTES) + "\n").getBytes(StandardCharsets.UTF_8);
        List<String> p = loadProblems(home, big);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("environments/dev.yaml: the file is " + big.length + " bytes; environment"
                + " files are at most 1048576"), p.get(0));
    }

    @Test
    void failsAnOversizedCollectionBeforeBindingIt() {
        // 20,000 tags: each used to be bound, checked, and copied onto every resource through jsii (out of memory).
        assertEquals(List.of("environments/dev.yaml:4:3: tags: has 20000 items; at most 200 in any list or mapping"
                + " of an environment file"), problems(BASE + tags(20000)));
        String cidrs = IntStream.range(0, 300).mapToObj(i -> "10.0." + (i % 250) + "." + i / 250 + "/32")
                .collect(Collectors.joining(", "));
        assertEquals(List.of("environments/dev.yaml:4:17: app.allowedCidrs: has 300 items; at most 200 in any list or"
                + " mapping of an environment file"), problems(BASE + "app:\n  allowedCidrs: [" + cidrs + "]\n"));
        String deep = "a:\n" + IntStream.range(1, 30).mapToObj(i -> "  ".repeat(i) + "a:\n").collect(Collectors.joining())
                + "  ".repeat(30) + "a: 1\n";
        assertTrue(problems(BASE + deep).get(0).contains("nested more than 20 levels deep"), problems(BASE + deep)
                .toString());
    }

    @Test
    void failsAnOversizedValueBeforeAnyCheckReadsIt() {
        // 5,000 characters used to overflow the stack in the snapshot identifier's regular expression.
        assertEquals(List.of("environments/dev.yaml:4:24: database.restoreFromSnapshot: is 5000 characters long;"
                + " values in environment files are at most 1024"),
                problems(BASE + "database:\n  restoreFromSnapshot: " + "a".repeat(5000) + "\n"));
    }

    /** The bucket names the loader checks are the ones the stacks give: every synthesized bucket is among them. */
    @Test
    void theBucketNamesCheckedAreTheOnesSynthesized() throws Exception {
        SynthFixture fx = SynthFixture.shared();
        java.util.Set<String> expected = new java.util.TreeSet<>();
        for (EnvironmentConfig env : new ConfigLoader(fx.home).load(List.of())) {
            if (!env.isLocal()) {
                expected.addAll(AwsLimits.bucketNamesOf(env.name(), env.region(), env));
                env.dr().ifPresent(dr -> expected.addAll(AwsLimits.bucketNamesOf(env.name() + "-dr", dr.region(),
                        env)));
            }
        }
        java.util.Set<String> synthesized = new java.util.TreeSet<>();
        try (var stacks = Files.list(fx.out.resolve("stacks"))) {
            for (Path stack : stacks.toList()) {
                SynthFixture.resources(SynthFixture.read(stack.resolve("cdk.tf.json")), "aws_s3_bucket").values()
                        .forEach(b -> synthesized.add(b.path("bucket").asText()
                                .replaceAll("\\$\\{[^}]*account_id}", AwsLimits.ACCOUNT)));
            }
        }
        assertTrue(synthesized.size() > 10, synthesized.toString());
        java.util.Set<String> unknown = new java.util.TreeSet<>(synthesized);
        unknown.removeAll(expected);
        assertEquals(java.util.Set.of(), unknown, "bucket names AwsLimits does not know");
    }

    @Test
    void failsMoreSecurityGroupRulesThanAwsAllows() {
        String cidrs = IntStream.range(0, 61).mapToObj(i -> "10.1." + i + ".0/24").collect(Collectors.joining(", "));
        String app = "app:\n  image: ghcr.io/acme/api\n  tag: \"1.0.0\"\n  mode: single\n  allowedCidrs: [" + cidrs
                + "]\n";
        assertEquals(List.of("environments/dev.yaml:4:3: app: the security group of the host would get 61 inbound"
                + " rules (app.allowedCidrs + monitoring.adminCidrs (x2 ports) + app.sshCidrs); AWS allows 60 per"
                + " group: list fewer, wider CIDRs"), problems(BASE + app));
    }

    @Test
    void failsAnEnvironmentNameThatMakesABucketNameLongerThanS3Allows() throws Exception {
        String name = "abcdefghijklmnop";  // 16 characters: fine alone, too long with -dr and a long DR region
        String yaml = "name: " + name + "\nregion: us-east-1\ndr:\n  region: ap-southeast-2\n  vpcCidr: 10.20.0.0/16\n";
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ConfigLoader(HOME).parse("environments/" + name + ".yaml", name, yaml));
        assertEquals(List.of("environments/" + name + ".yaml:4:3: dr: the bucket name opsstack-" + name
                + "-dr-backup-logs-<account>-ap-southeast-2 would be 68 characters; S3 allows 63: shorten the"
                + " environment's name by 5 or pick a DR region with a shorter name"),
                e.problems().stream().map(ConfigProblem::format).toList());
        new ConfigLoader(HOME).parse("environments/x.yaml", name, yaml.replace("ap-southeast-2", "us-west-2"));
    }

    @Test
    void failsADnsNameThatIsTooLongWithTheRegionalRecords() {
        String label = "a".repeat(60);
        String name = String.join(".", label, label, label, label, "abcdefghi");  // 253 characters
        assertEquals(253, name.length());
        String yaml = BASE + "dns:\n  zoneId: Z0123\n  name: " + name + "\napp:\n  image: ghcr.io/acme/api\n"
                + "  tag: \"1.0.0\"\n  mode: asg\ndr:\n  region: us-west-2\n  vpcCidr: 10.20.0.0/16\n";
        List<String> p = problems(yaml);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("environments/dev.yaml:4:3: dns: the record name us-east-1." + name
                + " would be 263 characters; DNS allows 253"), p.get(0));
    }

    @Test
    void loaderLimitsAreTheDocumentedOnes() throws Exception {
        String doc = Files.readString(HOME.resolve("docs/configuration.md"));
        for (String s : Map.of("file", "1 MiB", "items", "200 items", "tags", "at most 46 tags").values()) {
            assertTrue(doc.contains(s), "docs/configuration.md does not say " + s);
        }
    }
}
