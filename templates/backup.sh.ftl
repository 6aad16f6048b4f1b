<#-- @ftlvariable name="" type="io.opsstack.render.Models.Backup" -->
#!/usr/bin/env bash
# Daily logical backup (runbook "backup"): pg_dump of the database into the environment's backups bucket.
# Every host runs the timer; the first to start on a day uploads, the others find the object and stop.
# Rendered by opsstack for ${environment}.
set -euo pipefail
region="${region}"
<#if sqlite>
# SQLite (runbook "backup", P09): an online, consistent copy with sqlite3's .backup, gzipped, every hour.
account=$(aws sts get-caller-identity --query Account --output text)
bucket="${bucketPrefix}$account-$region"
stamp=$(date -u +%Y-%m-%dT%H%M)
copy=$(mktemp --suffix .db)
trap 'rm -f "$copy" "$copy.gz"' EXIT
sqlite3 "${sqliteFile}" ".backup '$copy'"
sqlite3 "$copy" "PRAGMA integrity_check;" | grep -qx ok
gzip -9 "$copy"
# No --sse: the bucket's default encryption (the data key) applies. "--sse aws:kms" without a key id makes S3 use
# the AWS managed key aws/s3 instead (S3 API reference, PutObject).
aws s3 cp "$copy.gz" "s3://$bucket/sqlite/${environment}/$stamp.db.gz" --region "$region"
echo "backed up to s3://$bucket/sqlite/${environment}/$stamp.db.gz"
<#else>
database_url=$(grep '^DATABASE_URL=' "${envFile}" | cut -d= -f2-)
account=$(aws sts get-caller-identity --query Account --output text)
bucket="${bucketPrefix}$account-$region"
key="pg_dump/${environment}/$(date -u +%Y-%m-%d).dump"

if aws s3api head-object --bucket "$bucket" --key "$key" >/dev/null 2>&1; then
  echo "s3://$bucket/$key exists: another host backed up today"
  exit 0
fi
# Custom format: compressed, and pg_restore can restore single tables from it. No --sse: the bucket's default
# encryption (the data key) applies; "--sse aws:kms" without a key id makes S3 use the AWS managed key aws/s3.
docker run --rm --network host "${pgDumpImage}" pg_dump --format=custom --no-owner "$database_url" \
  | aws s3 cp - "s3://$bucket/$key" --region "$region" --expected-size 107374182400
echo "backed up to s3://$bucket/$key"
</#if>
