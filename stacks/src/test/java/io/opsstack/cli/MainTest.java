package io.opsstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and messages of the commands that need no jsii (synth is covered by SynthesizerTest). */
class MainTest {

    static final Path HOME = Path.of(System.getProperty("opsstack.home", "..")).toAbsolutePath().normalize();

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    static void assertNoStackTrace(Run r) {
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), "stack trace leaked:\n" + r.err());
    }

    @Test
    void validateAcceptsTheShippedEnvironments() {
        Run r = run("validate", "--project-dir", HOME.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("ok: 7 environments (dev, local, poc, prod, spa, staging, web)", r.out().strip());
    }

    @Test
    void failsValidateWithExitTwoAndEveryProblemWithoutAStackTrace(@TempDir Path home) throws Exception {
        Files.createDirectories(home.resolve("environments"));
        Files.writeString(home.resolve("environments/prod.yaml"), "name: prod\nregion: us-east-1\nnetwork:\n"
                + "  cidr: 10.0.0.0/33\n  nat: sometimes\n");
        Files.writeString(home.resolve("environments/dev.yaml"), "name: dev\nregoin: us-east-1\n");
        Run r = run("validate", "--project-dir", home.toString());
        assertEquals(2, r.code());
        String[] lines = r.err().strip().split("\n");
        assertEquals(6, lines.length, r.err());
        assertEquals("environments/dev.yaml:1:1: region: required key is missing (add e.g. `region: us-east-1`)",
                lines[0]);
        assertEquals("environments/dev.yaml:2:1: regoin: unknown key (did you mean region?)", lines[1]);
        // prod without a database section gets the default multiAz: false, which production refuses.
        assertTrue(lines[2].startsWith("environments/prod.yaml:1:1: database: multiAz: false is not allowed in"
                + " production (OPS-RDS-005"), lines[2]);
        assertEquals("environments/prod.yaml:4:9: network.cidr: \"10.0.0.0/33\" is not an IPv4 CIDR (expected like"
                + " 10.10.0.0/16)", lines[3]);
        assertTrue(lines[4].startsWith("environments/prod.yaml:5:8: network.nat: \"sometimes\" is not a NAT mode"),
                lines[4]);
        assertEquals("5 problems in environment files; nothing was written.", lines[5]);
        assertNoStackTrace(r);
    }

    @Test
    void failsOnUsageErrorsWithExitTwo() {
        Run none = run();
        assertEquals(2, none.code());
        assertTrue(none.err().contains("a command is required"), none.err());

        Run unknown = run("synth", "--bogus");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("Unknown option: '--bogus'"), unknown.err());

        Run missingEnv = run("list", "prdo", "--project-dir", HOME.toString());
        assertEquals(2, missingEnv.code());
        assertTrue(missingEnv.err().contains("environments/prdo.yaml: no such environment (did you mean prod?)"),
                missingEnv.err());
        assertNoStackTrace(missingEnv);
    }

    @Test
    void listShowsStacksInDeployOrderWithRegionAndState() {
        Run r = run("list", "--project-dir", HOME.toString());
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertTrue(lines[0].matches("ENVIRONMENT +ORDER +STACK +REGION +STATE +CONTENTS +DEPENDS ON"), lines[0]);
        assertTrue(lines[1].matches("dev +1 +dev-network +us-east-1 +local +VPC.*"), lines[1]);
        assertTrue(lines[2].matches("dev +2 +dev-data +us-east-1 +local +KMS key, RDS PostgreSQL, backups bucket +dev-network"),
                lines[2]);
        String pocData = java.util.Arrays.stream(lines).filter(l -> l.startsWith("poc ") && l.contains("poc-data"))
                .findFirst().orElseThrow();
        assertTrue(pocData.matches("poc +2 +poc-data .*KMS key, backups bucket.*") && !pocData.contains("RDS"),
                "poc runs SQLite, no RDS: " + pocData);
        // poc: one host, no load balancer, no NAT gateway, no DNS; prod: a load balancer and DNS.
        assertTrue(r.out().lines().anyMatch(l -> l.matches("poc +3 +poc-app .* one host running the Compose stack,"
                + " alarms +poc-network, poc-data")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("poc +1 +poc-network .* VPC, subnets \\(no NAT gateway\\).*")),
                r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("prod +4 +prod-app .* hosts \\(Auto Scaling group\\)"
                + " running the Compose stack, load balancer, alarms, DNS +prod-network, prod-data")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("prod +5 +prod-dr-data .* read replica of the database"
                + " \\(promoted on failover\\) +prod-dr-network, prod-data")), r.out());
        assertTrue(lines[3].matches("dev +3 +dev-app +us-east-1 +local +one host running the Compose stack.*"),
                lines[3]);
        assertTrue(lines[4].matches("local +1 +local +docker +local +the whole service on this machine's Docker +-"),
                lines[4]);
        lines = java.util.Arrays.stream(lines).filter(l -> !l.startsWith("local ") && !l.startsWith("poc "))
                .toArray(String[]::new);
        assertTrue(lines[4].matches("prod +1 +prod-network +us-east-1 +s3://acme-opsstack-tfstate/opsstack/prod/ .*"),
                lines[4]);
        // DR network before the primary data stack (its bucket is the replication target); DR state elsewhere.
        assertTrue(lines[5].matches("prod +2 +prod-dr-network +us-west-2 +s3://acme-opsstack-tfstate-usw2/opsstack/prod/"
                + " .*"), lines[5]);
        assertTrue(lines[6].matches("prod +3 +prod-data .* +prod-network, prod-dr-network"), lines[6]);
        assertTrue(lines[7].matches("prod +4 +prod-app .*"), lines[7]);
        assertTrue(lines[8].matches("prod +5 +prod-dr-data +us-west-2 .*"), lines[8]);
        assertTrue(lines[9].matches("prod +6 +prod-dr-app +us-west-2 .*"), lines[9]);
        assertTrue(lines[10].matches("spa +1 +spa-network +us-east-1 +local .*"), lines[10]);
        assertTrue(lines[13].startsWith("staging "), lines[13]);
        assertTrue(lines[16].matches("web +1 +web-network +us-east-1 +local .*"), lines[16]);
    }

    @Test
    void listIdsPrintsTheDeployOrderForScripts() {
        Run r = run("list", "--ids", "prod", "--project-dir", HOME.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("prod-network", "prod-dr-network", "prod-data", "prod-app", "prod-dr-data", "prod-dr-app"),
                List.of(r.out().strip().split("\n")));
    }

    @Test
    void failsWithoutACommandNamingEveryCommand() {
        Run none = run();
        assertEquals(2, none.code());
        for (String cmd : List.of("synth", "render", "validate", "list", "failover", "failback", "check", "review")) {
            assertTrue(none.err().lines().findFirst().orElse("").contains(cmd), cmd + " missing: " + none.err());
        }
    }

    @Test
    void warnsWhenTwoEnvironmentsShareOrOverlapAVpcBlockNamingBothFiles(@TempDir Path home) throws Exception {
        Path envs = Files.createDirectories(home.resolve("environments"));
        for (String f : List.of("prod.yaml", "staging.yaml", "dev.yaml")) {
            Files.copy(HOME.resolve("environments").resolve(f), envs.resolve(f));
        }
        Run clean = run("validate", "--project-dir", home.toString());
        assertEquals(0, clean.code(), clean.err());
        assertEquals("", clean.err(), "distinct blocks: no warning");

        // staging takes prod's block; dev overlaps prod's DR block (dr.vpcCidr 10.20.0.0/16).
        Path staging = envs.resolve("staging.yaml");
        Files.writeString(staging, Files.readString(staging).replace("cidr: 10.25.0.0/16", "cidr: 10.10.0.0/16"));
        Path dev = envs.resolve("dev.yaml");
        Files.writeString(dev, Files.readString(dev).replace("cidr: 10.30.0.0/16", "cidr: 10.20.128.0/17"));
        int prodDr = lineOf(envs.resolve("prod.yaml"), "  vpcCidr: 10.20.0.0/16");
        int prodCidr = lineOf(envs.resolve("prod.yaml"), "  cidr: 10.10.0.0/16");
        int devCidr = lineOf(dev, "  cidr: 10.20.128.0/17");
        int stagingCidr = lineOf(staging, "  cidr: 10.10.0.0/16");
        Run r = run("validate", "--project-dir", home.toString());
        assertEquals(0, r.code(), "a warning, not an error: " + r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals(2, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("warning: environments/prod.yaml:" + prodDr + ":12: dr.vpcCidr: 10.20.0.0/16 overlaps"
                + " dev's network.cidr 10.20.128.0/17 at environments/dev.yaml:" + devCidr + ":9; VPC peering and DR need"
                + " distinct blocks"), lines.get(0));
        assertTrue(lines.get(1).startsWith("warning: environments/staging.yaml:" + stagingCidr + ":9: network.cidr: 10.10.0.0/16 is"
                + " the same block as prod's network.cidr 10.10.0.0/16 at environments/prod.yaml:" + prodCidr + ":9"), lines.get(1));
        // Validating one environment still compares it with the others.
        Run one = run("validate", "staging", "--project-dir", home.toString());
        assertEquals(0, one.code());
        assertTrue(one.err().contains("staging.yaml:" + stagingCidr + ":9: network.cidr: 10.10.0.0/16 is the same block as prod's"),
                one.err());
    }

    /** The 1-based line of the first line starting with {@code prefix}. */
    static int lineOf(Path file, String prefix) throws Exception {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i + 1;
            }
        }
        throw new AssertionError(file + " has no line " + prefix);
    }

    @Test
    void failsAnOutputDirectoryThatCannotBeOneWithExitTwo(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        for (String cmd : List.of("render", "synth")) {
            Run r = run(cmd, "dev", "--out", file.resolve("out").toString(), "--project-dir", HOME.toString());
            assertEquals(2, r.code(), cmd + ": " + r.err());
            assertEquals("opsstack: cannot write into " + file.resolve("out") + ": " + file + " is not a directory;"
                    + " choose another --out", r.err().strip(), cmd);
        }
    }

    @Test
    void renderFromAnotherFolderPrintsThePathItWrote(@TempDir Path tmp) {
        Run r = run("render", "dev", "--out", tmp.resolve("rendered").toString(), "--project-dir", HOME.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("rendered 1 environment into " + tmp.resolve("rendered"), r.out().strip());
    }

    @Test
    void versionWorksOnEveryCommand() {
        for (String cmd : List.of("synth", "render", "validate", "list", "failover", "failback", "check", "review")) {
            Run r = run(cmd, "-V");
            assertEquals(0, r.code(), cmd + ": " + r.err());
            assertTrue(r.out().startsWith("opsstack "), cmd + " -V printed: '" + r.out() + "'");
        }
        assertTrue(run("--version").out().startsWith("opsstack "));
    }

    @Test
    void failsOnAFileNameForAnEnvironmentWithDidYouMean() {
        for (String arg : List.of("staging.yaml", "environments/staging.yaml", "staging.yml")) {
            Run r = run("validate", arg, "--project-dir", HOME.toString());
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().startsWith(arg + ": no such environment (did you mean staging?"), r.err());
        }
    }

    /** The opsstack main class in a fresh JVM on this test's classpath, with the given PATH. */
    static Process subprocess(String path, String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "io.opsstack.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("PATH", path);
        return pb.start();
    }

    @Test
    void failsSynthWithoutNodeWithExitOneAsTheReadmeSays(@TempDir Path empty) throws Exception {
        String readme = Files.readString(HOME.resolve("README.md"));
        assertTrue(readme.contains("`1` any other failure (I/O, Node.js/jsii"), "README changed its exit codes");
        Process p = subprocess(empty.toString(), "synth", "dev", "--project-dir", HOME.toString());
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(1, p.waitFor(), err);
        assertTrue(err.contains("Node.js 20+ is required for synth"), err);
        assertFalse(err.contains("\tat "), err);
    }

    @Test
    void helpDocumentsExitCodes() {
        Run r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().matches("(?s).*\\n +2 +invalid input.*"), r.out());
        assertTrue(r.out().matches("(?s).*\\n +130 +interrupted.*"), r.out());
        for (String cmd : new String[] {"synth", "validate", "list"}) {
            Run sub = run(cmd, "--help");
            assertEquals(0, sub.code(), cmd);
            assertTrue(sub.out().startsWith("Usage: opsstack " + cmd), sub.out());
        }
    }
}
