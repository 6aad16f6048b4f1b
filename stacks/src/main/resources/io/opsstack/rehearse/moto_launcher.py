"""opsstack rehearse: starts moto's server with the few behaviours where moto 5.2 differs from AWS in a way that
breaks a correct Terraform run put back as AWS has them. Each patch names the AWS behaviour it restores; nothing
here makes moto accept what AWS would refuse. Usage: python3 moto_launcher.py PORT (binds 127.0.0.1 only).

Also: python3 moto_launcher.py externals ENDPOINT ZONE_NAME DOMAIN REGION... creates, through the AWS API of the
emulator at ENDPOINT (moto or LocalStack), what an environment names but opsstack does not create: a public hosted
zone and, per region, a self-signed certificate imported into ACM. Prints {"zoneId": ..., "certificates": {region:
arn}} as JSON."""
import copy
import secrets
import string
import sys

from moto.rds import models as rds


# AWS: a parameter set through ModifyDBParameterGroup is reported by DescribeDBParameters with Source "user" (the
# provider reads a group's parameters back with that filter). moto stores it without a Source.
_original_update_parameters = rds.DBParameterGroup.update_parameters


def _update_parameters(self, new_parameters):
    new_parameters = list(new_parameters)
    _original_update_parameters(self, new_parameters)
    for new_parameter in new_parameters:
        self.parameters[new_parameter["ParameterName"]]["Source"] = "user"


rds.DBParameterGroup.update_parameters = _update_parameters


def _resource_id():
    alphabet = string.ascii_uppercase + string.digits
    return "db-" + "".join(secrets.choice(alphabet) for _ in range(26))


# AWS: every DB instance has its own DbiResourceId. moto gives every instance the same constant, and the provider
# reads an instance back by that id, so a second instance in a region makes the first one unreadable.
_original_init = rds.DBInstance.__init__


def _init(self, *args, **kwargs):
    _original_init(self, *args, **kwargs)
    self.dbi_resource_id = _resource_id()


rds.DBInstance.__init__ = _init


# AWS: a cross-region read replica lives in the region it is created in and takes that region's DB subnet group
# (CreateDBInstanceReadReplica is called in the replica's region). moto copies the source instance and looks the
# subnet group up in the source region (DBSubnetGroupNotFoundFault), and keeps the source's DbiResourceId.
#
# AWS refuses a read replica of a source whose master password RDS manages in Secrets Manager (every engine but SQL
# Server; RDS user guide, "Limitations for Secrets Manager integration"; the error as users of the provider and of
# terraform-aws-modules/rds report it, issues 512 and 532). moto created one, so a warm standby of such a primary
# was rehearsed here and would have failed at its first deploy in AWS. Refused as AWS does.
def _create_db_instance_read_replica(self, db_kwargs):
    database_id = db_kwargs["db_instance_identifier"]
    source_database_id = db_kwargs["source_db_instance_identifier"]
    primary = self.find_db_from_id(source_database_id)
    if getattr(primary, "manage_master_user_password", False) and not primary.engine.startswith("sqlserver"):
        from moto.rds.exceptions import InvalidParameterValue
        raise InvalidParameterValue(
            "Creating read replicas for source instance with engine " + primary.engine
            + " where ManageMasterUserPassword is enabled is not supported.")
    replica = copy.copy(primary)
    replica.backend = self  # the replica's region first, so the subnet group is found there
    db_kwargs.pop("backend", None)
    replica.tags = []
    replica.replicas = []
    # AWS: a replica has no managed master secret of its own; the DR region's secret is created on promotion.
    # moto's copy carried the source's (a us-east-1 secret on a us-west-2 instance), which the promotion then
    # replaced, so the secret ARN changed between apply and the next plan.
    replica.__dict__.pop("master_user_secret", None)
    replica.manage_master_user_password = False
    replica.update(**db_kwargs)
    replica.dbi_resource_id = _resource_id()
    replica.set_as_replica()
    self.databases[database_id] = replica
    primary.add_replica(replica)
    return replica


rds.RDSBackend.create_db_instance_read_replica = _create_db_instance_read_replica


# AWS: a promoted read replica is a standalone instance: DescribeDBInstances no longer names a
# ReadReplicaSourceDBInstanceIdentifier, and the source no longer lists it. moto keeps both, so the provider still
# sees replicate_source_db after a promotion (a DR failover) and plans to promote again.
_original_promote_read_replica = rds.RDSBackend.promote_read_replica


