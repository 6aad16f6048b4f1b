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

    /**
     * A JSON object whose keys keep the order given. Map.of's iteration order is salted per JVM start, so
     * building reports from it wrote keys in a different order in every run.
     */
    public static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
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
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("findings", out);
        doc.put("blocking", report.blocking().size());
        doc.put("excludedUpstream", exclusions());
        return JSON.writeValueAsString(doc);
    }

    /** One line for the terminal: design exclusions are not findings of ours, but they are not hidden either. */
    public static String exclusionsLine() {
        return "excluded by design: " + Coverage.withStatus(Coverage.Status.EXCLUDED).size() + " checkov/cdk-nag"
                + " checks, each with its reason (docs/rules.md, Coverage of checkov and cdk-nag)\n";
    }

    /** The design exclusions, for JSON and SARIF: upstream id, resource type, reason. */
    private static List<Map<String, Object>> exclusions() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Coverage.Entry e : Coverage.withStatus(Coverage.Status.EXCLUDED)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("upstream", e.upstream());
            m.put("resourceType", e.resourceType());
            m.put("reason", e.reason());
            out.add(m);
        }
        return out;
    }

    public static String sarif(Policy.Report report) throws Exception {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Rule r : Policy.allRules()) {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("id", r.id());
            rule.put("shortDescription", object("text", r.statement()));
            rule.put("fullDescription", object("text", r.explanation()));
            rule.put("help", object("text", r.fix()));
            rule.put("defaultConfiguration", object("level", r.severity() == Severity.ERROR ? "error" : "warning"));
            // The checkov and cdk-nag ids this rule covers, so a reviewer can match our findings to theirs.
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("upstream", r.upstream());
            properties.put("tags", r.upstream());
            rule.put("properties", properties);
            rules.add(rule);
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (Finding f : report.findings()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("ruleId", f.rule().id());
            result.put("level", f.rule().severity() == Severity.ERROR ? "error" : "warning");
            result.put("message", object("text", f.message()));
            String stack = f.resource().split("/", 2)[0];
            result.put("locations", List.of(object(
                    "physicalLocation", object("artifactLocation", object("uri",
                            "cdktf.out/stacks/" + stack + "/cdk.tf.json")),
                    "logicalLocations", List.of(object("fullyQualifiedName", f.resource())))));
            if (f.suppressed() != null) {
                result.put("suppressions", List.of(object("kind", "external", "justification", f.suppressed())));
            }
            results.add(result);
        }
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", object("driver", object("name", "opsstack", "informationUri",
                "https://github.com/opsstack/opsstack", "rules", rules)));
        run.put("results", results);
        run.put("properties", object("excludedUpstream", exclusions()));
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
                .append("```yaml\nsuppressions:\n  - rule: OPS-RDS-004\n    resource: prod-data/database\n")
                .append("    reason: \"restore from snapshot (INC-1234); protection back on after the cut-over\"\n```\n\n")
                .append("`resource` is a construct path as findings show it; it covers everything under it. In an")
                .append(" environment with `dr`, a primary path covers the same construct in the DR stacks too")
                .append(" (`prod-data/database` covers `prod-dr-data/database`: both are built from the same")
                .append(" settings); a `<env>-dr-*` path covers the DR region only.\n\n")
                .append("| id | severity | desired state | covers |\n|---|---|---|---|\n");
        for (Rule r : Policy.RULES) {
            out.append("| ").append(r.id()).append(" | ").append(r.severity().label()).append(" | ")
                    .append(r.statement()).append(" | ").append(String.join(", ", r.upstream())).append(" |\n");
        }
        for (Rule r : Policy.RULES) {
            out.append("\n## ").append(r.id()).append("\n\n**").append(r.statement()).append("** (")
                    .append(r.severity().label()).append(")\n\nFinding: ").append(r.violation())
                    .append("\n\nWhy: ").append(r.explanation()).append("\n\nFix: ")
                    .append(r.fix()).append('\n');
            if (!r.upstream().isEmpty()) {
                out.append("\nCovers: ").append(String.join(", ", r.upstream())).append('\n');
            }
        }
        out.append("\n## IAM access matrix\n\n")
                .append("These rules are not run by the synth gate: `opsstack check` and the build evaluate every")
                .append(" identity, trust, bucket, key and topic policy of the synthesized stacks with")
                .append(" `@cloud-copilot/iam-simulate` in a separate Node.js process and report what they find under")
                .append(" these ids (suppressible like the others). [docs/iam.md](iam.md) has the matrix, how it")
                .append(" works and what it cannot know.\n\n| id | severity | desired state |\n|---|---|---|\n");
        for (Rule r : io.opsstack.iam.IamRules.RULES) {
            out.append("| ").append(r.id()).append(" | ").append(r.severity().label()).append(" | ")
                    .append(r.statement()).append(" |\n");
        }
        for (Rule r : io.opsstack.iam.IamRules.RULES) {
            out.append("\n### ").append(r.id()).append("\n\n**").append(r.statement()).append("** (")
                    .append(r.severity().label()).append(")\n\nFinding: ").append(r.violation())
                    .append("\n\nWhy: ").append(r.explanation()).append("\n\nFix: ")
                    .append(r.fix()).append('\n');
            if (!r.upstream().isEmpty()) {
                out.append("\nCovers: ").append(String.join(", ", r.upstream())).append('\n');
            }
        }
        out.append(awsApiMarkdown());
        out.append(coverageMarkdown());
        return out.toString();
    }

    /** The AWS API rule catalogue: what AWS refuses and the emulator accepts, and where opsstack refuses it first. */
    static String awsApiMarkdown() {
        StringBuilder out = new StringBuilder("\n## AWS API rules: what AWS refuses, opsstack refuses first\n\n")
                .append("Generated from `io.opsstack.policy.awsapi.Catalogue`. The rehearsal's emulator (moto) accepts")
                .append(" many requests that AWS refuses, so a rehearsal that passed did not prove AWS would accept the")
                .append(" deploy. Each rule below is enforced at the earliest place that can decide it: **validate**")
                .append(" when the environment file decides it (file:line:column, exit 2); the **synth policy gate**")
                .append(" when only the synthesized JSON does (the `AWS-*` rules above, severity error: synth refuses")
                .append(" them, `opsstack check` reports them; `AwsRulesTest` breaks each one); the rehearsal's")
                .append(" **launcher** when only the API sees it (moto_launcher.py answers with AWS's error code and")
                .append(" message; `LauncherRefusalsTest`). A value Terraform knows only at apply time (a reference) is")
                .append(" not judged by the policy gate, except the account id, which is always 12 digits. The error")
                .append(" column gives AWS's error code and its message where AWS's documents or users' reports (the")
                .append(" provider's issues) quote it; elsewhere the message restates the documented constraint.\n\n")
                .append("| rule | what AWS requires | enforced in | AWS's error | source |\n|---|---|---|---|---|\n");
        for (io.opsstack.policy.awsapi.Catalogue c : io.opsstack.policy.awsapi.Catalogue.all()) {
            out.append("| ").append(c.id()).append(" | ").append(c.what().replace("|", "\\|")).append(" | ")
                    .append(c.where()).append(" | ").append(c.awsError().replace("|", "\\|")).append(" | ")
                    .append(c.source()).append(" |\n");
        }
        return out.toString();
    }

    /** The coverage table: every emitted resource type, every upstream check on it, and our answer. */
    static String coverageMarkdown() {
        StringBuilder out = new StringBuilder("\n## Coverage of checkov and cdk-nag\n\n")
                .append("Generated from `io.opsstack.policy.Coverage`. For every resource type that an opsstack stack")
                .append(" emits (a test synthesizes every shipped environment and fails when a type is missing here),")
                .append(" each checkov Terraform check (`CKV_AWS_*`, graph checks `CKV2_AWS_*`) and cdk-nag")
                .append(" AwsSolutions rule that applies to it, and how opsstack answers it:\n\n");
        for (Coverage.Status s : Coverage.Status.values()) {
            out.append("- **").append(s.label()).append("** (").append(Coverage.withStatus(s).size()).append("): ")
                    .append(switch (s) {
                        case RULE -> "a rule of ours checks it; `opsstack check --format sarif` lists the upstream ids"
                                + " in each rule's `properties.upstream`.";
                        case EXCLUDED -> "opsstack deliberately differs; checkov or cdk-nag will report it, on the"
                                + " environments the reason names. `opsstack check` counts these, and its JSON and"
                                + " SARIF list them (`excludedUpstream`).";
                        case MET -> "the stacks satisfy it but no rule of ours guards it yet.";
                        case NOT_APPLICABLE -> "it cannot fire on what opsstack emits, or misreads it.";
                        case NO_CHECK -> "no upstream check targets the type.";
                    }).append('\n');
        }
        out.append("\n| resource type | upstream check | answer | our rule | reason or note |\n|---|---|---|---|---|\n");
        for (Coverage.Entry e : Coverage.ENTRIES) {
            String check = e.upstream().equals("-") ? "-" : e.upstream() + " (" + e.title() + ")";
            out.append("| ").append(e.resourceType()).append(" | ").append(check).append(" | ")
                    .append(e.status().label()).append(" | ").append(e.rule() == null ? "" : e.rule()).append(" | ")
                    .append(e.reason() == null ? "" : e.reason()).append(" |\n");
        }
        return out.toString();
    }
}
