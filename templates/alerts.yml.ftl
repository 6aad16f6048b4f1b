<#-- @ftlvariable name="" type="io.opsstack.render.Models.AlertRules" -->
# Alert rules from the runbooks' SLO table; thresholds from monitoring.slo. Rendered by opsstack.
# Severity P0 (act now) .. P3 (within hours), as in the runbooks; each links its runbook section.
groups:
  - name: ${group}
    rules:
<#list rules as r>
      - alert: ${r.alert}
        expr: "${r.expr?json_string}"
        for: ${r.forDuration}
        labels:
          severity: ${r.severity}
        annotations:
          summary: "${r.summary?json_string}"
          description: "${r.description?json_string}"
          runbook: "docs/runbook.md#${r.runbook}"
</#list>
