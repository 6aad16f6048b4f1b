package io.opsstack.synth;

import software.amazon.jsii.JsiiEngine;
import software.amazon.jsii.JsiiModule;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Starts jsii's Node.js process and loads the cdktf libraries on a background thread, so that this half second
 * overlaps with rendering the hosts' files (which needs only the JVM). Measured in docs/performance.md.
 *
 * <p>Only module loading happens here; every construct is still created on the caller's thread after
 * {@link #await()}, which orders the two threads (jsii's runtime is not meant for concurrent calls, and there
 * are none: the caller does no jsii work until the warm-up has finished).
 */
final class JsiiWarmup {

    private final CompletableFuture<Void> done;

    private JsiiWarmup(CompletableFuture<Void> done) {
        this.done = done;
    }

    /**
     * @param docker whether the Docker provider is needed too (a local environment)
     */
    static JsiiWarmup start(boolean docker) {
        List<Class<? extends JsiiModule>> modules = docker
                ? List.of(com.hashicorp.cdktf.providers.aws.$Module.class,
                        com.hashicorp.cdktf.providers.docker.$Module.class)
                : List.of(com.hashicorp.cdktf.providers.aws.$Module.class);
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                // Each module loads its dependencies (constructs, cdktf) first.
                for (Class<? extends JsiiModule> module : modules) {
                    JsiiEngine.getInstance().loadModule(module);
                }
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        }, "opsstack-jsii-warmup");
        thread.setDaemon(true);
        thread.start();
        return new JsiiWarmup(done);
    }

    /** Waits for the warm-up; rethrows what it failed with (e.g. Node.js missing or too old). */
    void await() throws Exception {
        try {
            done.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