def _promote_read_replica(self, db_kwargs):
    database = self.databases[db_kwargs["db_instance_identifier"]]
    source = database.source_db_instance_identifier if database.is_replica else None
    result = _original_promote_read_replica(self, db_kwargs)
    if source:
        try:
            primary = self.find_db_from_id(source)
            for key in (database.db_instance_identifier, database.db_instance_arn):
                if key in primary.replicas:
                    primary.replicas.remove(key)
        except Exception:  # the source is gone (a real failover): nothing to unlink
            pass
        database.source_db_instance_identifier = None
    return result


rds.RDSBackend.promote_read_replica = _promote_read_replica


# AWS refuses a read replica of an instance without automated backups (the RDS user guide, "Working with DB instance
# read replicas": "you must enable automatic backups on the source DB instance by setting the backup retention period
# to a value other than 0"). moto copied the source anyway, so a warm standby of a primary restored or modified to
# backupRetentionDays 0 rehearsed and failed in AWS. Refused as AWS does (docs/rules.md, AWS-RDS-L01). Wraps whatever
# create_db_instance_read_replica is installed above, so later patches of it keep working.
_replica_creator = rds.RDSBackend.create_db_instance_read_replica


def _refuse_replica_without_backups(self, db_kwargs):
    primary = self.find_db_from_id(db_kwargs["source_db_instance_identifier"])
    if not primary.backup_retention_period:
        from moto.rds.exceptions import RDSClientError
        raise RDSClientError(
            "InvalidDBInstanceState",
            "Automated backups are not enabled for this database instance. To enable automated backups, use"
            " ModifyDBInstance to set the backup retention period to a non-zero value.")
    return _replica_creator(self, db_kwargs)


rds.RDSBackend.create_db_instance_read_replica = _refuse_replica_without_backups


# AWS: a secret's replica is encrypted with the KMS key CreateSecret/ReplicateSecretToRegions named for its region
# (AddReplicaRegions[].KmsKeyId), and DescribeSecret's ReplicationStatus reports that key. moto reports the
# default key alias/aws/secretsmanager for every replica, so the provider plans to change the replica's key on every
# run. The requested key is kept, as AWS keeps it.
from moto.secretsmanager import models as _sm

_original_create_replicas = _sm.FakeSecret.create_replicas


def _create_replicas(self, replica_regions, force_overwrite):
    replicas = _original_create_replicas(self, replica_regions, force_overwrite)
    for replica, requested in zip(replicas, replica_regions or []):
        if requested.get("KmsKeyId"):
            replica.config["KmsKeyId"] = requested["KmsKeyId"]
    return replicas


_sm.FakeSecret.create_replicas = _create_replicas


# AWS refuses a final snapshot of a read replica (DeleteDBInstance: "FinalDBSnapshotIdentifier can not be specified
# when deleting a replica instance"; SkipFinalSnapshot must be true). moto took one, so a DR replica whose stack
# asked for a final snapshot could be destroyed here and never in AWS. Refused as AWS does.
_original_delete_db_instance = rds.RDSBackend.delete_db_instance


def _delete_db_instance(self, db_instance_identifier, final_db_snapshot_identifier=None, skip_final_snapshot=False,
                        delete_automated_backups=True):
    database = self.databases.get(db_instance_identifier)
    if database is not None and database.is_replica and final_db_snapshot_identifier and not skip_final_snapshot:
        from moto.rds.exceptions import InvalidParameterCombination
        raise InvalidParameterCombination(
            "FinalDBSnapshotIdentifier can not be specified when deleting a replica instance")
    return _original_delete_db_instance(self, db_instance_identifier, final_db_snapshot_identifier,
                                        skip_final_snapshot, delete_automated_backups)


rds.RDSBackend.delete_db_instance = _delete_db_instance


# AWS: CreateLaunchTemplate's TagSpecifications tag the launch template itself; the template's data keeps only the
# LaunchTemplateData.TagSpecifications it was given. moto copies the request's launch-template tags into the data, so
# the provider reads back a tag specification nobody configured and plans to remove it on every run.
from moto.ec2.responses import launch_templates as _lt

_original_create_launch_template = _lt.LaunchTemplates.create_launch_template


