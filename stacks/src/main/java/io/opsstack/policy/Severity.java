package io.opsstack.policy;

/** error: synth fails; warning: printed, synth goes on. */
public enum Severity {
    ERROR, WARNING;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
