"""Driven by MotoLauncherTest against one moto_launcher.py on loopback: what the launcher's "stored and returned
as AWS does" patches must give back, with the argument values the shipped prod stacks use. Each check prints
"ok NAME"; a failed check raises (exit 1) naming what came back. Usage: python3 launcher_stores.py ENDPOINT"""
import sys

import boto3

ENDPOINT = sys.argv[1]
session = boto3.session.Session(aws_access_key_id="AKIAREHEARSALFAKEKEY",
                                aws_secret_access_key="rehearsal-fake-secret-not-an-aws-key")


def client(service, region="us-east-1"):
    return session.client(service, region_name=region, endpoint_url=ENDPOINT)


def expect(name, got, wanted):
    if got != wanted:
        raise AssertionError(f"{name}: expected {wanted!r}, got {got!r}")


def monitoring(db):
    return {k: db.get(k) for k in ("MonitoringInterval", "MonitoringRoleArn", "PerformanceInsightsEnabled",
                                   "PerformanceInsightsKMSKeyId", "PerformanceInsightsRetentionPeriod")}


def rds_monitoring_and_performance_insights():
    rds, key = client("rds"), client("kms").create_key()["KeyMetadata"]["Arn"]
    role = "arn:aws:iam::123456789012:role/prod-rds-monitoring"
    wanted = {"MonitoringInterval": 60, "MonitoringRoleArn": role, "PerformanceInsightsEnabled": True,
              "PerformanceInsightsKMSKeyId": key, "PerformanceInsightsRetentionPeriod": 7}
    created = rds.create_db_instance(
        DBInstanceIdentifier="prod-postgres", DBInstanceClass="db.m6g.large", Engine="postgres",
        EngineVersion="16.4", AllocatedStorage=100, MasterUsername="app_admin", MasterUserPassword="not-a-secret-1",
        MonitoringInterval=60, MonitoringRoleArn=role, EnablePerformanceInsights=True,
        PerformanceInsightsKMSKeyId=key, PerformanceInsightsRetentionPeriod=7)["DBInstance"]
    expect("CreateDBInstance", monitoring(created), wanted)
    described = rds.describe_db_instances(DBInstanceIdentifier="prod-postgres")["DBInstances"][0]
    expect("DescribeDBInstances", monitoring(described), wanted)
    expect("EnhancedMonitoringResourceArn", described.get("EnhancedMonitoringResourceArn"),
           "arn:aws:logs:us-east-1:123456789012:log-group:RDSOSMetrics:log-stream:" + described["DbiResourceId"])
    # AWS defaults when neither is asked for: monitoring off (0), Performance Insights disabled.
    plain = rds.create_db_instance(DBInstanceIdentifier="dev-postgres", DBInstanceClass="db.t4g.micro",
                                   Engine="postgres", AllocatedStorage=20, MasterUsername="app_admin",
                                   MasterUserPassword="not-a-secret-1")["DBInstance"]
    expect("defaults", (plain.get("MonitoringInterval"), plain.get("PerformanceInsightsEnabled"),
                        plain.get("EnhancedMonitoringResourceArn")), (0, False, None))
    # ModifyDBInstance turns them on and off, as the provider's update does.
    modified = rds.modify_db_instance(DBInstanceIdentifier="dev-postgres", MonitoringInterval=30,
                                      MonitoringRoleArn=role, EnablePerformanceInsights=True,
                                      ApplyImmediately=True)["DBInstance"]
    expect("ModifyDBInstance on", (modified.get("MonitoringInterval"), modified.get("PerformanceInsightsEnabled"),
                                   modified.get("PerformanceInsightsRetentionPeriod")), (30, True, 7))
    off = rds.modify_db_instance(DBInstanceIdentifier="dev-postgres", EnablePerformanceInsights=False,
                                 ApplyImmediately=True)["DBInstance"]
    expect("ModifyDBInstance off", off.get("PerformanceInsightsEnabled"), False)
    # A cross-region replica keeps what its own request asked for, and not its source's settings.
    dr = client("rds", "us-west-2")
    dr_key = client("kms", "us-west-2").create_key()["KeyMetadata"]["Arn"]
    source = "arn:aws:rds:us-east-1:123456789012:db:prod-postgres"
    replica = dr.create_db_instance_read_replica(
        DBInstanceIdentifier="prod-dr-postgres", SourceDBInstanceIdentifier=source, DBInstanceClass="db.m6g.large",
        MonitoringInterval=60, MonitoringRoleArn=role, EnablePerformanceInsights=True,
        PerformanceInsightsKMSKeyId=dr_key, PerformanceInsightsRetentionPeriod=7)["DBInstance"]
    expect("replica", monitoring(replica), dict(wanted, PerformanceInsightsKMSKeyId=dr_key))
    bare = dr.create_db_instance_read_replica(DBInstanceIdentifier="prod-dr-bare", DBInstanceClass="db.m6g.large",
                                              SourceDBInstanceIdentifier=source)["DBInstance"]
    expect("replica defaults", (bare.get("MonitoringInterval"), bare.get("PerformanceInsightsEnabled")), (0, False))
    print("ok rds-monitoring-and-performance-insights")


