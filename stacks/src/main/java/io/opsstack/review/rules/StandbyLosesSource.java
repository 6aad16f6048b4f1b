package io.opsstack.review.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.review.Consequence;
import io.opsstack.review.Note;
import io.opsstack.review.Review;
import io.opsstack.review.ReviewRule;

import java.util.List;

/**
 * A read replica (dr.mode: warm-standby) follows one source instance. When the source is destroyed or replaced, the
 * replica no longer replicates from anything: RDS promotes it to a standalone instance when its source is deleted.
 */
public final class StandbyLosesSource implements ReviewRule {

    @Override
    public String id() {
        return "REV-DR-SOURCE";
    }

    @Override
    public Consequence consequence() {
        return Consequence.OUTAGE;
    }

    @Override
    public Note check(Review review, List<Review.ResourceChange> changes) {
        for (Review.ResourceChange db : Rds.databases(changes)) {
            if (!Rds.gone(db)) {
                continue;
            }
            String identifier = Rds.text(review.before(db.path()), "identifier");
            if (identifier.isEmpty()) {
                continue;
            }
            for (String path : review.paths()) {
                JsonNode replica = review.after(path).isMissingNode() ? review.before(path) : review.after(path);
                String source = Rds.text(replica, "replicate_source_db");
                if (!path.equals(db.path()) && (source.endsWith(":db:" + identifier) || source.equals(identifier))) {
                    return note("the DR standby " + path + " loses its source", "the standby " + path
                            + " replicates from " + identifier + ", which this change " + (db.action().equals(
                            "destroy") ? "destroys" : "replaces") + ": the replica stops replicating (RDS promotes a"
                            + " replica whose source is deleted to a standalone instance), so there is no disaster"
                            + " recovery until a new replica of the new instance is created: replace the standby"
                            + " after this apply (docs/disaster-recovery.md#failback, step 5: terraform taint, or"
                            + " destroy and redeploy its data stack)");
                }
            }
        }
        return null;
    }
}
