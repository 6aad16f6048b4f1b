package io.opsstack.synth;

/** Synthesis produced something opsstack refuses to write. The previous output is untouched. */
public final class SynthException extends Exception {

    private static final long serialVersionUID = 1L;

    public SynthException(String message) {
        super(message);
    }
}