def _create_launch_template(self):
    requested = list((self._get_param("LaunchTemplateData", {}) or {}).get("TagSpecifications", []))
    result = _original_create_launch_template(self)
    template = self.ec2_backend.get_launch_template_by_name(self._get_param("LaunchTemplateName"))
    for version in template.versions:
        if requested:
            version.data["TagSpecifications"] = requested
        else:
            version.data.pop("TagSpecifications", None)
    return result


_lt.LaunchTemplates.create_launch_template = _create_launch_template


# AWS: a security group rule that references another group keeps its Description like any other rule
# (DescribeSecurityGroupRules returns it). moto reads a rule's description from its CIDR range only, so every
# aws_vpc_security_group_*_rule with referenced_security_group_id came back without one.
from moto.ec2.models import security_groups as _sg

_sg.SecurityGroupRule.description = property(
    lambda self: self.ip_range.get("Description") or (self.source_group or {}).get("Description"))


# AWS: server access logging accepts a target bucket whose policy lets logging.s3.amazonaws.com PutObject, whatever
# the policy's other statements look like and in either JSON form IAM allows (Principal "*" or an object, Action
# and Resource as a string or a list). moto 5.2 reads every statement's Principal as an object (a Deny statement
# with Principal "*" raises AttributeError, a 500 the provider retries until its timeout) and compares Resource
# as a string only, so PutBucketLogging never succeeds for a target bucket with a TLS-only policy.
import json as _json

from moto.s3 import models as _s3
from moto.s3.utils import LOGGING_SERVICE_PRINCIPAL as _LOGGING


def _as_list(value):
    return [value] if isinstance(value, str) else list(value or [])


def _log_permissions_enabled_policy(target_bucket, target_prefix):
    if not target_bucket.policy:
        return False
    arn = f"arn:{target_bucket.partition}:s3:::{target_bucket.name}"
    wanted = {f"{arn}/{target_prefix or ''}*", f"{arn}/*", arn}
    for stmt in _as_list(_json.loads(target_bucket.policy.decode()).get("Statement")):
        principal = stmt.get("Principal")
        services = _as_list(principal.get("Service")) if isinstance(principal, dict) else []
        if (_LOGGING in services and stmt.get("Effect") == "Allow"
                and {"s3:PutObject", "s3:*"} & set(_as_list(stmt.get("Action")))
                and wanted & set(_as_list(stmt.get("Resource")))):
            return True
    return False


_s3.FakeBucket._log_permissions_enabled_policy = staticmethod(_log_permissions_enabled_policy)


# AWS: Auto Scaling sends a group's launch/terminate events to SNS through PutNotificationConfiguration,
# DescribeNotificationConfigurations and DeleteNotificationConfiguration. moto 5.2 has none of the three (a 500,
# "not been implemented", that the provider retries until its timeout), so aws_autoscaling_notification could not
# be deployed at all. Kept as AWS keeps them: per group and topic, a put replaces the topic's types; a group that
# does not exist is refused. That events reach the topic is not emulated (docs/rehearsal.md: cannot prove).
from moto.autoscaling import responses as _asr
from moto.autoscaling.exceptions import ValidationError as _AsValidationError
from moto.core.responses import ActionResult as _ActionResult, EmptyResult as _EmptyResult

_NOTIFICATIONS = {}  # (account, region) -> {group: {topic: [types]}}


def _notifications(response):
    return _NOTIFICATIONS.setdefault((response.current_account, response.region), {})


def _put_notification_configuration(self):
    group = self._get_param("AutoScalingGroupName")
    if group not in self.autoscaling_backend.autoscaling_groups:
        raise _AsValidationError(f"AutoScalingGroup name not found - {group}")
    _notifications(self).setdefault(group, {})[self._get_param("TopicARN")] = list(
        self._get_param("NotificationTypes", []))
    return _EmptyResult()


def _describe_notification_configurations(self):
    wanted = self._get_param("AutoScalingGroupNames", [])
    out = []
    for group, topics in sorted(_notifications(self).items()):
        if wanted and group not in wanted:
            continue
        for topic, types in sorted(topics.items()):
            out += [{"AutoScalingGroupName": group, "TopicARN": topic, "NotificationType": t} for t in types]
    return _ActionResult({"NotificationConfigurations": out})


