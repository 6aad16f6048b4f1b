package io.opsstack.synth;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C (SIGINT) and SIGTERM: one line, the previous output untouched, exit 130 (143 for SIGTERM), no stack trace.
 *
 * <p>Without this the JVM's default handler runs the shutdown hooks, jsii's among them, which closes the Node.js
 * child's pipe while the main thread is waiting on it: the main thread then dies with a 30-line
 * {@code JsiiError: Child process exited unexpectedly} and Node.js adds its own {@code ECONNRESET} trace. In a
 * terminal Node.js gets the same SIGINT (one process group) and dies on its own, with the same result.
 *
 * <p>So the handler takes over: it first closes the gate on stderr (whatever the dying main thread or jsii's
 * stderr relay prints next is dropped), then lets {@link OutputDirectory} abandon a replacement in progress (it
 * waits for a swap that has begun, so the output is either the previous one or the complete new one, never half),
 * prints one line on the real stderr and halts.
 */
public final class Interrupts {

    private static final AtomicBoolean REQUESTED = new AtomicBoolean();
    private static final java.util.List<Runnable> BEFORE_HALT = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static volatile PrintStream realErr = System.err;

    private Interrupts() {
    }

    /** Installs the handlers and the stderr gate; call once, first thing in main. */
    public static void install() {
        realErr = System.err;
        System.setErr(new PrintStream(gated(realErr), true));
        System.setOut(new PrintStream(gated(System.out), true));
        handle("INT", 130);
        handle("TERM", 143);
    }

    /**
     * {@code sun.misc.Signal.handle(new Signal(name), s -> interrupted(code))}, through reflection: the JDK has no
     * public API for signals, and naming sun.misc at compile time draws a warning that no annotation silences
     * (a clean build log is part of review). jdk.unsupported exports the package, so this works on every JDK 17+.
     */
    private static void handle(String name, int code) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object handler = Proxy.newProxyInstance(handlerType.getClassLoader(), new Class<?>[] {handlerType},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "handle" -> {
                            interrupted(code);
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> "opsstack interrupt handler (" + name + ")";
                    });
            signal.getMethod("handle", signal, handlerType)
                    .invoke(null, signal.getConstructor(String.class).newInstance(name), handler);
        } catch (InvocationTargetException e) {
            // IllegalArgumentException: the signal is not available here (or the JVM runs with -Xrs): keep the default
        } catch (ReflectiveOperationException | LinkageError e) {
            // no sun.misc.Signal in this runtime: keep the default
        }
    }

    /**
     * Runs {@code action} when an interrupt is handled, before the JVM halts (halting skips shutdown hooks): for a
     * child process that must not outlive the command, such as {@code opsstack emulator}'s server.
     */
    public static void beforeHalt(Runnable action) {
        BEFORE_HALT.add(action);
    }

    /** Whether an interrupt is being handled (the JVM halts shortly). */
    public static boolean requested() {
        return REQUESTED.get();
    }

    /**
     * After a failure that an interrupt can cause (the Node.js child died), give a pending interrupt the moment it
     * needs to take over, so the failure is not reported as an error in between.
     */
    public static void settle(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getClass().getName().startsWith("software.amazon.jsii")) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                break;
            }
        }
        while (requested()) {
            try {
                Thread.sleep(1000);  // the handler halts the JVM
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** A stream that drops everything once an interrupt is being handled. */
    public static OutputStream gated(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                if (!requested()) {
                    out.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (!requested()) {
                    out.write(b, off, len);
                }
            }
        };
    }

    private static void interrupted(int code) {
        if (!REQUESTED.compareAndSet(false, true)) {
            return;  // a second Ctrl-C while the first is handled
        }
        String outcome = OutputDirectory.abandon();
        for (Runnable action : BEFORE_HALT) {
            try {
                action.run();
            } catch (RuntimeException e) {
                // best effort: the halt must happen
            }
        }
        realErr.println("opsstack: interrupted" + (outcome.isEmpty() ? "" : "; " + outcome));
        realErr.flush();
        Runtime.getRuntime().halt(code);
    }
}
