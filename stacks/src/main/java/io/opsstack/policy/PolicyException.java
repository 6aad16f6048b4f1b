package io.opsstack.policy;

/** Policy errors in what would have been synthesized: the previous output is untouched. Exit code 2. */
public final class PolicyException extends Exception {

    private static final long serialVersionUID = 1L;

    public PolicyException(String message) {
        super(message);
    }
}
