<#-- @ftlvariable name="" type="io.opsstack.render.Models.Dashboard" -->
{
  "uid": "${uid?json_string}",
  "title": "${title?json_string}",
  "schemaVersion": 39,
  "version": 1,
  "editable": false,
  "time": {"from": "now-6h", "to": "now"},
  "refresh": "30s",
  "tags": ["opsstack"],
  "panels": [
<#list panels as p>
    {
      "id": ${p.id},
      "type": "timeseries",
      "title": "${p.title?json_string}",
      "gridPos": {"x": ${p.x}, "y": ${p.y}, "w": ${p.w}, "h": ${p.h}},
      "datasource": {"type": "prometheus", "uid": "${datasourceUid?json_string}"},
      "fieldConfig": {"defaults": {"unit": "${p.unit?json_string}"}, "overrides": []},
      "targets": [
        {"refId": "A", "expr": "${p.expr?json_string}", "legendFormat": "${p.legend?json_string}"}
      ]
    }<#sep>,</#sep>
</#list>
  ]
}
