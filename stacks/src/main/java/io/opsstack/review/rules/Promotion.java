package io.opsstack.review.rules;

import io.opsstack.review.Consequence;
import io.opsstack.review.Note;
import io.opsstack.review.Review;
import io.opsstack.review.ReviewRule;

import java.util.List;

/** Removing replicate_source_db promotes a read replica: a one-way step, it never becomes that replica again. */
public final class Promotion implements ReviewRule {

    @Override
    public String id() {
        return "REV-ONE-WAY-PROMOTION";
    }

    @Override
    public Consequence consequence() {
        return Consequence.OTHER;
    }

    @Override
    public Note check(Review review, List<Review.ResourceChange> changes) {
        for (Review.ResourceChange db : Rds.databases(changes)) {
            String before = Rds.text(review.before(db.path()), "replicate_source_db");
            String after = Rds.text(review.after(db.path()), "replicate_source_db");
            if (db.action().equals("update") && !before.isEmpty() && after.isEmpty()) {
                return note("one-way: promotes the replica " + db.path(), "removing replicate_source_db promotes"
                        + " the read replica " + db.path() + " to a standalone, writable instance: a one-way step."
                        + " It stops following " + before + " and cannot be made its replica again in place (the"
                        + " provider refuses it); going back means a new replica (docs/disaster-recovery.md#failback)");
            }
        }
        return null;
    }
}
