package io.opsstack.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Report formats: JSON for scripts, SARIF 2.1.0 for code scanning, Markdown for docs/rules.md. */
public final class Reports {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Reports() {
    }

    public static String json(Policy.Report report) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Finding f : report.findings()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rule", f.rule().id());
            m.put("severity", f.rule().severity().label());
            m.put("resource", f.resource());
            m.put("message", f.message());
            m.put("fix", f.rule().fix());
            m.put("suppressed", f.suppressed());
            out.add(m);
        }
        return JSON.writeValueAsString(Map.of("findings", out, "blocking", report.blocking().size()));
    }

    public static String sarif(Policy.Report report) throws Exception {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Rule r : Policy.RULES) {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("id", r.id());
            rule.put("shortDescription", Map.of("text", r.statement()));
            rule.put("fullDescription", Map.of("text", r.explanation()));
            rule.put("help", Map.of("text", r.fix()));
            rule.put("defaultConfiguration", Map.of("level", r.severity() == Severity.ERROR ? "error" : "warning"));
            rules.add(rule);
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (Finding f : report.findings()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("ruleId", f.rule().id());
            result.put("level", f.rule().severity() == Severity.ERROR ? "error" : "warning");
            result.put("message", Map.of("text", f.message()));
            String stack = f.resource().split("/", 2)[0];
            result.put("locations", List.of(Map.of(
                    "physicalLocation", Map.of("artifactLocation", Map.of("uri",
                            "cdktf.out/stacks/" + stack + "/cdk.tf.json")),
                    "logicalLocations", List.of(Map.of("fullyQualifiedName", f.resource())))));
            if (f.suppressed() != null) {
                result.put("suppressions", List.of(Map.of("kind", "external", "justification", f.suppressed())));
            }
            results.add(result);
        }
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", Map.of("name", "opsstack", "informationUri",
                "https://github.com/opsstack/opsstack", "rules", rules)));
        run.put("results", results);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        doc.put("version", "2.1.0");
        doc.put("runs", List.of(run));
        return JSON.writeValueAsString(doc);
    }

    /** docs/rules.md, generated from the registry. */
    public static String rulesMarkdown() {
        StringBuilder out = new StringBuilder("# Policy rules\n\n");
        out.append("Generated from `io.opsstack.policy.Policy.RULES`; `PolicyRulesTest` fails when this file is stale")
                .append(" (regenerate with `./mvnw -B test -pl stacks -Dtest=PolicyRulesTest`")
                .append(" `-Dopsstack.updateDocs=true`).\n\n")
                .append("`opsstack synth` runs every rule over what it is about to write: an error fails the run and")
                .append(" leaves the previous output untouched; warnings are printed. `opsstack check [ENV...]")
                .append(" [--format text|json|sarif]` runs them over the current `cdktf.out/`. A finding is accepted")
                .append(" on purpose with a suppression in the environment file:\n\n")
                .append("```yaml\nsuppressions:\n  - rule: OPS-ALB-002\n    resource: staging-app/load-balancer\n")
                .append("    reason: \"internal test endpoint, no certificate (PLAT-7)\"\n```\n\n")
                .append("`resource` is a construct path as findings show it; it covers everything under it. In an")
                .append(" environment with `dr`, a primary path covers the same construct in the DR stacks too")
                .append(" (`prod-data/database` covers `prod-dr-data/database`: both are built from the same")
                .append(" settings); a `<env>-dr-*` path covers the DR region only.\n\n")
                .append("| id | severity | desired state |\n|---|---|---|\n");
        for (Rule r : Policy.RULES) {
            out.append("| ").append(r.id()).append(" | ").append(r.severity().label()).append(" | ")
                    .append(r.statement()).append(" |\n");
        }
        for (Rule r : Policy.RULES) {
            out.append("\n## ").append(r.id()).append("\n\n**").append(r.statement()).append("** (")
                    .append(r.severity().label()).append(")\n\nFinding: ").append(r.violation())
                    .append("\n\nWhy: ").append(r.explanation()).append("\n\nFix: ")
                    .append(r.fix()).append('\n');
        }
        return out.toString();
    }
}
