package io.opsstack.review.rules;

import io.opsstack.review.Consequence;
import io.opsstack.review.Note;
import io.opsstack.review.Review;
import io.opsstack.review.ReviewRule;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When the VPC is replaced, the resources that Terraform updates in place to point at the new VPC's subnets and
 * groups cannot follow: a DB subnet group's subnets must stay in its VPC ("InvalidParameterValue: The new Subnets
 * are not in the same Vpc as the existing subnet group", hashicorp/terraform-provider-aws#27459), an RDS instance
 * and its security groups must be in one VPC, a load balancer's subnets must be in its VPC; and the old subnets and
 * groups cannot be deleted while network interfaces use them (DependencyViolation). The apply stops partway.
 */
public final class CannotMoveVpc implements ReviewRule {

    /** Type to the arguments whose in-place change to another VPC's resources AWS refuses. */
    private static final Map<String, Set<String>> STUCK = Map.of(
            "aws_db_subnet_group", Set.of("subnet_ids"),
            "aws_db_instance", Set.of("vpc_security_group_ids", "db_subnet_group_name"),
            "aws_lb", Set.of("subnets", "security_groups", "subnet_mapping"),
            "aws_elasticache_subnet_group", Set.of("subnet_ids"));

    @Override
    public String id() {
        return "REV-REFUSED-VPC-MOVE";
    }

    @Override
    public Consequence consequence() {
        return Consequence.REFUSED;
    }

    @Override
    public Note check(Review review, List<Review.ResourceChange> changes) {
        if (changes.stream().noneMatch(c -> c.type().equals("aws_vpc") && c.action().equals("replace"))) {
            return null;
        }
        List<Review.ResourceChange> stuck = changes.stream().filter(c -> c.action().equals("update")
                && c.changes().stream().anyMatch(ch -> STUCK.getOrDefault(c.type(), Set.of())
                .contains(ch.attribute().split("[./\\[]", 2)[0]))).toList();
        if (stuck.isEmpty()) {
            return null;
        }
        boolean database = stuck.stream().anyMatch(c -> c.type().startsWith("aws_db_"));
        return note(database ? "the database cannot move to the new VPC in place: it must be migrated"
                        : "the load balancer cannot move to the new VPC in place",
                "this apply will fail: " + String.join(", ", stuck.stream().map(c -> c.type() + " " + c.path())
                        .toList()) + " would be updated in place to the new VPC's subnets or security groups, which"
                        + " AWS refuses (a DB subnet group: \"The new Subnets are not in the same Vpc as the existing"
                        + " subnet group\"; an RDS instance and its security groups must share a VPC; a load"
                        + " balancer's subnets must be in its VPC), and the old subnets and groups cannot be deleted"
                        + " while these resources' network interfaces use them (DependencyViolation), so the apply"
                        + " stops partway with both networks half there. Instead, migrate: create the new network"
                        + " beside the old one (a new environment, or new construct ids), restore the database into"
                        + " it from a snapshot (docs/runbook.md#performing-a-database-backup, then"
                        + " docs/configuration.md#restoring-from-a-snapshot-the-runbooks-restore-procedure), move DNS,"
                        + " then remove the old environment");
    }
}
