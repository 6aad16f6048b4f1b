"""In-process check of moto_launcher.py's AWS refusals (run by LauncherRefusalsTest): imports the launcher, whose
patches apply on import, and calls the RDS API through moto's in-memory mock. Prints one line per case."""
import os
import runpy
import sys

os.environ.update(AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test", AWS_DEFAULT_REGION="us-east-1")
runpy.run_path(sys.argv[1], run_name="moto_launcher")  # patches only: main() runs under __main__ alone

import boto3  # noqa: E402
from botocore.exceptions import ClientError  # noqa: E402
from moto import mock_aws  # noqa: E402


def primary(rds, name, retention):
    rds.create_db_instance(DBInstanceIdentifier=name, Engine="postgres", DBInstanceClass="db.t4g.medium",
                           AllocatedStorage=20, MasterUsername="app_admin", MasterUserPassword="not-a-secret-1",
                           BackupRetentionPeriod=retention)


def replica(rds, name, source):
    try:
        rds.create_db_instance_read_replica(DBInstanceIdentifier=name, SourceDBInstanceIdentifier=source)
        return "created"
    except ClientError as e:
        return e.response["Error"]["Code"] + ": " + e.response["Error"]["Message"]


with mock_aws():
    client = boto3.client("rds", region_name="us-east-1")
    primary(client, "no-backups", 0)
    primary(client, "with-backups", 7)
    print("replica of no-backups: " + replica(client, "no-backups-replica", "no-backups"))
    print("replica of with-backups: " + replica(client, "with-backups-replica", "with-backups"))
