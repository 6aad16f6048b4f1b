package io.opsstack.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The marked-block parser and its substitution rules, on small docs written here. */
class ProcedureDocsTest {

    static final ProcedureDocs.Substitution STAGING = new ProcedureDocs.Substitution("staging", "eu-west-1",
            "eu-central-1", Map.of());

    @Test
    void readsMarkedBlocksWithIndentationContinuationsAndQuotes() throws Exception {
        ProcedureDocs docs = ProcedureDocs.parse(Map.of("docs/x.md", String.join("\n",
                "# x",
                "1. Step:",
                "",
                "   <!-- drill: p/1 -->",
                "   ```sh",
                "   # a comment",
                "   aws rds describe-db-instances --region us-east-1 \\",
                "     --db-instance-identifier prod-postgres --query 'DBInstances[0].[A,B]'   # why",
                "   npx cdktf-cli@0.19.2 deploy prod-data --ignore-missing-stack-dependencies",
                "   ./opsstack synth prod",
                "   ```",
                "",
                "<!-- drill: p/2 -->",
                "```yaml",
                "database:",
                "  restoreFromSnapshot: prod-postgres-x",
                "```",
                "")));
        assertEquals(List.of(), docs.problems());
        List<ProcedureDocs.Command> cmds = docs.commands("p/1", STAGING.literal("prod-postgres-x", "snap-1"));
        assertEquals(3, cmds.size());
        assertEquals(ProcedureDocs.Tool.AWS, cmds.get(0).tool());
        assertEquals(List.of("rds", "describe-db-instances", "--region", "eu-west-1", "--db-instance-identifier",
                "staging-postgres", "--query", "DBInstances[0].[A,B]"), cmds.get(0).args());
        assertEquals("docs/x.md:7", cmds.get(0).where());
        assertEquals(List.of("deploy", "staging-data", "--ignore-missing-stack-dependencies"), cmds.get(1).args());
        assertEquals(ProcedureDocs.Tool.SYNTH, cmds.get(2).tool());
        assertEquals("database:\n  restoreFromSnapshot: snap-1\n",
                docs.yaml("p/2", STAGING.literal("prod-postgres-x", "snap-1")));
    }

    @Test
    void substitutesLiteralsFirstThenRegionsThenTheEnvironmentAsAWord() {
        ProcedureDocs.Substitution s = STAGING.literal("i-0123456789abcdef0", "i-prod1");
        assertEquals("aws --region eu-west-1 x eu-central-1 staging-dr-postgres environments/staging.yaml i-prod1"
                        + " production prods",
                s.apply("aws --region us-east-1 x us-west-2 prod-dr-postgres environments/prod.yaml i-0123456789abcdef0"
                        + " production prods"));
        // Without a DR region us-west-2 stays as written.
        assertEquals("us-west-2", new ProcedureDocs.Substitution("dev", "us-east-1", null, Map.of()).apply("us-west-2"));
    }

    @Test
    void failsAMarkerWithoutItsBlockAndAMissingId() {
        ProcedureDocs docs = ProcedureDocs.parse(Map.of("docs/x.md", "<!-- drill: p/1 -->\ntext\n"));
        assertEquals(List.of("docs/x.md:1: drill marker p/1 is not right before a fenced code block"), docs.problems());
        DrillException e = assertThrows(DrillException.class, () -> docs.block("p/1"));
        assertTrue(e.getMessage().contains("no code block marked <!-- drill: p/1 -->"), e.getMessage());
    }

    @Test
    void failsDuplicateMarkers() {
        ProcedureDocs docs = ProcedureDocs.parse(Map.of("docs/x.md",
                "<!-- drill: p/1 -->\n```sh\naws s3 ls\n```\n<!-- drill: p/1 -->\n```sh\naws s3 ls\n```\n"));
        assertEquals(List.of("docs/x.md:5: drill marker p/1 is also at docs/x.md:2"), docs.problems());
    }

    @Test
    void failsHostSideCommandsPipesAndExpansionsInAMarkedBlock() {
        for (String line : List.of("systemctl restart opsstack.service", "aws s3 ls | head",
                "aws rds describe-db-instances --db-instance-identifier \"$id\"", "x=$(aws sts get-caller-identity)",
                "npx cdktf-cli@0.20.0 deploy prod-app", "git push")) {
            ProcedureDocs docs = ProcedureDocs.parse(Map.of("docs/x.md", "<!-- drill: p/1 -->\n```sh\n" + line
                    + "\n```\n"));
            assertThrows(DrillException.class, () -> docs.commands("p/1", STAGING), line);
        }
    }

    @Test
    void failsABlockOfTheWrongLanguage() {
        ProcedureDocs docs = ProcedureDocs.parse(Map.of("docs/x.md", "<!-- drill: p/1 -->\n```yaml\na: 1\n```\n"));
        DrillException e = assertThrows(DrillException.class, () -> docs.commands("p/1", STAGING));
        assertTrue(e.getMessage().contains("must be a ```sh block"), e.getMessage());
    }
}
