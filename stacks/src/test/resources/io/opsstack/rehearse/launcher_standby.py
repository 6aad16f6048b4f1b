"""Drives moto in-process with the launcher's patches applied (imported from the path given), as the rehearsal's
server has them, and prints one line per case: CASE OUTCOME [CODE MESSAGE]. LauncherTest asserts on the lines."""
import importlib.util
import sys

spec = importlib.util.spec_from_file_location("moto_launcher", sys.argv[1])
spec.loader.exec_module(importlib.util.module_from_spec(spec))

import boto3  # noqa: E402
from botocore.exceptions import ClientError  # noqa: E402
from moto import mock_aws  # noqa: E402


def attempt(case, call):
    try:
        call()
        print(case, "ACCEPTED")
    except ClientError as e:
        print(case, "REFUSED", e.response["Error"]["Code"], e.response["Error"]["Message"])


with mock_aws():
    east = boto3.client("rds", region_name="us-east-1")
    west = boto3.client("rds", region_name="us-west-2")
    common = dict(Engine="postgres", DBInstanceClass="db.t4g.micro", MasterUsername="app_admin", AllocatedStorage=20)
    east.create_db_instance(DBInstanceIdentifier="managed", ManageMasterUserPassword=True, **common)
    east.create_db_instance(DBInstanceIdentifier="written", MasterUserPassword="a1b2c3d4e5f6g7h8", **common)

    def arn(identifier):
        return east.describe_db_instances(DBInstanceIdentifier=identifier)["DBInstances"][0]["DBInstanceArn"]

    attempt("replica-of-managed", lambda: west.create_db_instance_read_replica(
        DBInstanceIdentifier="managed-dr", SourceDBInstanceIdentifier=arn("managed")))
    attempt("replica-of-written", lambda: west.create_db_instance_read_replica(
        DBInstanceIdentifier="written-dr", SourceDBInstanceIdentifier=arn("written")))

    sm = boto3.client("secretsmanager", region_name="us-east-1")
    dr_key = "arn:aws:kms:us-west-2:123456789012:alias/opsstack/prod-dr/data"
    sm.create_secret(Name="opsstack/prod/database/master", KmsKeyId="alias/opsstack/prod/data",
                     AddReplicaRegions=[{"Region": "us-west-2", "KmsKeyId": dr_key}])
    status = sm.describe_secret(SecretId="opsstack/prod/database/master")["ReplicationStatus"][0]
    print("secret-replica-key", status["KmsKeyId"])
