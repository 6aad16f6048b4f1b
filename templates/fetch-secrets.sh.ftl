<#-- @ftlvariable name="" type="io.opsstack.render.Models.FetchSecrets" -->
#!/usr/bin/env bash
# Runs before the containers start (opsstack.service). Writes the host's secrets into 0600/0400 files; no
# rendered file contains a secret. Rendered by opsstack for ${environment}.
set -euo pipefail
umask 077
region="${region}"

<#if sqlite>
# SQLite on the data volume: no credentials, the file is the database.
cat > "${envFile}.tmp" <<ENV
DATABASE_URL=${sqliteUrl}
ENVIRONMENT=${environment}
ENV
mv "${envFile}.tmp" "${envFile}"
<#else>
# The database: its endpoint, found by the instance identifier, and the master credentials from opsstack's secret
# in this region (in the DR region its replica, readable while the primary region is down).
read -r host port < <(aws rds describe-db-instances --region "$region" \
  --db-instance-identifier "${dbIdentifier}" \
  --query 'DBInstances[0].[Endpoint.Address,Endpoint.Port]' --output text)
secret_json=$(aws secretsmanager get-secret-value --region "$region" --secret-id "${dbSecretName}" \
  --query SecretString --output text)
read -r user password < <(printf '%s' "$secret_json" | python3 -c \
  'import json, sys, urllib.parse as u; s = json.load(sys.stdin); print(u.quote(s["username"], safe=""), u.quote(s["password"], safe=""))')
cat > "${envFile}.tmp" <<ENV
DATABASE_URL=postgresql://$user:$password@$host:$port/${databaseName}?sslmode=require
ENVIRONMENT=${environment}
ENV
mv "${envFile}.tmp" "${envFile}"
</#if>
<#if corsOrigins?has_content>
echo "CORS_ORIGINS=${corsOrigins}" >> "${envFile}"
</#if>

# Grafana's admin password: generated once per environment, kept in SSM Parameter Store (SecureString).
param="${grafanaPasswordParameter}"
install -d -m 0700 "${secretsDir}"   # also tightens a folder that already exists
if ! grafana_pw=$(aws ssm get-parameter --region "$region" --name "$param" --with-decryption \
    --query Parameter.Value --output text 2>/dev/null); then
  grafana_pw=$(openssl rand -base64 32 | tr -d '/+=' | cut -c1-32)
  # Another host may have won the race: then read what it stored.
  aws ssm put-parameter --region "$region" --name "$param" --type SecureString --value "$grafana_pw" >/dev/null \
    || grafana_pw=$(aws ssm get-parameter --region "$region" --name "$param" --with-decryption \
         --query Parameter.Value --output text)
fi
printf '%s' "$grafana_pw" > "${secretsDir}/grafana_admin_password"
chown 472:0 "${secretsDir}/grafana_admin_password"   # Grafana's user in its image
chmod 0400 "${secretsDir}/grafana_admin_password"