def _delete_notification_configuration(self):
    _notifications(self).get(self._get_param("AutoScalingGroupName"), {}).pop(self._get_param("TopicARN"), None)
    return _EmptyResult()


_asr.AutoScalingResponse.put_notification_configuration = _put_notification_configuration
_asr.AutoScalingResponse.describe_notification_configurations = _describe_notification_configurations
_asr.AutoScalingResponse.delete_notification_configuration = _delete_notification_configuration


# AWS: a group with an instance_refresh block gets StartInstanceRefresh from the provider when its launch template
# changes (a new app.tag, a new AMI), and the runbook's rollout and rollback by tag rely on it; DescribeInstanceRefreshes
# reports it. moto 5.2 implements neither (a 500, "not been implemented"). Emulated as its outcome: the refresh
# completes at once, every instance of the group replaced by one launched from the group's current template version
# (Status Successful, PercentageComplete 100). How long AWS takes, warm-up and the healthy percentage are not
# emulated (docs/rehearsal.md: cannot prove). A refresh of a group that does not exist is refused as AWS does.
_REFRESHES = {}  # (account, region) -> {group: [refresh, newest first]}

# AWS: CreateLaunchTemplateVersion's UserData is base64 like CreateLaunchTemplate's, and every instance launched
# from the new version gets it. moto 5.2 stores it unparsed (a str), and the next launch from that version (a group
# replacing an instance, RunInstances with the template) fails its own assertion (a 500 the provider retries).
from moto.ec2.models import launch_templates as _ltm
from moto.ec2.utils import parse_user_data as _parse_user_data

_original_create_version = _ltm.LaunchTemplate.create_version


def _create_version(self, data, description):
    version = _original_create_version(self, data, description)
    if isinstance(version.data.get("UserData"), (str, bytes)):
        version.data["UserData"] = _parse_user_data(version.data["UserData"])
    return version


_ltm.LaunchTemplate.create_version = _create_version


def _start_instance_refresh(self):
    import datetime
    import uuid
    name = self._get_param("AutoScalingGroupName")
    backend = self.autoscaling_backend
    if name not in backend.autoscaling_groups:
        raise _AsValidationError(f"AutoScalingGroup name not found - {name}")
    group = backend.autoscaling_groups[name]
    old = [s.instance.id for s in group.instance_states]
    if old:
        backend.ec2_backend.terminate_instances(old)
        backend.notify_terminate_instances(old)  # the group launches the replacements, as after a termination
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    refresh = {"InstanceRefreshId": str(uuid.uuid4()), "AutoScalingGroupName": name, "Status": "Successful",
               "StatusReason": "", "StartTime": now, "EndTime": now, "PercentageComplete": 100,
               "InstancesToUpdate": 0}
    _REFRESHES.setdefault((self.current_account, self.region), {}).setdefault(name, []).insert(0, refresh)
    return _ActionResult({"InstanceRefreshId": refresh["InstanceRefreshId"]})


def _describe_instance_refreshes(self):
    name = self._get_param("AutoScalingGroupName")
    return _ActionResult({"InstanceRefreshes": list(
        _REFRESHES.get((self.current_account, self.region), {}).get(name, []))})


def _cancel_instance_refresh(self):
    # Every emulated refresh has completed: AWS answers ActiveInstanceRefreshNotFound when none is in progress.
    raise _ActiveInstanceRefreshNotFound("No in progress or pending Instance Refresh found for Auto Scaling group "
                                         + self._get_param("AutoScalingGroupName"))


class _ActiveInstanceRefreshNotFound(_AsValidationError):
    code = "ActiveInstanceRefreshNotFound"


# moto names an error's service after the module of its class.
_ActiveInstanceRefreshNotFound.__module__ = _AsValidationError.__module__


_asr.AutoScalingResponse.start_instance_refresh = _start_instance_refresh
_asr.AutoScalingResponse.describe_instance_refreshes = _describe_instance_refreshes
_asr.AutoScalingResponse.cancel_instance_refresh = _cancel_instance_refresh


# AWS: RestoreDBInstanceToPointInTime creates the instance with the request's DeletionProtection, false when not
# given (API reference: "By default, deletion protection isn't enabled"). moto 5.2 copies the source's settings and
# drops every false override, so an instance restored from a protected one (the runbook's point-in-time path,
# --no-deletion-protection) came out protected and its deletion was refused.
_original_restore_pitr = rds.RDSBackend.restore_db_instance_to_point_in_time


