package io.opsstack.review.rules;

import io.opsstack.review.Consequence;
import io.opsstack.review.Note;
import io.opsstack.review.Review;
import io.opsstack.review.ReviewRule;

import java.util.List;

/**
 * A resource with deletion protection on cannot be deleted: a destroy or replace of it fails ("Cannot delete
 * protected DB Instance, please disable deletion protection and try again."; a load balancer: "Load balancer ...
 * cannot be deleted because deletion protection is enabled"). Lifting it is a change of its own, applied first:
 * in the same change the replacement deletes the old instance before any update could lift it
 * (hashicorp/terraform-provider-aws#6645; the rehearsal lifts it in an apply of its own for the same reason).
 */
public final class ProtectedDestroyed implements ReviewRule {

    @Override
    public String id() {
        return "REV-REFUSED-PROTECTED";
    }

    @Override
    public Consequence consequence() {
        return Consequence.REFUSED;
    }

    @Override
    public Note check(Review review, List<Review.ResourceChange> changes) {
        List<Review.ResourceChange> protectedOnes = changes.stream().filter(c -> Rds.gone(c)
                && (c.type().equals(Rds.DB) && review.before(c.path()).path("deletion_protection").asBoolean(false)
                || c.type().equals("aws_lb") && review.before(c.path()).path("enable_deletion_protection")
                .asBoolean(false))).toList();
        if (protectedOnes.isEmpty()) {
            return null;
        }
        return note("deletion protection is on for " + String.join(", ", protectedOnes.stream()
                .map(Review.ResourceChange::path).toList()), "this apply will fail: it destroys "
                + String.join(", ", protectedOnes.stream().map(c -> c.type() + " " + c.path()).toList())
                + ", whose deletion protection is on in AWS (\"Cannot delete protected DB Instance, please disable"
                + " deletion protection and try again.\"); the apply stops at it. Instead: take a manual snapshot"
                + " (docs/runbook.md#performing-a-database-backup), lift the protection in a change of its own"
                + " (database.deletionProtection: false with the OPS-RDS-004 suppression, deployed), then apply"
                + " this one (docs/configuration.md#restoring-from-a-snapshot-the-runbooks-restore-procedure, step 2)");
    }
}
