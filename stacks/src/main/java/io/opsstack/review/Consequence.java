package io.opsstack.review;

/** What a cause does, in the order a reviewer must read them: the headlines are sorted by it. */
public enum Consequence {
    DATA_LOSS("data loss"),
    OUTAGE("outage"),
    REFUSED("refused apply"),
    COST("cost"),
    OTHER("other");

    public final String label;

    Consequence(String label) {
        this.label = label;
    }
}