def _restore_db_instance_to_point_in_time(self, source_db_identifier, target_db_identifier, overrides):
    database = _original_restore_pitr(self, source_db_identifier, target_db_identifier, overrides)
    requested = overrides.get("deletion_protection", overrides.get("DeletionProtection", False))
    database.deletion_protection = requested in (True, "true", "True")
    return database


rds.RDSBackend.restore_db_instance_to_point_in_time = _restore_db_instance_to_point_in_time


# ---- Stored and returned as AWS does (each was an excused second-plan difference; docs/rehearsal.md) ----------

# AWS: CreateDBInstance, CreateDBInstanceReadReplica and ModifyDBInstance take MonitoringInterval,
# MonitoringRoleArn, EnablePerformanceInsights, PerformanceInsightsKMSKeyId and PerformanceInsightsRetentionPeriod,
# and DescribeDBInstances returns them (MonitoringInterval 0 and PerformanceInsightsEnabled false when not asked
# for, PerformanceInsightsRetentionPeriod 7 when enabled without one, EnhancedMonitoringResourceArn naming the
# RDSOSMetrics log stream of the instance while monitoring is on). moto 5.2 drops all five at create (DBInstance
# swallows them in **kwargs) and, at modify, stores EnablePerformanceInsights under a name its response never
# reads, so the provider planned monitoring and Performance Insights again on every run.
_RDS_MONITORING_ARGS = ("monitoring_interval", "monitoring_role_arn", "enable_performance_insights",
                        "performance_insights_kms_key_id", "performance_insights_retention_period")


def _rds_set_monitoring(database, args):
    if args.get("monitoring_interval") is not None:
        database.monitoring_interval = int(args["monitoring_interval"])
    if args.get("monitoring_role_arn") is not None:
        database.monitoring_role_arn = args["monitoring_role_arn"]
    enabled = args.get("enable_performance_insights")
    if enabled is not None:
        database.performance_insights_enabled = enabled in (True, "true", "True")
    if args.get("performance_insights_kms_key_id") is not None:
        database.performance_insights_kms_key_id = args["performance_insights_kms_key_id"]
    if args.get("performance_insights_retention_period") is not None:
        database.performance_insights_retention_period = int(args["performance_insights_retention_period"])
    if database.performance_insights_enabled and database.performance_insights_retention_period is None:
        database.performance_insights_retention_period = 7


def _rds_default_monitoring(database):
    database.monitoring_interval = 0
    database.monitoring_role_arn = None
    database.performance_insights_enabled = False
    database.performance_insights_kms_key_id = None
    database.performance_insights_retention_period = None


_rds_init_before_monitoring = rds.DBInstance.__init__


def _rds_init_with_monitoring(self, *args, **kwargs):
    _rds_init_before_monitoring(self, *args, **kwargs)
    _rds_default_monitoring(self)
    # a restore copies moto's stored attributes into kwargs: PerformanceInsightsEnabled comes back under its own name
    if "enable_performance_insights" not in kwargs and "performance_insights_enabled" in kwargs:
        kwargs["enable_performance_insights"] = kwargs["performance_insights_enabled"]
    _rds_set_monitoring(self, kwargs)


rds.DBInstance.__init__ = _rds_init_with_monitoring

_rds_update_before_monitoring = rds.DBInstance.update


def _rds_update_with_monitoring(self, **db_kwargs):
    args = {key: db_kwargs.pop(key) for key in _RDS_MONITORING_ARGS if key in db_kwargs}
    _rds_update_before_monitoring(self, **db_kwargs)
    _rds_set_monitoring(self, args)


rds.DBInstance.update = _rds_update_with_monitoring

# AWS: a read replica has its own monitoring and Performance Insights settings, from its own request (defaults as
# above); moto's replica is a copy of its source, so it would carry the source's.
_rds_create_replica_before_monitoring = rds.RDSBackend.create_db_instance_read_replica


def _rds_create_replica_with_monitoring(self, db_kwargs):
    args = {key: db_kwargs[key] for key in _RDS_MONITORING_ARGS if key in db_kwargs}
    replica = _rds_create_replica_before_monitoring(self, db_kwargs)
    _rds_default_monitoring(replica)
    _rds_set_monitoring(replica, args)
    return replica


