package io.opsstack.review.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsstack.review.Review;

import java.util.List;

/** Shared reading of aws_db_instance changes for the review rules. */
final class Rds {

    static final String DB = "aws_db_instance";

    private Rds() {
    }

    static boolean gone(Review.ResourceChange c) {
        return c.action().equals("destroy") || c.action().equals("replace");
    }

    static List<Review.ResourceChange> databases(List<Review.ResourceChange> changes) {
        return changes.stream().filter(c -> c.type().equals(DB)).toList();
    }

    static String text(JsonNode body, String attribute) {
        JsonNode v = body.path(attribute);
        return v.isMissingNode() || v.isNull() ? "" : v.asText("");
    }

    /** The app stack that reads this data stack's database: prod-data -> prod-app, prod-dr-data -> prod-dr-app. */
    static String appStack(String dataStack) {
        return dataStack.endsWith("-data") ? dataStack.substring(0, dataStack.length() - "-data".length()) + "-app"
                : dataStack.replaceAll("-[a-z]+$", "") + "-app";
    }
}
