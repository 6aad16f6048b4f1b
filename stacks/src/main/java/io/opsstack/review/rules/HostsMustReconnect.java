package io.opsstack.review.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.review.Consequence;
import io.opsstack.review.Note;
import io.opsstack.review.Review;
import io.opsstack.review.ReviewRule;

import java.util.List;

/**
 * A replaced database is a new instance: this apply's new master password (opsstack's secret gets a new version
 * tied to the instance's id), or with RDS's managed password a new secret with a new ARN that the hosts' policy
 * names exactly. Running hosts hold the old credentials until they restart or are replaced.
 */
public final class HostsMustReconnect implements ReviewRule {

    @Override
    public String id() {
        return "REV-DB-RECONNECT";
    }

    @Override
    public Consequence consequence() {
        return Consequence.OUTAGE;
    }

    @Override
    public Note check(Review review, List<Review.ResourceChange> changes) {
        Review.ResourceChange db = Rds.databases(changes).stream().filter(c -> c.action().equals("replace"))
                .findFirst().orElse(null);
        if (db == null) {
            return null;
        }
        JsonNode after = review.after(db.path());
        String app = Rds.appStack(db.stack());
        String why = after.path("manage_master_user_password").asBoolean(false)
                ? "the new instance gets a new RDS-managed secret (a new ARN, rds!db-...), which the hosts' IAM policy"
                + " and configuration name exactly, so the hosts lose database access until " + app + " is deployed"
                + " (it names the new ARN) and the service restarted"
                : "the new instance gets this apply's new master password (the secret's version is tied to the"
                + " instance's id); running hosts hold the old one and cannot open new connections until they re-read"
                + " it";
        return note("the hosts must be redeployed or restarted to reach the new database", "the database "
                + db.path() + " is replaced: " + why + ". Right after this apply: deploy " + app + " (its instance"
                + " refresh) or run `systemctl restart opsstack` on each host, the DR hosts too"
                + " (docs/runbook.md#restarting-services)");
    }
}
