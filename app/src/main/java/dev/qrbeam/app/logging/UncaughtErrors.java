package dev.qrbeam.app.logging;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's handler for exceptions nobody caught — in an FX event handler or on any other thread: logs the exception
 * with its stack trace and tells every open window, which shows a sentence instead of failing silently.
 */
public final class UncaughtErrors {
    private static final Logger LOG = LoggerFactory.getLogger(UncaughtErrors.class);
    private static final List<Consumer<Throwable>> WINDOWS = new CopyOnWriteArrayList<>();
    private static final Thread.UncaughtExceptionHandler HANDLER = UncaughtErrors::handle;

    private UncaughtErrors() {}

    /**
     * Installs the handler for every thread and for the calling thread itself (call on the FX thread: JavaFX hands an
     * exception thrown by an event handler or a {@code runLater} task to its thread's handler). Idempotent.
     */
    public static void install() {
        Thread.setDefaultUncaughtExceptionHandler(HANDLER);
        Thread.currentThread().setUncaughtExceptionHandler(HANDLER);
    }

    /** Tells {@code window} (on the thread that failed) about each uncaught exception until the result is closed. */
    public static AutoCloseable register(Consumer<Throwable> window) {
        WINDOWS.add(window);
        return () -> WINDOWS.remove(window);
    }

    static void handle(Thread thread, Throwable error) {
        LOG.error("uncaught exception on thread {}", thread.getName(), error);
        for (Consumer<Throwable> w : WINDOWS) {
            try {
                w.accept(error);
            } catch (RuntimeException | Error e) {
                LOG.error("showing an uncaught exception failed", e);
            }
        }
    }
}
