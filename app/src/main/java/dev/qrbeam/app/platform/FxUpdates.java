package dev.qrbeam.app.platform;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Hands values from any thread to the FX thread, coalescing bursts: only the latest value
 * is delivered, so a fast engine can never flood the FX event queue.
 */
public final class FxUpdates<T> {
    private final AtomicReference<T> pending = new AtomicReference<>();
    private final Consumer<T> sink;

    public FxUpdates(Consumer<T> sink) {
        this.sink = sink;
    }

    public void post(T value) {
        if (pending.getAndSet(value) == null) {
            Platform.runLater(this::drain);
        }
    }

    private void drain() {
        T value = pending.getAndSet(null);
        if (value != null) {
            sink.accept(value);
        }
    }

    /** Runs on the FX thread: directly when already there, later otherwise. */
    public static void fx(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }
}
