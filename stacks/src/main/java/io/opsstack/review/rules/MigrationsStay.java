package io.opsstack.review.rules;

import io.opsstack.review.Consequence;
import io.opsstack.review.Note;
import io.opsstack.review.Review;
import io.opsstack.review.ReviewRule;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A new image reaches the hosts through their user data (docker-compose.yml in cloud-init): its migrate service
 * runs {@code alembic upgrade head} before the app starts. Setting app.tag back later runs the old image on the
 * new schema: the migration is not undone.
 */
public final class MigrationsStay implements ReviewRule {

    private static final Pattern IMAGE = Pattern.compile("image: ([^\\s:]+(?::\\d+/[^\\s:]+)?):([^\\s\"']+)");

    @Override
    public String id() {
        return "REV-MIGRATIONS";
    }

    @Override
    public Consequence consequence() {
        return Consequence.OTHER;
    }

    @Override
    public Note check(Review review, List<Review.ResourceChange> changes) {
        for (Review.ResourceChange c : changes) {
            String[] userData = review.userData(c.path());
            if (userData == null || !userData[1].contains("alembic")) {
                continue;
            }
            String[] moved = moved(userData[0], userData[1]);
            String before = moved == null ? null : moved[0];
            String after = moved == null ? null : moved[1];
            if (moved != null) {
                return note("new hosts migrate the database to " + after + "'s schema, which a rollback does not undo",
                        "hosts launched with the new user data run `alembic upgrade head` with image tag " + after
                        + " (the migrate service) before the app starts: the database schema moves forward once,"
                        + " for every environment sharing it. Rolling back (app.tag back to " + before + ") runs"
                        + " the old image on the new schema; the migration is not undone: make sure " + before
                        + " works with it, or downgrade by hand first (docs/runbook.md#applying-database-migrations,"
                        + " docs/runbook.md#rolling-back-a-deployment)");
            }
        }
        return null;
    }

    /** The migrate service's image tag (the image line before "alembic"), before and after, when it changes. */
    private static String[] moved(String before, String after) {
        String[] was = migrateImage(before);
        String[] now = migrateImage(after);
        return was != null && now != null && was[0].equals(now[0]) && !was[1].equals(now[1])
                ? new String[] {was[1], now[1]} : null;
    }

    /** {repository, tag} of the last image line before the first "alembic", or null. */
    private static String[] migrateImage(String text) {
        int alembic = text.indexOf("alembic");
        if (alembic < 0) {
            return null;
        }
        Matcher m = IMAGE.matcher(text.substring(0, alembic));
        String[] last = null;
        while (m.find()) {
            last = new String[] {m.group(1), m.group(2)};
        }
        return last;
    }
}
