package io.opsstack.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsstack.config.ConfigLoader;
import io.opsstack.config.EnvironmentConfig;
import io.opsstack.stacks.StackPlan;
import io.opsstack.synth.SynthFixture;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The procedures' blocks in the shipped docs, checked statically: every block a drill runs is marked, each command
 * is one the AWS CLI (botocore's models, the CLI's own) and cdktf-cli would accept, and each edit leaves an
 * environment file the loader accepts, for every shipped environment the drill applies to. The fails... tests edit
 * a copy of the docs as a careless doc change would, and the check catches it. (CdktfCliCommandsTest also runs every
 * `npx cdktf-cli@0.19.2` line of these docs with the real cdktf-cli.)
 */
class DocsProceduresTest {

    static final Path DOCS = SynthFixture.HOME.resolve("docs");
    static final Set<String> CDKTF_DEPLOY_FLAGS = Set.of("--ignore-missing-stack-dependencies", "--auto-approve",
            "--skip-synth");
    static final Set<String> CDKTF_DEPLOY_VALUED = Set.of("--parallelism", "--terraform-parallelism");

    static Map<String, String> docs() throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (var s = Files.list(DOCS)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".md")).toList()) {
                files.put("docs/" + p.getFileName(), Files.readString(p));
            }
        }
        return files;
    }

    static List<EnvironmentConfig> awsEnvironments() throws Exception {
        ConfigLoader loader = new ConfigLoader(SynthFixture.HOME);
        return loader.load(List.of()).stream().filter(e -> !e.isLocal()).toList();
    }

    static ProcedureDocs.Substitution sub(EnvironmentConfig env) {
        return new ProcedureDocs.Substitution(env.name(), env.region(), env.dr().map(d -> d.region()).orElse(null),
                Map.of());
    }

    /** Every problem of the procedures in these docs, for every AWS environment; empty: all good. */
    static List<String> problems(Map<String, String> files) throws Exception {
        ProcedureDocs docs = ProcedureDocs.parse(files);
        List<String> problems = new ArrayList<>(docs.problems());
        List<List<String>> awsCommands = new ArrayList<>();
        List<String> awsWhere = new ArrayList<>();
        for (EnvironmentConfig env : awsEnvironments()) {
            Set<String> stacks = new java.util.HashSet<>(StackPlan.of(env).stream().map(StackPlan.PlannedStack::id)
                    .toList());
            String file = Files.readString(SynthFixture.HOME.resolve("environments/" + env.name() + ".yaml"));
            for (Drill d : new Drills(docs).all()) {
                if (d.skipReason(env) != null) {
                    continue;
                }
                for (String id : d.docBlocks()) {
                    boolean drOnly = id.contains("/dr-");
                    if (drOnly && env.dr().isEmpty()) {
                        continue;
                    }
                    try {
                        ProcedureDocs.Block b = docs.block(id);
                        if (b.language().equals("yaml")) {
                            // Applied on its own to the shipped file (restore/6 follows restore/2: apply both).
                            String text = id.equals("restore/6") ? EnvFileEdit.apply(file, docs.yaml("restore/2",
                                    sub(env)), "f", env.name(), b.where()) : file;
                            if (id.equals("restore/2") && !env.database().deletionProtection()) {
                                continue; // the doc: skip this step where protection is off already
                            }
                            EnvFileEdit.apply(text, docs.yaml(id, sub(env)), "environments/" + env.name() + ".yaml",
                                    env.name(), b.where());
                            continue;
                        }
                        for (ProcedureDocs.Command c : docs.commands(id, sub(env))) {
                            switch (c.tool()) {
                                case AWS -> {
                                    awsCommands.add(c.args());
                                    awsWhere.add(env.name() + ": " + c.where());
                                }
                                case CDKTF -> problems.addAll(cdktf(c, stacks, env.name()));
                                default -> { }
                            }
                        }
                    } catch (DrillException e) {
                        problems.add(env.name() + ": " + d.id() + ": " + e.getMessage());
                    }
                }
            }
        }
        problems.addAll(awsCli(awsCommands, awsWhere));
        return problems;
    }

    static List<String> cdktf(ProcedureDocs.Command c, Set<String> stacks, String env) {
        List<String> p = new ArrayList<>();
        List<String> a = c.args();
        if (a.isEmpty() || !a.get(0).equals("deploy")) {
            p.add(env + ": " + c.where() + ": a drill runs cdktf-cli deploy only: " + c.line());
            return p;
        }
        for (int i = 1; i < a.size(); i++) {
            String w = a.get(i);
            if (CDKTF_DEPLOY_VALUED.contains(w)) {
                if (i + 1 >= a.size() || !a.get(i + 1).matches("-?[0-9]+")) {
                    p.add(env + ": " + c.where() + ": " + w + " needs a number");
                }
                i++;
            } else if (w.startsWith("-")) {
                if (!CDKTF_DEPLOY_FLAGS.contains(w)) {
                    p.add(env + ": " + c.where() + ": cdktf-cli deploy has no option " + w);
                }
            } else if (!stacks.contains(w)) {
                p.add(env + ": " + c.where() + ": no stack " + w + " (stacks: " + new java.util.TreeSet<>(stacks) + ")");
            }
        }
        return p;
    }

    /** The AWS CLI's acceptance, from botocore's models (the python3 that runs moto has botocore). */
    static List<String> awsCli(List<List<String>> commands, List<String> where) throws Exception {
        if (commands.isEmpty()) {
            return List.of();
        }
        Path script = Files.createTempFile("aws_cli_check", ".py");
        try (var in = DocsProceduresTest.class.getResourceAsStream("aws_cli_check.py")) {
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        Process p = new ProcessBuilder("python3", script.toString()).start();
        p.getOutputStream().write(json.writeValueAsBytes(commands));
        p.getOutputStream().close();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            if (stderr.contains("No module named 'botocore'")) {
                botocoreMissing();
            }
            fail("aws_cli_check.py: " + stderr);
        }
        var answers = json.readTree(stdout);
        for (int i = 0; i < commands.size(); i++) {
            if (!answers.path(i).isNull()) {
                out.add(where.get(i) + ": " + answers.path(i).asText());
            }
        }
        Files.deleteIfExists(script);
        return out;
    }

    static void botocoreMissing() {
        String m = "python3 has no botocore (moto's dependency; .ci/run installs moto)";
        if (System.getenv("CI") != null) {
            fail(m + ": required in CI");
        }
        Assumptions.abort(m);
    }

    static Map<String, String> edited(String file, String from, String to) throws Exception {
        Map<String, String> files = docs();
        String text = files.get(file);
        assertTrue(text.contains(from), file + " has no `" + from + "`");
        files.put(file, text.replace(from, to));
        return files;
    }

    @Test
    void everyProcedureInTheShippedDocsIsMarkedAndAccepted() throws Exception {
        assertEquals(List.of(), problems(docs()));
    }

    @Test
    void everyMarkedBlockIsRunByADrill() throws Exception {
        ProcedureDocs docs = ProcedureDocs.load(DOCS);
        Set<String> used = new java.util.HashSet<>();
        new Drills(docs).all().forEach(d -> used.addAll(d.docBlocks()));
        List<String> unused = docs.blocks().keySet().stream().filter(id -> !used.contains(id)).toList();
        assertEquals(List.of(), unused, "marked blocks no drill runs");
    }

    @Test
    void failsWhenAMarkerIsLost() throws Exception {
        List<String> p = problems(edited("docs/configuration.md", "<!-- drill: restore/3 -->\n", ""));
        assertTrue(p.stream().anyMatch(s -> s.contains("no code block marked <!-- drill: restore/3 -->")), p.toString());
    }

    @Test
    void failsAnAwsOptionTheCliDoesNotKnow() throws Exception {
        List<String> p = problems(edited("docs/runbook.md", "--db-snapshot-identifier prod-postgres-before-1-5-0\n",
                "--snapshot-identifier prod-postgres-before-1-5-0\n"));
        assertTrue(p.stream().anyMatch(s -> s.contains("aws rds create-db-snapshot: unknown option"
                + " --snapshot-identifier")), p.toString());
    }

    @Test
    void failsAnAwsOperationThatDoesNotExist() throws Exception {
        List<String> p = problems(edited("docs/runbook.md", "aws ec2 terminate-instances", "aws ec2 terminate-instance"));
        assertTrue(p.stream().anyMatch(s -> s.contains("aws ec2 terminate-instance: no such operation")), p.toString());
    }

    @Test
    void failsACdktfFlagOrStackThatDoesNotExist() throws Exception {
        List<String> p = problems(edited("docs/runbook.md", "deploy prod-app --ignore-missing-stack-dependencies",
                "deploy prod-apps --ignore-missing-dependencies"));
        assertTrue(p.stream().anyMatch(s -> s.contains("no stack prod-apps")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.contains("cdktf-cli deploy has no option --ignore-missing-dependencies")),
                p.toString());
    }

    @Test
    void failsAnEditTheLoaderRejects() throws Exception {
        // The old restore step 2: protection off without the suppression production needs.
        List<String> p = problems(edited("docs/configuration.md", "     - rule: OPS-RDS-004\n"
                + "       resource: prod-data/database\n", "     - rule: OPS-RDS-005\n"
                + "       resource: prod-data/database\n"));
        assertTrue(p.stream().anyMatch(s -> s.startsWith("prod: snapshot-restore: docs/configuration.md:")
                && s.contains("OPS-RDS-004")), p.toString());
        List<String> q = problems(edited("docs/runbook.md", "  desiredCapacity: 4\n", "  desiredCapacity: 40\n"));
        assertFalse(q.isEmpty());
        assertTrue(q.stream().anyMatch(s -> s.contains("desiredCapacity")), q.toString());
    }

    @Test
    void failsAHostCommandInAMarkedBlock() throws Exception {
        List<String> p = problems(edited("docs/configuration.md",
                "   aws ssm send-command --region us-east-1", "   systemctl restart opsstack.service\n"
                        + "   aws ssm send-command --region us-east-1"));
        assertTrue(p.stream().anyMatch(s -> s.contains("a drill runs only aws")), p.toString());
        assertThrows(DrillException.class, () -> ProcedureDocs.parse(Map.of("d", "<!-- drill: a/1 -->\n```sh\n"
                + "sudo -i\n```\n")).commands("a/1", new ProcedureDocs.Substitution("x", "us-east-1", null, Map.of())));
        assertTrue(File.separator.length() == 1);
    }
}
