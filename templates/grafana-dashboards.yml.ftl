<#-- @ftlvariable name="" type="io.opsstack.render.Models.GrafanaDashboards" -->
# Grafana dashboard provisioning. Rendered by opsstack.
apiVersion: 1
providers:
  - name: opsstack
    folder: ${folder}
    type: file
    disableDeletion: true
    allowUiUpdates: false
    options:
      path: ${path}
