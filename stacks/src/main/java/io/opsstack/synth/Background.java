package io.opsstack.synth;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A result computed on its own thread while the caller goes on: synth renders the hosts' files (JVM only) while
 * the main thread starts jsii and builds the network and data stacks, which do not need them. On this 2-core
 * machine that takes render's quarter second off the wall time (docs/performance.md).
 *
 * <p>Only JVM work goes here: every jsii call stays on the caller's thread.
 */
final class Background<T> {

    private final CompletableFuture<T> result = new CompletableFuture<>();

    private Background() {
    }

    static <T> Background<T> start(String name, Callable<T> work) {
        Background<T> background = new Background<>();
        Thread thread = new Thread(() -> {
            try {
                background.result.complete(work.call());
            } catch (Throwable t) {
                background.result.completeExceptionally(t);
            }
        }, name);
        // A failed synth must not wait for it.
        thread.setDaemon(true);
        thread.start();
        return background;
    }

    /** Waits for the result; rethrows what the work threw, as it was thrown. */
    T get() throws Exception {
        try {
            return result.get();
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
