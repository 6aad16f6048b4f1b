<#-- @ftlvariable name="" type="io.opsstack.render.Models.Systemd" -->
# Daily pg_dump to S3 (started by opsstack-backup.timer). Rendered by opsstack.
[Unit]
Description=opsstack database backup (pg_dump to S3)
Requires=docker.service
After=docker.service opsstack.service

[Service]
Type=oneshot
ExecStart=${directory}/bin/backup.sh
