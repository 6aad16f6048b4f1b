package io.opsstack.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsstack.net.NatMode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    static final Path HOME = Path.of(System.getProperty("opsstack.home", "..")).toAbsolutePath().normalize();
    static final String FILE = "environments/dev.yaml";

    private static List<String> problems(String yaml) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ConfigLoader(HOME).parse(FILE, "dev", yaml), "expected problems for:\n" + yaml);
        return e.problems().stream().map(ConfigProblem::format).toList();
    }

    private static void assertOnly(String expected, String yaml) {
        assertEquals(List.of(expected), problems(yaml));
    }

    @Test
    void loadsEveryShippedEnvironment() throws Exception {
        ConfigLoader loader = new ConfigLoader(HOME);
        List<EnvironmentConfig> all = loader.load(List.of());
        assertEquals(List.of("dev", "local", "poc", "prod", "spa", "staging", "web"),
                all.stream().map(EnvironmentConfig::name).toList());
        assertTrue(all.get(1).isLocal() && !all.get(0).isLocal());
        assertTrue(all.get(2).database().sqlite() && !all.get(0).database().sqlite());

        EnvironmentConfig prod = all.get(3);
        assertEquals("environments/prod.yaml", prod.file());
        assertEquals(3, prod.network().azCount());
        assertEquals(NatMode.PER_AZ, prod.network().nat());
        assertEquals(List.of("us-east-1a", "us-east-1b", "us-east-1c"), prod.network().availabilityZones());
        assertEquals("opsstack/prod/prod-network.tfstate", prod.state().orElseThrow().keyFor("prod", "prod-network"));

        EnvironmentConfig dev = all.get(0);
        assertEquals(NatMode.SINGLE, dev.network().nat());
        assertTrue(dev.state().isEmpty(), "dev ships without remote state");
        assertEquals(List.of("owner", "cost-center"), List.copyOf(dev.tags().keySet()), "tags keep file order");
    }

    @Test
    void appliesDocumentedDefaults() throws Exception {
        EnvironmentConfig env = new ConfigLoader(HOME).parse(FILE, "dev", "name: dev\nregion: eu-west-1\n");
        assertEquals("10.0.0.0/16", env.network().cidr().toString());
        assertEquals(2, env.network().azCount());
        assertEquals(NatMode.SINGLE, env.network().nat());
        assertEquals(List.of(), env.network().availabilityZones());
        assertEquals(90, env.network().flowLogs().retentionDays());
        assertTrue(env.state().isEmpty());
        assertTrue(env.tags().isEmpty());

        EnvironmentConfig withState = new ConfigLoader(HOME).parse(FILE, "dev",
                "name: dev\nregion: eu-west-1\nstate:\n  bucket: b-tfstate\n  lockTable: locks\n");
        assertEquals("eu-west-1", withState.state().orElseThrow().region(), "state.region defaults to region");
        assertEquals("opsstack", withState.state().orElseThrow().keyPrefix());
    }

    @Test
    void failsOnInvalidCidrWithTheIssueExampleMessage() {
        assertOnly("environments/dev.yaml:4:9: network.cidr: \"10.0.0.0/33\" is not an IPv4 CIDR"
                        + " (expected like 10.10.0.0/16)",
                "name: dev\nregion: us-east-1\nnetwork:\n  cidr: 10.0.0.0/33\n");
    }

    @Test
    void failsOnCidrWithHostBitsAndSuggestsTheNetwork() {
        assertOnly("environments/dev.yaml:4:9: network.cidr: \"10.1.2.3/16\" has host bits set"
                        + " (did you mean 10.1.0.0/16?)",
                "name: dev\nregion: us-east-1\nnetwork:\n  cidr: 10.1.2.3/16\n");
    }

    @Test
    void failsOnCidrTooSmallForEveryTierAndAz() {
        List<String> p = problems("name: dev\nregion: us-east-1\nnetwork:\n  cidr: 10.0.0.0/25\n");
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("environments/dev.yaml:4:9: network.cidr: \"10.0.0.0/25\" is too small"),
                p.get(0));
        assertTrue(p.get(0).contains("use a /24 or larger (e.g. 10.0.0.0/24)"), p.get(0));
    }

    @Test
    void failsOnCidrLargerThanAwsAllows() {
        List<String> p = problems("name: dev\nregion: us-east-1\nnetwork:\n  cidr: 10.0.0.0/8\n");
        assertTrue(p.get(0).contains("larger than AWS allows for a VPC (/16 at most; e.g. 10.0.0.0/16)"), p.get(0));
    }

    @Test
    void failsOnUnknownKeyWithDidYouMean() {
        assertOnly("environments/dev.yaml:3:1: netwrk: unknown key (did you mean network?)",
                "name: dev\nregion: us-east-1\nnetwrk:\n  cidr: 10.0.0.0/16\n");
        assertOnly("environments/dev.yaml:4:3: network.azcount: unknown key (did you mean azCount?)",
                "name: dev\nregion: us-east-1\nnetwork:\n  azcount: 3\n");
    }

    @Test
    void failsOnUnknownKeyWithoutCloseMatchListingTheKnownOnes() {
        List<String> p = problems("name: dev\nregion: us-east-1\nnetwork:\n  flowLogs:\n    zzz: 1\n");
        assertEquals(List.of("environments/dev.yaml:5:5: network.flowLogs.zzz: unknown key (known here:"
                + " retentionDays)"), p);
    }

    @Test
    void failsOnWrongTypes() {
        assertOnly("environments/dev.yaml:4:12: network.azCount: expected a whole number, found \"three\""
                        + " (write it like 2)",
                "name: dev\nregion: us-east-1\nnetwork:\n  azCount: three\n");
        assertOnly("environments/dev.yaml:3:10: network: expected a mapping (indented `key: value` lines), found"
                        + " \"10.0.0.0/16\"",
                "name: dev\nregion: us-east-1\nnetwork: 10.0.0.0/16\n");
        assertOnly("environments/dev.yaml:4:22: network.availabilityZones: expected a list (like [a, b]), found"
                        + " \"us-east-1a\"",
                "name: dev\nregion: us-east-1\nnetwork:\n  availabilityZones: us-east-1a\n");
    }

    @Test
    void failsOnLeadingZeroIntegersThatYamlReadsAsOctal() {
        List<String> p = problems("name: dev\nregion: us-east-1\nnetwork:\n  azCount: 03\n");
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("environments/dev.yaml:4:12: network.azCount: \"03\" is not a plain decimal"),
                p.get(0));
    }

    @Test
    void failsOnMissingRequiredKeys() {
        assertEquals(List.of(
                        "environments/dev.yaml:1:1: name: required key is missing (add e.g. `name: dev`)",
                        "environments/dev.yaml:1:1: region: required key is missing (add e.g. `region: us-east-1`)"),
                problems("tags:\n  owner: me\n"));
    }

    @Test
    void stateLocksWithTheLockFileByDefaultAndTakesATableBesideIt() throws Exception {
        StateConfig plain = new ConfigLoader(HOME).parse("environments/dev.yaml", "dev",
                "name: dev\nregion: us-east-1\nstate:\n  bucket: acme-tfstate\n").state().orElseThrow();
        assertTrue(plain.lockfile());
        assertEquals(Optional.empty(), plain.lockTable());
        StateConfig both = new ConfigLoader(HOME).parse("environments/dev.yaml", "dev",
                "name: dev\nregion: us-east-1\nstate:\n  bucket: acme-tfstate\n  lockTable: locks\n")
                .state().orElseThrow();
        assertTrue(both.lockfile());
        assertEquals(Optional.of("locks"), both.lockTable());
        StateConfig tableOnly = new ConfigLoader(HOME).parse("environments/dev.yaml", "dev",
                "name: dev\nregion: us-east-1\nstate:\n  bucket: acme-tfstate\n  lockfile: false\n"
                        + "  lockTable: locks\n").state().orElseThrow();
        assertFalse(tableOnly.lockfile());
    }

    @Test
    void failsOnStateWithoutAnyLock() {
        assertOnly("environments/dev.yaml:5:13: state.lockfile: state without a lock: set `lockfile: true` (S3 native"
                        + " locking, Terraform 1.10+) or name a DynamoDB `lockTable`",
                "name: dev\nregion: us-east-1\nstate:\n  bucket: acme-tfstate\n  lockfile: false\n");
    }

    @Test
    void failsWhenNameDoesNotMatchFile() {
        assertOnly("environments/dev.yaml:1:7: name: \"prod\" does not match the file name; set `name: dev` or"
                + " rename the file to prod.yaml", "name: prod\nregion: us-east-1\n");
    }

    @Test
    void failsOnUnknownRegionWithSuggestion() {
        assertOnly("environments/dev.yaml:2:9: region: \"us-east1\" is not an AWS region (did you mean us-east-1?);"
                + " expected a region name like us-east-1", "name: dev\nregion: us-east1\n");
    }

    @Test
    void failsOnAzCountOutsideRange() {
        assertOnly("environments/dev.yaml:4:12: network.azCount: 4 is outside 2..3 (2 survives one AZ outage;"
                + " 3 for production)", "name: dev\nregion: us-east-1\nnetwork:\n  azCount: 4\n");
        assertOnly("environments/dev.yaml:4:12: network.azCount: 1 is outside 2..3 (2 survives one AZ outage;"
                + " 3 for production)", "name: dev\nregion: us-east-1\nnetwork:\n  azCount: 1\n");
    }

    @Test
    void failsOnBadNatMode() {
        assertOnly("environments/dev.yaml:4:8: network.nat: \"per_az\" is not a NAT mode (did you mean per-az?);"
                + " one of none, single, per-az", "name: dev\nregion: us-east-1\nnetwork:\n  nat: per_az\n");
        // YAML 1.1 reads `off` as a boolean; the message shows what was written, not "false".
        assertOnly("environments/dev.yaml:4:8: network.nat: \"off\" is not a NAT mode; one of none, single, per-az",
                "name: dev\nregion: us-east-1\nnetwork:\n  nat: off\n");
    }

    @Test
    void failsOnDuplicateKeys() {
        assertOnly("environments/dev.yaml:3:1: region: duplicate key (first set at line 2); keep one of them",
                "name: dev\nregion: us-east-1\nregion: us-west-2\n");
    }

    @Test
    void failsOnYamlSyntaxErrorWithLineAndColumn() {
        List<String> p = problems("name: dev\nregion: us-east-1\nnetwork:\n\tcidr: 10.0.0.0/16\n");
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("environments/dev.yaml:4:1: YAML syntax error: found character '\\t(TAB)'"
                + " that cannot start any token"), p.get(0));
    }

    @Test
    void failsOnAnUnclosedQuoteAtTheQuoteThatOpenedIt() {
        // snakeyaml gives up lines later (a quoted value may span lines); the fix belongs where the quote opened.
        List<String> p = problems("name: dev\nregion: us-east-1\ntags:\n  owner: \"platform\n  cost-center: cc-1\n"
                + "database:\n  instanceClass: db.t4g.micro\n");
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("environments/dev.yaml:4:10: YAML syntax error: the quoted value that starts"
                + " here is not closed (found unexpected end of stream at line 8, column 1)"), p.get(0));
    }

    @Test
    void failsOnAnUnboundValueOnceNotAgainAsItsDefault() {
        // azCount: three is the root error; the zone count check must not compare the zones with a default of 2.
        assertOnly("environments/dev.yaml:4:12: network.azCount: expected a whole number, found \"three\" (write it like 2)",
                "name: dev\nregion: us-east-1\nnetwork:\n  azCount: three\n  availabilityZones: [us-east-1a,"
                        + " us-east-1b, us-east-1c]\n");
        // multiAz: yes does not bind; production's multiAz rule must not then judge the default false.
        List<String> p = problems("name: prod\nregion: us-east-1\ndatabase:\n  multiAz: yes\n");
        assertEquals(1, p.stream().filter(m -> m.contains("multiAz")).count(), p.toString());
        assertTrue(p.stream().noneMatch(m -> m.contains("is not allowed in production") && m.contains("multiAz")),
                p.toString());
    }

    @Test
    void failsOnExplicitTagsSoNoObjectCanBeConstructed() {
        // Global tags are refused by snakeyaml's parser already; local tags reach our own check.
        List<String> p = problems("name: dev\nregion: !!java.lang.String us-east-1\n");
        assertEquals(List.of("environments/dev.yaml:2:9: YAML syntax error: Global tag is not allowed:"
                + " tag:yaml.org,2002:java.lang.String"), p);
        p = problems("name: dev\nregion: !secret us-east-1\n");
        assertEquals(List.of("environments/dev.yaml:2:9: explicit YAML tag !secret is not allowed; environment"
                + " files hold plain values, mappings and lists"), p);
    }

    @Test
    void failsOnAvailabilityZonesOfAnotherRegionOrWrongCount() {
        assertOnly("environments/dev.yaml:4:35: network.availabilityZones[1]: \"us-west-2b\" is not a zone of"
                        + " us-east-1 (expected like us-east-1a)",
                "name: dev\nregion: us-east-1\nnetwork:\n  availabilityZones: [us-east-1a, us-west-2b]\n");
        assertOnly("environments/dev.yaml:5:22: network.availabilityZones: lists 2 zones but azCount is 3; list"
                        + " exactly azCount zones, or remove the key to use the region's first available ones",
                "name: dev\nregion: us-east-1\nnetwork:\n  azCount: 3\n  availabilityZones: [us-east-1a, us-east-1b]\n");
    }

    @Test
    void failsOnRetentionThatCloudWatchDoesNotOffer() {
        List<String> p = problems("name: dev\nregion: us-east-1\nnetwork:\n  flowLogs:\n    retentionDays: 100\n");
        assertEquals(1, p.size());
        assertTrue(p.get(0).startsWith("environments/dev.yaml:5:20: network.flowLogs.retentionDays: 100 is not a"
                + " CloudWatch Logs retention value (nearest: 90;"), p.get(0));
    }

    @Test
    void failsOnReservedAndInvalidTags() {
        assertOnly("environments/dev.yaml:4:3: tags.Name: tag \"Name\" is set by opsstack (Name, environment,"
                + " managed-by); remove it", "name: dev\nregion: us-east-1\ntags:\n  Name: x\n");
        assertOnly("environments/dev.yaml:4:3: tags.aws:owner: tag keys starting with aws: are reserved by AWS;"
                + " rename it", "name: dev\nregion: us-east-1\ntags:\n  aws:owner: x\n");
    }

    @Test
    void failsOnBadStateNames() {
        List<String> p = problems("name: dev\nregion: us-east-1\nstate:\n  bucket: Bad_Bucket\n  lockTable: t\n"
                + "  keyPrefix: /opsstack/\n");
        assertEquals(3, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("environments/dev.yaml:4:11: state.bucket: \"Bad_Bucket\" is not a valid S3"
                + " bucket name"), p.get(0));
        assertTrue(p.get(1).startsWith("environments/dev.yaml:5:14: state.lockTable: \"t\" is not a valid DynamoDB"),
                p.get(1));
        assertTrue(p.get(2).startsWith("environments/dev.yaml:6:14: state.keyPrefix: \"/opsstack/\" is not a valid"),
                p.get(2));
    }

    @Test
    void reportsEveryProblemAtOnceInLineOrder() {
        List<String> p = problems("""
                name: dev
                region: us-east1
                network:
                  cidr: 10.0.0.0/33
                  azCount: 5
                  nat: maybe
                  extra: 1
                """);
        assertEquals(5, p.size(), String.join("\n", p));
        assertTrue(p.get(0).startsWith("environments/dev.yaml:2:9: region:"), p.get(0));
        assertTrue(p.get(1).startsWith("environments/dev.yaml:4:9: network.cidr:"), p.get(1));
        assertTrue(p.get(2).startsWith("environments/dev.yaml:5:12: network.azCount:"), p.get(2));
        assertTrue(p.get(3).startsWith("environments/dev.yaml:6:8: network.nat:"), p.get(3));
        assertTrue(p.get(4).startsWith("environments/dev.yaml:7:3: network.extra: unknown key"), p.get(4));
    }

    @Test
    void failsOnEmptyFileAndNonMappingTopLevel() {
        assertOnly("environments/dev.yaml: the file is empty; it needs at least `name: dev` and `region:`", "");
        assertOnly("environments/dev.yaml:1:1: expected a mapping of keys at the top level, found a list",
                "- a\n- b\n");
    }

    @Test
    void failsOnYmlExtensionAndUnknownEnvironment(@TempDir Path home) throws Exception {
        Files.createDirectories(home.resolve("environments"));
        Files.writeString(home.resolve("environments/dev.yaml"), "name: dev\nregion: us-east-1\n");
        Files.writeString(home.resolve("environments/qa.yml"), "name: qa\nregion: us-east-1\n");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(home).load(List.of()));
        assertEquals(List.of("environments/qa.yml: environment files end in .yaml; rename it to qa.yaml"),
                e.problems().stream().map(ConfigProblem::format).toList());

        Files.delete(home.resolve("environments/qa.yml"));
        e = assertThrows(ConfigException.class, () -> new ConfigLoader(home).load(List.of("deve")));
        assertEquals(List.of("environments/deve.yaml: no such environment (did you mean dev?); known: dev"),
                e.problems().stream().map(ConfigProblem::format).toList());
    }
}