rds.RDSBackend.create_db_instance_read_replica = _rds_create_replica_with_monitoring


def _rds_enhanced_monitoring_resource_arn(self):
    if not getattr(self, "monitoring_interval", 0):
        return None
    return f"arn:{self.partition}:logs:{self.region}:{self.account_id}:log-group:RDSOSMetrics:log-stream:" \
           f"{self.dbi_resource_id}"


rds.DBInstance.enhanced_monitoring_resource_arn = property(_rds_enhanced_monitoring_resource_arn)


# AWS: GetBucketReplication returns each rule as PutBucketReplication stored it: its Filter, DeleteMarkerReplication,
# SourceSelectionCriteria (SseKmsEncryptedObjects, ReplicaModifications), ExistingObjectReplication and a V1 rule's
# Prefix. moto 5.2 stores the whole rule but renders every one with DeleteMarkerReplication Disabled and
# Filter {Prefix: ""} and without SourceSelectionCriteria, so a rule replicating delete markers and SSE-KMS
# objects planned both again on every run.
from moto.s3 import responses as _s3r

_S3_REPLICATION_RULE_FIELDS = ("SourceSelectionCriteria", "ExistingObjectReplication")


def _s3_get_bucket_replication(self):
    self.data["Action"] = "GetBucketReplication"
    replication = self.backend.get_bucket_replication(self.bucket_name)
    if not replication:
        from moto.s3.exceptions import ReplicationConfigurationNotFoundError
        raise ReplicationConfigurationNotFoundError(bucket_name=self.bucket_name)
    rules = []
    for stored in replication["Rule"]:
        rule = {"ID": stored["ID"], "Priority": stored["Priority"], "Status": stored["Status"],
                "DeleteMarkerReplication": stored.get("DeleteMarkerReplication") or {"Status": "Disabled"},
                "Destination": stored["Destination"]}
        if "Prefix" in stored:  # a V1 rule (Prefix, no Filter) has no Filter in AWS either
            rule["Prefix"] = stored["Prefix"] or ""
        else:
            rule["Filter"] = dict(stored.get("Filter") or {"Prefix": ""})
            if "Prefix" in rule["Filter"] and rule["Filter"]["Prefix"] is None:  # <Prefix></Prefix> parses as None
                rule["Filter"]["Prefix"] = ""
        for field in _S3_REPLICATION_RULE_FIELDS:
            if stored.get(field) is not None:
                rule[field] = stored[field]
        rules.append(rule)
    return self.serialized(_ActionResult({"ReplicationConfiguration": {"Role": replication["Role"],
                                                                       "Rules": rules}}))


_s3r.S3Response.get_bucket_replication = _s3_get_bucket_replication

# AWS (S3 API reference, PutObject, x-amz-server-side-encryption-aws-kms-key-id): "If you specify
# x-amz-server-side-encryption:aws:kms ... but do not provide x-amz-server-side-encryption-aws-kms-key-id, Amazon S3
# uses the AWS managed key (aws/s3) to protect the data", whatever the bucket's default key. moto took the bucket's
# default key instead, so an upload with `aws s3 cp --sse aws:kms` (and no --sse-kms-key-id) looked encrypted with
# the environment's data key. Also for multipart uploads and copies, which store through put_object.
_s3_put_object_before_managed_key = _s3.S3Backend.put_object


def _s3_put_object_managed_key(self, *args, **kwargs):
    if kwargs.get("encryption") == "aws:kms" and not kwargs.get("kms_key_id"):
        from moto.kms.models import kms_backends
        bucket = self.get_bucket(args[0] if args else kwargs["bucket_name"])  # S3's backend is the partition's
        kms = kms_backends[self.account_id][bucket.region_name]
        kwargs["kms_key_id"] = kms.keys[kms.get_key_id_from_alias("alias/aws/s3")].arn
    return _s3_put_object_before_managed_key(self, *args, **kwargs)


_s3.S3Backend.put_object = _s3_put_object_managed_key

# AWS: an instance in a VPC has the security groups of its primary network interface; DescribeInstances returns
# them as the instance's SecurityGroups (and DescribeInstanceAttribute groupSet), however RunInstances was given
# them. The provider sends them inside NetworkInterfaces when it asks for a public address
# (associate_public_ip_address); moto puts them on that interface only and reports the instance with none, so
# vpc_security_group_ids planned to add them on every run.
from moto.ec2.models import instances as _ec2_instances

