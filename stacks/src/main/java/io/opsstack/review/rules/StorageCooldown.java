package io.opsstack.review.rules;

import io.opsstack.review.Consequence;
import io.opsstack.review.Note;
import io.opsstack.review.Review;
import io.opsstack.review.ReviewRule;

import java.util.List;
import java.util.Set;

/**
 * After a storage modification RDS allows the next one only after six hours or when storage optimization has
 * completed, whichever is longer (RDS user guide, "Increasing DB instance storage capacity").
 */
public final class StorageCooldown implements ReviewRule {

    private static final Set<String> STORAGE = Set.of("allocated_storage", "storage_type", "iops", "storage_throughput");

    @Override
    public String id() {
        return "REV-STORAGE-COOLDOWN";
    }

    @Override
    public Consequence consequence() {
        return Consequence.OTHER;
    }

    @Override
    public Note check(Review review, List<Review.ResourceChange> changes) {
        for (Review.ResourceChange db : Rds.databases(changes)) {
            if (db.action().equals("update") && db.changes().stream().anyMatch(ch -> STORAGE.contains(ch.attribute()))) {
                return note("no further storage change for 6 hours", "a storage change of " + db.path() + " puts"
                        + " the instance into storage-optimization: RDS refuses the next storage modification for"
                        + " six hours or until the optimization completes, whichever is longer (it can take more than"
                        + " a day; storage autoscaling waits too). Size with headroom now; other modifications"
                        + " (instance class, reboot) remain possible. Storage can never shrink");
            }
        }
        return null;
    }
}
