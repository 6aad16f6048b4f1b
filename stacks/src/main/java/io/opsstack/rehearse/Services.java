package io.opsstack.rehearse;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which AWS service (the provider's {@code endpoints} key) each resource and data source type of our stacks talks
 * to. A type with no entry stops the rehearsal before Terraform starts: without an endpoint the provider would
 * call the real AWS for it.
 */
public final class Services {

    /** Every endpoint the rehearsal always sets: the provider's account and region lookups go through them. */
    static final List<String> ALWAYS = List.of("sts", "iam", "ec2");

    // Longest prefix wins. A prefix names a family of resource types of one service in the AWS provider.
    private static final Map<String, String> BY_PREFIX = Map.ofEntries(
            Map.entry("aws_vpc", "ec2"), Map.entry("aws_subnet", "ec2"), Map.entry("aws_route_table", "ec2"),
            Map.entry("aws_route", "ec2"), Map.entry("aws_internet_gateway", "ec2"),
            Map.entry("aws_nat_gateway", "ec2"), Map.entry("aws_eip", "ec2"), Map.entry("aws_security_group", "ec2"),
            Map.entry("aws_default_security_group", "ec2"), Map.entry("aws_flow_log", "ec2"),
            Map.entry("aws_availability_zones", "ec2"), Map.entry("aws_launch_template", "ec2"),
            Map.entry("aws_instance", "ec2"), Map.entry("aws_ebs_volume", "ec2"),
            Map.entry("aws_volume_attachment", "ec2"), Map.entry("aws_ami", "ec2"),
            Map.entry("aws_caller_identity", "sts"), Map.entry("aws_region", "ec2"),
            Map.entry("aws_iam_", "iam"), Map.entry("aws_kms_", "kms"), Map.entry("aws_s3_", "s3"),
            Map.entry("aws_db_", "rds"), Map.entry("aws_rds_", "rds"),
            Map.entry("aws_lb", "elbv2"), Map.entry("aws_alb", "elbv2"),
            Map.entry("aws_autoscaling_", "autoscaling"), Map.entry("aws_cloudwatch_metric_alarm", "cloudwatch"),
            Map.entry("aws_cloudwatch_log_", "logs"), Map.entry("aws_sns_", "sns"),
            Map.entry("aws_route53_", "route53"), Map.entry("aws_ssm_", "ssm"),
            Map.entry("aws_secretsmanager_", "secretsmanager"), Map.entry("aws_acm_", "acm"));

    /** Data sources the provider answers without any call (region and partition come from its own config). */
    private static final List<String> NO_CALL = List.of("aws_partition", "aws_elb_service_account");

    private Services() {
    }

    /** The endpoint key for a resource or data source type, or null when none is known. */
    static String of(String type) {
        if (NO_CALL.contains(type)) {
            return "";
        }
        String best = null;
        for (String prefix : BY_PREFIX.keySet()) {
            if (type.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? null : BY_PREFIX.get(best);
    }

    /** What a stack needs: its services, and the AWS types no endpoint covers (each named). */
    record Needs(SortedSet<String> services, List<String> uncovered) {
    }

    /** Reads a synthesized stack ({@code cdk.tf.json}) and lists the endpoint keys its AWS types need. */
    static Needs of(JsonNode stack) {
        SortedSet<String> services = new TreeSet<>(ALWAYS);
        List<String> uncovered = new ArrayList<>();
        for (String block : List.of("resource", "data")) {
            Iterator<String> types = stack.path(block).fieldNames();
            while (types.hasNext()) {
                String type = types.next();
                if (!type.startsWith("aws_")) {
                    continue; // terraform_remote_state, null_resource, ...: not AWS
                }
                String service = of(type);
                if (service == null) {
                    uncovered.add(block + " " + type);
                } else if (!service.isEmpty()) {
                    services.add(service);
                }
            }
        }
        return new Needs(services, uncovered);
    }
}
