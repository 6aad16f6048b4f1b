package io.opsstack.review.rules;

import io.opsstack.review.Consequence;
import io.opsstack.review.Note;
import io.opsstack.review.Review;
import io.opsstack.review.ReviewRule;

import java.util.List;

/**
 * Deleting an instance takes its final snapshot under a fixed name (opsstack: IDENTIFIER-final). If a snapshot of
 * that name exists (an earlier replacement, restore or failback left it), RDS refuses the delete with
 * DBSnapshotAlreadyExists and the replacement stops with the old instance still there.
 */
public final class FinalSnapshotName implements ReviewRule {

    @Override
    public String id() {
        return "REV-REFUSED-SNAPSHOT-NAME";
    }

    @Override
    public Consequence consequence() {
        return Consequence.REFUSED;
    }

    @Override
    public Note check(Review review, List<Review.ResourceChange> changes) {
        for (Review.ResourceChange db : Rds.databases(changes)) {
            String name = Rds.text(review.before(db.path()), "final_snapshot_identifier");
            if (!Rds.gone(db) || name.isEmpty() || review.before(db.path()).path("skip_final_snapshot")
                    .asBoolean(false) || !review.before(db.path()).path("replicate_source_db").isMissingNode()) {
                continue;
            }
            boolean certain = name.equals(Rds.text(review.after(db.path()), "snapshot_identifier"));
            return note(certain ? "the final snapshot's name is the snapshot being restored"
                    : "fails if the snapshot " + name + " exists", (certain ? "this apply will fail: " : "this"
                    + " apply fails if a snapshot named " + name + " already exists: ") + "destroying " + db.path()
                    + " takes the final snapshot " + name + ", and RDS refuses a snapshot name that one already holds"
                    + " (DBSnapshotAlreadyExists), so the old instance stays and the apply stops. First: aws rds"
                    + " describe-db-snapshots --db-snapshot-identifier " + name + "; if it exists, keep a copy under"
                    + " another name (aws rds copy-db-snapshot) and delete it (aws rds delete-db-snapshot), or restore"
                    + " from the copy (docs/disaster-recovery.md#failback, step 5)");
        }
        return null;
    }
}
