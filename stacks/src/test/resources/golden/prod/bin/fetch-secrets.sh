#!/usr/bin/env bash
# Runs before the containers start (opsstack.service). Writes the host's secrets into 0600/0400 files; no
# rendered file contains a secret. Rendered by opsstack for prod.
set -euo pipefail
umask 077
region="us-east-1"

# The database: its endpoint, found by the instance identifier, and the master credentials from opsstack's secret
# in this region (in the DR region its replica, readable while the primary region is down).
read -r host port < <(aws rds describe-db-instances --region "$region" \
  --db-instance-identifier "prod-postgres" \
  --query 'DBInstances[0].[Endpoint.Address,Endpoint.Port]' --output text)
secret_json=$(aws secretsmanager get-secret-value --region "$region" --secret-id "opsstack/prod/database/master" \
  --query SecretString --output text)
read -r user password < <(printf '%s' "$secret_json" | python3 -c \
  'import json, sys, urllib.parse as u; s = json.load(sys.stdin); print(u.quote(s["username"], safe=""), u.quote(s["password"], safe=""))')
cat > "/opt/opsstack/app.env.tmp" <<ENV
DATABASE_URL=postgresql://$user:$password@$host:$port/app?sslmode=require
ENVIRONMENT=prod
ENV
mv "/opt/opsstack/app.env.tmp" "/opt/opsstack/app.env"

# Grafana's admin password: generated once per environment, kept in SSM Parameter Store (SecureString).
param="/opsstack/prod/grafana/admin-password"
install -d -m 0700 "/opt/opsstack/secrets"   # also tightens a folder that already exists
if ! grafana_pw=$(aws ssm get-parameter --region "$region" --name "$param" --with-decryption \
    --query Parameter.Value --output text 2>/dev/null); then
  grafana_pw=$(openssl rand -base64 32 | tr -d '/+=' | cut -c1-32)
  # Another host may have won the race: then read what it stored.
  aws ssm put-parameter --region "$region" --name "$param" --type SecureString --value "$grafana_pw" >/dev/null \
    || grafana_pw=$(aws ssm get-parameter --region "$region" --name "$param" --with-decryption \
         --query Parameter.Value --output text)
fi
printf '%s' "$grafana_pw" > "/opt/opsstack/secrets/grafana_admin_password"
chown 472:0 "/opt/opsstack/secrets/grafana_admin_password"   # Grafana's user in its image
chmod 0400 "/opt/opsstack/secrets/grafana_admin_password"
