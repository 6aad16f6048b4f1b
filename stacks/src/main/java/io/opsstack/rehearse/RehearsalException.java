package io.opsstack.rehearse;

/** A rehearsal that cannot start or continue; the message says what and, where there is one, the fix. */
public final class RehearsalException extends Exception {
    private static final long serialVersionUID = 1L;

    public RehearsalException(String message) {
        super(message);
    }
}
