package dev.qrbeam.app.platform;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Files handed to the app from outside (command line, a second launch, macOS open-file events), buffered
 * until the window is ready to take them.
 */
public final class IncomingFiles {
    private final List<Path> pending = new ArrayList<>();
    private Consumer<List<Path>> sink;

    public synchronized void offer(List<Path> files) {
        if (files.isEmpty()) {
            return;
        }
        if (sink == null) {
            pending.addAll(files);
        } else {
            sink.accept(List.copyOf(files));
        }
    }

    /** Attaches the consumer (called on the offering thread) and flushes what arrived before. */
    public synchronized void connect(Consumer<List<Path>> consumer) {
        this.sink = consumer;
        if (!pending.isEmpty()) {
            consumer.accept(List.copyOf(pending));
            pending.clear();
        }
    }
}
