#!/usr/bin/env bash
# Daily logical backup (runbook "backup"): pg_dump of the database into the environment's backups bucket.
# Every host runs the timer; the first to start on a day uploads, the others find the object and stop.
# Rendered by opsstack for prod.
set -euo pipefail
region="us-east-1"
database_url=$(grep '^DATABASE_URL=' "/opt/opsstack/app.env" | cut -d= -f2-)
account=$(aws sts get-caller-identity --query Account --output text)
bucket="opsstack-prod-backups-$account-$region"
key="pg_dump/prod/$(date -u +%Y-%m-%d).dump"

if aws s3api head-object --bucket "$bucket" --key "$key" >/dev/null 2>&1; then
  echo "s3://$bucket/$key exists: another host backed up today"
  exit 0
fi
# Custom format: compressed, and pg_restore can restore single tables from it. No --sse: the bucket's default
# encryption (the data key) applies; "--sse aws:kms" without a key id makes S3 use the AWS managed key aws/s3.
docker run --rm --network host "postgres:16-alpine" pg_dump --format=custom --no-owner "$database_url" \
  | aws s3 cp - "s3://$bucket/$key" --region "$region" --expected-size 107374182400
echo "backed up to s3://$bucket/$key"
