package io.opsstack.review.rules;

import io.opsstack.review.Consequence;
import io.opsstack.review.Note;
import io.opsstack.review.Review;
import io.opsstack.review.ReviewRule;

import java.util.List;

/**
 * Setting replicate_source_db on an existing standalone instance (a promoted standby at failback) is an in-place
 * update in the JSON, but the provider refuses it: "cannot elect new source database for replication"
 * (docs/rehearsal.md records it against the emulator).
 */
public final class ReplicaSourceOnStandalone implements ReviewRule {

    @Override
    public String id() {
        return "REV-REFUSED-REPLICA-SOURCE";
    }

    @Override
    public Consequence consequence() {
        return Consequence.REFUSED;
    }

    @Override
    public Note check(Review review, List<Review.ResourceChange> changes) {
        for (Review.ResourceChange db : Rds.databases(changes)) {
            String before = Rds.text(review.before(db.path()), "replicate_source_db");
            String after = Rds.text(review.after(db.path()), "replicate_source_db");
            if (db.action().equals("update") && before.isEmpty() && !after.isEmpty()) {
                return note("a standalone instance cannot become a replica in place", "this apply will fail: "
                        + db.path() + " is a standalone instance and would get replicate_source_db " + after
                        + " in place; the provider refuses (\"cannot elect new source database for replication\")"
                        + " and RDS has no call that makes an instance a replica. The instance holds the data written"
                        + " while it served. Instead (docs/disaster-recovery.md#failback): first bring that data"
                        + " back to the primary (steps 2-4), then replace this instance with a new replica (step 5:"
                        + " lift its deletion protection, terraform taint or destroy and redeploy its data stack)");
            }
        }
        return null;
    }
}
