<#-- @ftlvariable name="" type="io.opsstack.render.Models.GrafanaDatasource" -->
# Grafana datasource provisioning. Rendered by opsstack.
apiVersion: 1
datasources:
  - name: ${name}
    uid: ${uid}
    type: prometheus
    access: proxy
    url: ${url}
    isDefault: true
    editable: false
