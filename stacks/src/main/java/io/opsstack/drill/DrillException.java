package io.opsstack.drill;

/** A drill's procedure cannot be followed (its doc block is missing or wrong) or its outcome is not what it says. */
public final class DrillException extends Exception {
    private static final long serialVersionUID = 1L;

    public DrillException(String message) {
        super(message);
    }
}
