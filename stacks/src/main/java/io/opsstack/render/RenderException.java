package io.opsstack.render;

/** A template failed to render (a bug in a template or model, not bad user input). */
public final class RenderException extends Exception {

    private static final long serialVersionUID = 1L;

    public RenderException(String message) {
        super(message);
    }
}