def s3_replication_rule():
    s3 = session.client("s3", region_name="us-east-1", endpoint_url=ENDPOINT,
                        config=boto3.session.Config(s3={"addressing_style": "path"}))
    for bucket in ("opsstack-prod-backups", "opsstack-prod-dr-backups"):
        s3.create_bucket(Bucket=bucket)
        s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    rule = {"ID": "to-us-west-2", "Priority": 0, "Status": "Enabled", "Filter": {"Prefix": ""},
            "DeleteMarkerReplication": {"Status": "Enabled"},
            "SourceSelectionCriteria": {"SseKmsEncryptedObjects": {"Status": "Enabled"}},
            "Destination": {"Bucket": "arn:aws:s3:::opsstack-prod-dr-backups", "StorageClass": "STANDARD",
                            "EncryptionConfiguration": {
                                "ReplicaKmsKeyID": "arn:aws:kms:us-west-2:123456789012:alias/opsstack/prod-dr/data"}}}
    s3.put_bucket_replication(Bucket="opsstack-prod-backups", ReplicationConfiguration={
        "Role": "arn:aws:iam::123456789012:role/prod-backups-replication", "Rules": [rule]})
    got = s3.get_bucket_replication(Bucket="opsstack-prod-backups")["ReplicationConfiguration"]["Rules"][0]
    for field in ("DeleteMarkerReplication", "SourceSelectionCriteria", "Destination", "Filter", "ID", "Status"):
        expect("GetBucketReplication " + field, got.get(field), rule[field])
    print("ok s3-replication-rule")


def ec2_instance_groups_of_its_interface():
    ec2 = client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.7.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.7.1.0/24")["Subnet"]["SubnetId"]
    group = ec2.create_security_group(GroupName="poc-app", Description="app", VpcId=vpc)["GroupId"]
    image = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
    # What the provider sends for associate_public_ip_address with vpc_security_group_ids.
    instance = ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1, InstanceType="t3.small",
                                 NetworkInterfaces=[{"DeviceIndex": 0, "SubnetId": subnet, "Groups": [group],
                                                     "AssociatePublicIpAddress": True}])["Instances"][0]
    described = ec2.describe_instances(InstanceIds=[instance["InstanceId"]])["Reservations"][0]["Instances"][0]
    expect("DescribeInstances SecurityGroups", [g["GroupId"] for g in described["SecurityGroups"]], [group])
    attribute = ec2.describe_instance_attribute(InstanceId=instance["InstanceId"], Attribute="groupSet")["Groups"]
    expect("groupSet", [g["GroupId"] for g in attribute], [group])
    print("ok ec2-instance-groups")


def s3_kms_upload_without_key_gets_the_managed_key():
    kms = client("kms")
    data_key = kms.create_key(Description="data")["KeyMetadata"]["Arn"]
    managed = kms.describe_key(KeyId="alias/aws/s3")["KeyMetadata"]["Arn"]
    s3 = client("s3")
    s3.create_bucket(Bucket="opsstack-prod-backups-sse")
    s3.put_bucket_encryption(Bucket="opsstack-prod-backups-sse", ServerSideEncryptionConfiguration={"Rules": [{
        "ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": data_key}}]})
    s3.put_object(Bucket="opsstack-prod-backups-sse", Key="default", Body=b"x")
    s3.put_object(Bucket="opsstack-prod-backups-sse", Key="kms-no-key", Body=b"x", ServerSideEncryption="aws:kms")
    upload = s3.create_multipart_upload(Bucket="opsstack-prod-backups-sse", Key="multipart",
                                        ServerSideEncryption="aws:kms")["UploadId"]
    part = s3.upload_part(Bucket="opsstack-prod-backups-sse", Key="multipart", UploadId=upload, PartNumber=1,
                          Body=b"x")["ETag"]
    s3.complete_multipart_upload(Bucket="opsstack-prod-backups-sse", Key="multipart", UploadId=upload,
                                 MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": part}]})
    for key, wanted in (("default", data_key), ("kms-no-key", managed), ("multipart", managed)):
        head = s3.head_object(Bucket="opsstack-prod-backups-sse", Key=key)
        expect("HeadObject " + key + " SSEKMSKeyId", head.get("SSEKMSKeyId"), wanted)
    print("ok s3-kms-upload-key")


rds_monitoring_and_performance_insights()
s3_replication_rule()
ec2_instance_groups_of_its_interface()
s3_kms_upload_without_key_gets_the_managed_key()
