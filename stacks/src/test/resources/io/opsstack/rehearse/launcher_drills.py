"""The launcher's patches the runbook drills need, against moto in-process (as launcher_standby.py): one line per
case, CASE VALUE. LauncherDrillsTest asserts on the lines."""
import importlib.util
import sys

spec = importlib.util.spec_from_file_location("moto_launcher", sys.argv[1])
spec.loader.exec_module(importlib.util.module_from_spec(spec))

import boto3  # noqa: E402
from botocore.exceptions import ClientError  # noqa: E402
from moto import mock_aws  # noqa: E402

with mock_aws():
    ec2 = boto3.client("ec2", region_name="us-east-1")
    asg = boto3.client("autoscaling", region_name="us-east-1")
    ec2.create_launch_template(LaunchTemplateName="drill-lt", LaunchTemplateData={
        "ImageId": "ami-12c6146b", "InstanceType": "t3.micro", "UserData": "YQ=="})
    asg.create_auto_scaling_group(AutoScalingGroupName="drill-group", MinSize=2, MaxSize=4, DesiredCapacity=2,
                                  AvailabilityZones=["us-east-1a"],
                                  LaunchTemplate={"LaunchTemplateName": "drill-lt", "Version": "$Latest"})

    def instances():
        g = asg.describe_auto_scaling_groups(AutoScalingGroupNames=["drill-group"])["AutoScalingGroups"][0]
        return [i["InstanceId"] for i in g["Instances"]]

    before = instances()
    ec2.create_launch_template_version(LaunchTemplateName="drill-lt", SourceVersion="1",
                                       LaunchTemplateData={"UserData": "Yg=="})
    asg.start_instance_refresh(AutoScalingGroupName="drill-group")
    after = instances()
    print("refresh-replaced", len(after), "hosts,", "none kept" if not set(before) & set(after) else "some kept")
    r = asg.describe_instance_refreshes(AutoScalingGroupName="drill-group")["InstanceRefreshes"][0]
    print("refresh-status", r["Status"], r["PercentageComplete"])
    try:
        asg.cancel_instance_refresh(AutoScalingGroupName="drill-group")
        print("refresh-cancel ACCEPTED")
    except ClientError as e:
        print("refresh-cancel REFUSED", e.response["Error"]["Code"])
    try:
        asg.start_instance_refresh(AutoScalingGroupName="no-such-group")
        print("refresh-unknown ACCEPTED")
    except ClientError as e:
        print("refresh-unknown REFUSED", e.response["Error"]["Code"], e.response["Error"]["Message"])
    lost = after[0]
    ec2.terminate_instances(InstanceIds=[lost])
    now = instances()
    print("lost-host", len(now), "hosts,", "lost one gone" if lost not in now else "lost one kept")

    rds = boto3.client("rds", region_name="us-east-1")
    rds.create_db_instance(DBInstanceIdentifier="prod-postgres", Engine="postgres", DBInstanceClass="db.t4g.micro",
                           MasterUsername="app_admin", MasterUserPassword="a1b2c3d4e5f6g7h8", AllocatedStorage=20,
                           BackupRetentionPeriod=7, DeletionProtection=True)
    for target, kwargs in (("pitr-default", {}), ("pitr-off", {"DeletionProtection": False}),
                           ("pitr-on", {"DeletionProtection": True})):
        db = rds.restore_db_instance_to_point_in_time(SourceDBInstanceIdentifier="prod-postgres",
                                                      TargetDBInstanceIdentifier=target,
                                                      UseLatestRestorableTime=True, **kwargs)["DBInstance"]
        print(target, "DeletionProtection", db["DeletionProtection"])
