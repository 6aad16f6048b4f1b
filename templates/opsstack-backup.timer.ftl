<#-- @ftlvariable name="" type="io.opsstack.render.Models.Systemd" -->
# When the daily backup runs. Rendered by opsstack.
[Unit]
Description=Daily opsstack database backup

[Timer]
OnCalendar=${onCalendar}
RandomizedDelaySec=30min
Persistent=true

[Install]
WantedBy=timers.target
