package io.opsstack.review;

import java.util.List;

/**
 * What the two JSON files cannot show, from what opsstack knows (a restart the hosts need, a standby that loses its
 * source, an apply AWS will refuse): one small class per rule, in {@link ReviewRules#ALL}, like the policy rules.
 */
public interface ReviewRule {

    /** Stable id: REV-... for impact notes, REV-REFUSED-... for an apply AWS or the provider refuses. */
    String id();

    Consequence consequence();

    /** The headline phrase and text for this cause's resource changes, or null when the rule does not apply. */
    Note check(Review review, List<Review.ResourceChange> changes);

    default Note note(String headline, String text) {
        return new Note(id(), consequence(), headline, text);
    }
}
