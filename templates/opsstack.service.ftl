<#-- @ftlvariable name="" type="io.opsstack.render.Models.Systemd" -->
# The service's containers. Rendered by opsstack.
[Unit]
Description=opsstack containers (docker compose)
Requires=docker.service
After=docker.service network-online.target
Wants=network-online.target
# Keep trying: a DR standby host has no database secret to fetch until the swap, and a fresh host may start
# before its database is available.
StartLimitIntervalSec=0

[Service]
Type=oneshot
RemainAfterExit=yes
WorkingDirectory=${directory}
ExecStartPre=${directory}/bin/fetch-secrets.sh
# Migrations first: the app service waits for migrate to complete successfully.
ExecStart=/usr/bin/docker compose -f ${composeFile} up -d --remove-orphans
ExecStop=/usr/bin/docker compose -f ${composeFile} down
TimeoutStartSec=900
Restart=on-failure
RestartSec=60s

[Install]
WantedBy=multi-user.target
