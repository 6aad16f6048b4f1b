<#-- @ftlvariable name="" type="io.opsstack.render.Models.Prometheus" -->
# prometheus.yml for ${environment}. Rendered by opsstack: edit environments/${environment}.yaml (monitoring).
global:
  scrape_interval: ${scrapeInterval}
  evaluation_interval: ${evaluationInterval}
  external_labels:
    environment: ${environment}
    region: ${region}

rule_files:
  - rules/*.yml

scrape_configs:
  # Every replica of the app: Docker's DNS answers one A record per container of the service, so scaling
  # app replicas needs no change here.
  - job_name: app
    metrics_path: /metrics
    dns_sd_configs:
      - names: [${appService}]
        type: A
        port: ${appPort}
        refresh_interval: 30s

  - job_name: node-exporter
    static_configs:
      - targets: [node-exporter:9100]

  - job_name: prometheus
    static_configs:
      - targets: [localhost:9090]
