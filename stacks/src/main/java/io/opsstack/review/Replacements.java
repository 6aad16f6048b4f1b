package io.opsstack.review;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Attribute changes that make Terraform replace a resource instead of updating it, for the resource types opsstack
 * writes (from the AWS provider's ForceNew arguments). One place; docs/review.md lists it. A changed construct id
 * always replaces: the resource gets a new address.
 */
public final class Replacements {

    public static final Map<String, Set<String>> FORCE_NEW = Map.ofEntries(
            Map.entry("aws_db_instance", Set.of("identifier", "engine", "kms_key_id", "storage_encrypted",
                    "availability_zone", "snapshot_identifier", "username", "db_name", "restore_to_point_in_time")),
            Map.entry("aws_db_subnet_group", Set.of("name")),
            Map.entry("aws_db_parameter_group", Set.of("name", "family")),
            Map.entry("aws_instance", Set.of("subnet_id", "availability_zone", "ami", "launch_template")),
            Map.entry("aws_subnet", Set.of("cidr_block", "availability_zone", "vpc_id")),
            Map.entry("aws_vpc", Set.of("cidr_block")),
            Map.entry("aws_security_group", Set.of("name", "description", "vpc_id")),
            Map.entry("aws_s3_bucket", Set.of("bucket")),
            Map.entry("aws_kms_alias", Set.of("name")),
            Map.entry("aws_lb", Set.of("name", "internal", "load_balancer_type")),
            Map.entry("aws_lb_target_group", Set.of("name", "port", "protocol", "vpc_id", "target_type")),
            Map.entry("aws_iam_role", Set.of("name")),
            Map.entry("aws_iam_instance_profile", Set.of("name")),
            Map.entry("aws_cloudwatch_log_group", Set.of("name")),
            Map.entry("aws_nat_gateway", Set.of("subnet_id", "allocation_id", "connectivity_type")),
            Map.entry("aws_route53_record", Set.of("name", "type", "set_identifier")),
            Map.entry("aws_vpc_security_group_ingress_rule", Set.of("security_group_id")),
            Map.entry("aws_vpc_security_group_egress_rule", Set.of("security_group_id")),
            Map.entry("aws_sns_topic", Set.of("name")),
            Map.entry("aws_sns_topic_subscription", Set.of("topic_arn", "protocol", "endpoint")),
            Map.entry("aws_route_table", Set.of("vpc_id")),
            Map.entry("aws_route_table_association", Set.of("subnet_id", "gateway_id")),
            Map.entry("aws_route", Set.of("route_table_id", "destination_cidr_block")),
            Map.entry("aws_default_security_group", Set.of("vpc_id")),
            Map.entry("aws_vpc_endpoint", Set.of("vpc_id", "service_name", "vpc_endpoint_type")),
            // A flow log cannot be updated at all (tags aside).
            Map.entry("aws_flow_log", Set.of("vpc_id", "subnet_id", "iam_role_arn", "log_destination",
                    "log_destination_type", "log_format", "traffic_type", "max_aggregation_interval")),
            Map.entry("aws_lb_listener", Set.of("load_balancer_arn")),
            Map.entry("aws_autoscaling_group", Set.of("name")),
            Map.entry("aws_iam_role_policy", Set.of("role", "name")),
            Map.entry("aws_iam_role_policy_attachment", Set.of("role", "policy_arn")),
            Map.entry("aws_s3_bucket_policy", Set.of("bucket")),
            Map.entry("aws_s3_bucket_versioning", Set.of("bucket")),
            Map.entry("aws_s3_bucket_lifecycle_configuration", Set.of("bucket")),
            Map.entry("aws_s3_bucket_ownership_controls", Set.of("bucket")),
            Map.entry("aws_s3_bucket_public_access_block", Set.of("bucket")),
            Map.entry("aws_s3_bucket_server_side_encryption_configuration", Set.of("bucket")),
            Map.entry("docker_container", Set.of("image", "name", "upload", "env", "command", "ports",
                    "networks_advanced", "volumes")));

    private Replacements() {
    }

    /** Whether a change of {@code attributePath} (first segment is the argument) replaces a resource of {@code type}. */
    public static boolean forces(String type, String attributePath) {
        String argument = attributePath.split("[./\\[]", 2)[0];
        return FORCE_NEW.getOrDefault(type, Set.of()).contains(argument);
    }

    /** For the docs: "type: a, b, c" lines, sorted. */
    public static List<String> describe() {
        return FORCE_NEW.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + ": " + String.join(", ", e.getValue().stream().sorted().toList())).toList();
    }
}