_ec2_instance_init_before_nic_groups = _ec2_instances.Instance.__init__


def _ec2_instance_init_with_nic_groups(self, *args, **kwargs):
    _ec2_instance_init_before_nic_groups(self, *args, **kwargs)
    primary = self.nics.get(0)
    if not self.security_groups and primary is not None and primary._group_set:
        self.security_groups = list(primary._group_set)


_ec2_instances.Instance.__init__ = _ec2_instance_init_with_nic_groups

# ---- end of "stored and returned as AWS does" ----------------------------------------------------------------


def externals(endpoint, zone_name, domain, regions):
    import datetime
    import json

    import boto3
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    session = boto3.session.Session(aws_access_key_id="AKIAREHEARSALFAKEKEY",
                                    aws_secret_access_key="rehearsal-fake-secret-not-an-aws-key")
    zone = session.client("route53", region_name="us-east-1", endpoint_url=endpoint).create_hosted_zone(
        Name=zone_name, CallerReference="opsstack-rehearse")["HostedZone"]["Id"].split("/")[-1]
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, domain)])
    now = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(now).not_valid_after(now + datetime.timedelta(days=3650))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(domain), x509.DNSName("*." + domain)]),
                           critical=False)
            .sign(key, hashes.SHA256()))
    body = cert.public_bytes(serialization.Encoding.PEM)
    private = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                                serialization.NoEncryption())
    certificates = {}
    for region in regions:
        acm = session.client("acm", region_name=region, endpoint_url=endpoint)
        certificates[region] = acm.import_certificate(Certificate=body, PrivateKey=private)["CertificateArn"]
    print(json.dumps({"zoneId": zone, "certificates": certificates}))


def empty_buckets(endpoint, prefix):
    """Deletes every object version and delete marker of the emulator's buckets named PREFIX..., as a real teardown
    must before Terraform can delete a bucket (DeleteBucket answers 409 BucketNotEmpty; server access logs fill the
    backups' log bucket). Prints {bucket: objects removed} as JSON."""
    import json

    import boto3
    from botocore.config import Config

    session = boto3.session.Session(aws_access_key_id="AKIAREHEARSALFAKEKEY",
                                    aws_secret_access_key="rehearsal-fake-secret-not-an-aws-key")
    s3 = session.client("s3", region_name="us-east-1", endpoint_url=endpoint,
                        config=Config(s3={"addressing_style": "path"}))
    removed = {}
    for bucket in sorted(b["Name"] for b in s3.list_buckets().get("Buckets", [])):
        if not bucket.startswith(prefix):
            continue
        count = 0
        for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket):
            items = [{"Key": v["Key"], "VersionId": v["VersionId"]}
                     for v in page.get("Versions", []) + page.get("DeleteMarkers", [])]
            if items:
                s3.delete_objects(Bucket=bucket, Delete={"Objects": items, "Quiet": True})
                count += len(items)
        removed[bucket] = count
    print(json.dumps(removed))


