"""What the hosts' scripts read, created in the emulator as the shipped stacks create it (HostScripts tests).

usage: hostscripts_setup.py ENDPOINT ENV REGION [DB_PORT]
  the data key (KMS, alias alias/opsstack-<env>-data), the backups bucket opsstack-<env>-backups-<account>-<region>
  (versioned, SSE-KMS with the data key and bucket keys: BackupsBucket.java) and, with DB_PORT (an RDS environment),
  the instance <env>-postgres (database app, master user app_admin: Defaults.java) and the secret
  opsstack/<env>/database/master holding {"username", "password"} as Database.java writes it (jsonencode), encrypted
  with the data key. The password is 40 letters and digits, as the stack's aws_secretsmanager_random_password
  (exclude_punctuation) generates it. Prints one JSON object: account, bucket, keyArn, and for RDS address, port,
  username, password.
"""
import json
import secrets
import string
import sys

import boto3

endpoint, env, region = sys.argv[1], sys.argv[2], sys.argv[3]
db_port = int(sys.argv[4]) if len(sys.argv) > 4 else None


def client(service):
    return boto3.client(service, endpoint_url=endpoint, region_name=region, aws_access_key_id="test",
                        aws_secret_access_key="test")


account = client("sts").get_caller_identity()["Account"]
kms = client("kms")
key_arn = kms.create_key(Description=f"opsstack {env}: data key")["KeyMetadata"]["Arn"]
kms.create_alias(AliasName=f"alias/opsstack-{env}-data", TargetKeyId=key_arn)

s3 = client("s3")
bucket = f"opsstack-{env}-backups-{account}-{region}"
if region == "us-east-1":
    s3.create_bucket(Bucket=bucket)
else:
    s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": region})
s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration={"Rules": [{
    "ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": key_arn},
    "BucketKeyEnabled": True}]})
out = {"account": account, "bucket": bucket, "keyArn": key_arn}

if db_port is not None:
    alphabet = string.ascii_letters + string.digits
    password = "".join(secrets.choice(alphabet) for _ in range(40))
    rds = client("rds")
    rds.create_db_instance(DBInstanceIdentifier=f"{env}-postgres", Engine="postgres", EngineVersion="16.4",
                           DBInstanceClass="db.m6g.large", AllocatedStorage=100, DBName="app",
                           MasterUsername="app_admin", MasterUserPassword=password, Port=db_port,
                           StorageEncrypted=True, KmsKeyId=key_arn, BackupRetentionPeriod=14)
    endpoint_ = rds.describe_db_instances(DBInstanceIdentifier=f"{env}-postgres")["DBInstances"][0]["Endpoint"]
    client("secretsmanager").create_secret(
        Name=f"opsstack/{env}/database/master", KmsKeyId=key_arn,
        SecretString=json.dumps({"username": "app_admin", "password": password}, separators=(",", ":")))
    out.update(address=endpoint_["Address"], port=endpoint_["Port"], username="app_admin", password=password)

print(json.dumps(out))
