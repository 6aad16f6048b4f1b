<#-- @ftlvariable name="" type="io.opsstack.render.Models.Compose" -->
# docker-compose.yml for ${environment}. Rendered by opsstack from environments/${environment}.yaml: edit that,
# not this file. Runbooks: docs/runbook.md.

x-logging: &logging
  driver: ${loggingDriver}
  options:
<#list loggingOptions as o>
    ${o.name}: "${o.value}"
</#list>

services:
  migrate:
    # Alembic migrations run once per start, before any app replica (see app.depends_on).
    image: ${appImage}
    command: ["alembic", "upgrade", "head"]
    env_file: ./app.env
<#if dataMount?has_content>
    volumes: ["${dataMount}"]
</#if>
    restart: "no"
    networks: [app-network]
    logging: *logging

  app:
    image: ${appImage}
    env_file: ./app.env
<#if dataMount?has_content>
    volumes: ["${dataMount}"]
</#if>
    expose: ["8000"]
    depends_on:
      migrate:
        condition: service_completed_successfully
    deploy:
      replicas: ${appReplicas}
      resources:
        limits:
          cpus: "${appCpus}"
          memory: ${appMemory}
    healthcheck:
      test: ["CMD", "python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://localhost:8000/health', timeout=3).status == 200 else 1)"]
      interval: 15s
      timeout: 5s
      retries: 3
      start_period: 30s
    restart: unless-stopped
    networks: [app-network]
    logging: *logging

<#if frontend??>
<#if frontend.server>
  frontend:
    image: ${frontend.image}
    expose: ["${frontend.port}"]
    environment:
      NEXT_PUBLIC_API_BASE_URL: "${frontend.apiBaseUrl}"
      PORT: "${frontend.port}"
    deploy:
      replicas: ${frontend.replicas}
    healthcheck:
      test: ["CMD", "node", "-e", "fetch('${frontend.healthUrl}').then(r => process.exit(r.ok ? 0 : 1)).catch(() => process.exit(1))"]
      interval: 15s
      timeout: 5s
      retries: 3
    restart: unless-stopped
    networks: [app-network]
    logging: *logging

<#else>
  frontend-files:
    # Copies the built files out of the frontend image into a volume nginx serves; runs once per start.
    image: ${frontend.image}
    entrypoint: ["sh", "-c", "rm -rf /export/* && cp -r ${frontend.staticPath}/. /export/"]
    volumes:
      - frontend-static:/export
    restart: "no"
    networks: [app-network]
    logging: *logging

</#if>
</#if>
  nginx:
    image: ${nginxImage}
    ports: ["${nginxPorts}"]
    volumes:
      - ./nginx/nginx.conf:/etc/nginx/nginx.conf:ro
<#if frontend?? && !frontend.server>
      - frontend-static:/usr/share/nginx/frontend:ro
    depends_on:
      app:
        condition: service_started
      frontend-files:
        condition: service_completed_successfully
<#elseif frontend??>
    depends_on: [app, frontend]
<#else>
    depends_on: [app]
</#if>
    restart: unless-stopped
    networks: [app-network]
    logging: *logging

  prometheus:
    image: ${prometheusImage}
    command:
      - --config.file=/etc/prometheus/prometheus.yml
      - --storage.tsdb.path=/prometheus
      - --storage.tsdb.retention.time=${prometheusRetention}
    ports: ["${prometheusPorts}"]
    volumes:
      - ./prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro
      - ./prometheus/rules:/etc/prometheus/rules:ro
      - prometheus-data:/prometheus
    restart: unless-stopped
    networks: [app-network]
    logging: *logging

  grafana:
    image: ${grafanaImage}
    ports: ["${grafanaPorts}"]
    environment:
      # The admin password is fetched at boot from SSM Parameter Store into a 0400 file; it is in no rendered file.
      GF_SECURITY_ADMIN_PASSWORD__FILE: /run/secrets/grafana_admin_password
      GF_USERS_ALLOW_SIGN_UP: "false"
      GF_AUTH_ANONYMOUS_ENABLED: "false"
    volumes:
      - ./grafana/provisioning:/etc/grafana/provisioning:ro
      - ./grafana/dashboards:/var/lib/grafana/dashboards:ro
      - ./secrets/grafana_admin_password:/run/secrets/grafana_admin_password:ro
      - grafana-data:/var/lib/grafana
    depends_on: [prometheus]
    restart: unless-stopped
    networks: [app-network]
    logging: *logging

  node-exporter:
    # Host metrics (CPU, memory, disk); scraped over app-network, not published.
    image: ${nodeExporterImage}
    command: ["--path.rootfs=/host"]
    pid: host
    volumes:
      - /:/host:ro,rslave
    expose: ["9100"]
    restart: unless-stopped
    networks: [app-network]
    logging: *logging

networks:
  app-network: {}

volumes:
  prometheus-data: {}
  grafana-data: {}
<#if frontend?? && !frontend.server>
  frontend-static: {}
</#if>
