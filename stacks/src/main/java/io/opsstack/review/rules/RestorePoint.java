package io.opsstack.review.rules;

import io.opsstack.review.Consequence;
import io.opsstack.review.Note;
import io.opsstack.review.Review;
import io.opsstack.review.ReviewRule;

import java.util.List;

/** An instance created from a snapshot (or a point in time) holds that point's data: what came after is lost. */
public final class RestorePoint implements ReviewRule {

    @Override
    public String id() {
        return "REV-RESTORE-POINT";
    }

    @Override
    public Consequence consequence() {
        return Consequence.DATA_LOSS;
    }

    @Override
    public Note check(Review review, List<Review.ResourceChange> changes) {
        for (Review.ResourceChange db : Rds.databases(changes)) {
            String before = Rds.text(review.before(db.path()), "snapshot_identifier");
            String after = Rds.text(review.after(db.path()), "snapshot_identifier");
            boolean pointInTime = !review.after(db.path()).path("restore_to_point_in_time").isMissingNode()
                    && !review.after(db.path()).path("restore_to_point_in_time").equals(
                    review.before(db.path()).path("restore_to_point_in_time"));
            if (!db.action().equals("replace") && !db.action().equals("create") || after.equals(before)
                    && !pointInTime || after.isEmpty() && !pointInTime) {
                continue;
            }
            String point = after.isEmpty() ? "the restore time" : "the snapshot " + after;
            return note("data written after " + point + " is lost", "the database " + db.path()
                    + " is created from " + point + ": it holds the data of that moment only; everything written to"
                    + " the current instance after it is lost (the old instance is destroyed"
                    + (review.before(db.path()).path("skip_final_snapshot").asBoolean(false) ? " without a final"
                    + " snapshot)" : ", its final snapshot keeps it)") + ". First: stop writes (scale the app to 0"
                    + " or read-only) and take the snapshot then, so nothing is written after it"
                    + " (docs/configuration.md#restoring-from-a-snapshot-the-runbooks-restore-procedure)");
        }
        return null;
    }
}