def hand_changes(endpoint, environment, args):
    """The drift drill's hand-made changes (issue 22, item 7), made through the AWS API as someone with console or CLI
    access would, to the resources the shipped stacks name for ENVIRONMENT: a rule added to the app hosts' security
    group (<env>-app), the DB instance (<env>-postgres) modified to another class, the backups bucket's
    (opsstack-<env>-backups-*-<region>) versioning suspended, and the tag "environment" removed from the VPC
    (Name <env>-vpc). Usage: hand-changes ENDPOINT ENV [--region R] [CHANGE...] with CHANGE among sg-rule,
    instance-class, versioning, tag (default: all four; an SQLite environment has no DB instance). Prints
    {"environment", "region", "changes": [{"change", "resource", "argument", "old", "new"}]} as JSON; a target that
    does not exist is an error (exit 1), never skipped silently."""
    import argparse
    import json

    import boto3
    from botocore.config import Config

    parser = argparse.ArgumentParser(prog="moto_launcher.py hand-changes")
    parser.add_argument("--region", default="us-east-1")
    parser.add_argument("changes", nargs="*", metavar="CHANGE")
    options = parser.parse_args(args)
    every = ["sg-rule", "instance-class", "versioning", "tag"]
    unknown = [c for c in options.changes if c not in every]
    if unknown:
        parser.error("unknown change %s (choose among %s)" % (", ".join(unknown), ", ".join(every)))
    wanted = options.changes or every
    region = options.region
    session = boto3.session.Session(aws_access_key_id="AKIAREHEARSALFAKEKEY",
                                    aws_secret_access_key="rehearsal-fake-secret-not-an-aws-key", region_name=region)
    ec2 = session.client("ec2", endpoint_url=endpoint)
    done = []

    def missing(what):
        sys.stderr.write("hand-changes: %s not found in %s at %s\n" % (what, region, endpoint))
        sys.exit(1)

    if "sg-rule" in wanted:
        name = environment + "-app"
        groups = ec2.describe_security_groups(Filters=[{"Name": "group-name", "Values": [name]}])["SecurityGroups"]
        if not groups:
            missing("security group " + name)
        group = groups[0]["GroupId"]
        # 203.0.113.0/24 is TEST-NET-3 (RFC 5737): documentation only, never a real network.
        rule = {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22,
                "IpRanges": [{"CidrIp": "203.0.113.0/24", "Description": "hand-made (drift drill)"}]}
        answer = ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[rule])
        rule_ids = [r["SecurityGroupRuleId"] for r in answer.get("SecurityGroupRules", [])]
        done.append({"change": "sg-rule", "resource": group, "argument": "ingress", "old": None,
                     "new": {"protocol": "tcp", "fromPort": 22, "toPort": 22, "cidr": "203.0.113.0/24",
                             "ruleIds": rule_ids}})
    if "instance-class" in wanted:
        rds_client = session.client("rds", endpoint_url=endpoint)
        identifier = environment + "-postgres"
        try:
            db = rds_client.describe_db_instances(DBInstanceIdentifier=identifier)["DBInstances"][0]
        except rds_client.exceptions.DBInstanceNotFoundFault:
            missing("DB instance " + identifier)
        old = db["DBInstanceClass"]
        new = "db.t3.small" if old != "db.t3.small" else "db.t3.medium"
        rds_client.modify_db_instance(DBInstanceIdentifier=identifier, DBInstanceClass=new, ApplyImmediately=True)
        done.append({"change": "instance-class", "resource": identifier, "argument": "instance_class", "old": old,
                     "new": new})
    if "versioning" in wanted:
        s3 = session.client("s3", endpoint_url=endpoint, config=Config(s3={"addressing_style": "path"}))
        prefix = "opsstack-" + environment + "-backups-"
        buckets = [b["Name"] for b in s3.list_buckets().get("Buckets", [])
                   if b["Name"].startswith(prefix) and b["Name"].endswith("-" + region)]
        if not buckets:
            missing("backups bucket " + prefix + "*-" + region)
        bucket = sorted(buckets)[0]
        old = s3.get_bucket_versioning(Bucket=bucket).get("Status")
        s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Suspended"})
        done.append({"change": "versioning", "resource": bucket, "argument": "versioning_configuration.status",
                     "old": old, "new": "Suspended"})
    if "tag" in wanted:
        name = environment + "-vpc"
        vpcs = ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": [name]}])["Vpcs"]
        if not vpcs:
            missing("VPC tagged Name=" + name)
        vpc = vpcs[0]
        old = {t["Key"]: t["Value"] for t in vpc.get("Tags", [])}.get("environment")
        if old is None:
            missing("tag environment on VPC " + vpc["VpcId"])
        ec2.delete_tags(Resources=[vpc["VpcId"]], Tags=[{"Key": "environment"}])
        done.append({"change": "tag", "resource": vpc["VpcId"], "argument": "tags.environment", "old": old,
                     "new": None})
    print(json.dumps({"environment": environment, "region": region, "changes": done}))


def main():
    if sys.argv[1] == "externals":
        externals(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:])
        return
    if sys.argv[1] == "empty-buckets":
        empty_buckets(sys.argv[2], sys.argv[3])
        return
    if sys.argv[1] == "hand-changes":
        hand_changes(sys.argv[2], sys.argv[3], sys.argv[4:])
        return
    port = sys.argv[1]
    from moto.server import main as moto_main
    moto_main(["-H", "127.0.0.1", "-p", port])


if __name__ == "__main__":
    main()
