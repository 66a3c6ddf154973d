package dev.qrbeam.app.history;

import dev.qrbeam.app.transfer.FailureMessages;
import dev.qrbeam.core.api.FileProgress;
import dev.qrbeam.core.api.TransferProgress;
import dev.qrbeam.core.api.TransferState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Turns a transfer's progress into its History entry: written once the files are known (as in progress,
 * so a crash leaves a resumable receive behind) and again when it ends. Disk writes run in order on one
 * background thread.
 */
public final class HistoryRecorder implements AutoCloseable {
    private final HistoryStore store;
    private final Clock clock;
    private final List<TransferObserver> observers = new CopyOnWriteArrayList<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "qrbeam-history");
        t.setDaemon(true);
        return t;
    });

    public HistoryRecorder(HistoryStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Adds an observer of every transfer's progress (see {@link TransferObserver}). */
    public void addObserver(TransferObserver observer) {
        observers.add(observer);
    }

    /**
     * Starts recording one transfer.
     *
     * @param existingId the History entry to update (resume), or null for a new entry
     * @param resumeCode the code to keep for an unfinished transfer (resumed from History), or null
     * @param destination receive folder, or null (sending)
     * @return a listener to feed with every progress snapshot
     */
    public Consumer<TransferProgress> record(
            Direction direction, String existingId, String resumeCode, Path destination) {
        return record(direction, existingId, () -> resumeCode, destination);
    }

    /**
     * As {@link #record(Direction, String, String, Path)}, with the resume code known only later (a send's code exists
     * once the engine returned its handle, before any receiver can connect); read when the entry is first written.
     */
    public Consumer<TransferProgress> record(
            Direction direction, String existingId, Supplier<String> resumeCode, Path destination) {
        return new Recording(
                direction,
                existingId == null ? UUID.randomUUID().toString() : existingId,
                resumeCode,
                destination == null ? null : destination.toString());
    }

    private void save(HistoryEntry entry) {
        if (writer.isShutdown()) {
            return;
        }
        writer.execute(() -> {
            try {
                store.put(entry);
            } catch (IOException e) {
                // History is a convenience: a full or read-only disk must not break the transfer
            }
        });
    }

    /** Finishes pending writes (at most two seconds), then stops. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Only transfers that reached a peer are history: a code nobody used is not. */
    private static boolean peerConnected(TransferState s) {
        return s == TransferState.PAIRING
                || s == TransferState.TRANSFERRING
                || s == TransferState.VERIFYING
                || s == TransferState.DONE;
    }

    private final class Recording implements Consumer<TransferProgress> {
        private final Direction direction;
        private final String id;
        private final Supplier<String> resumeCode;
        private final String destination;
        private final long startedAt = clock.millis();
        private HistoryEntry entry;
        private boolean ended;

        Recording(Direction direction, String id, Supplier<String> resumeCode, String destination) {
            this.direction = direction;
            this.id = id;
            this.resumeCode = resumeCode;
            this.destination = destination;
        }

        @Override
        public synchronized void accept(TransferProgress p) {
            observers.forEach(o -> o.progress(id, direction, p));
            if (ended) {
                return;
            }
            if (entry == null && !p.files().isEmpty() && peerConnected(p.state())) {
                entry = new HistoryEntry(
                        id,
                        direction,
                        p.files().stream().map(FileProgress::relativePath).toList(),
                        p.totalBytes(),
                        startedAt,
                        0,
                        Outcome.IN_PROGRESS,
                        "",
                        resumeCode.get(),
                        destination);
                if (!p.state().isTerminal()) {
                    save(entry);
                }
            }
            if (entry != null && p.state().isTerminal()) {
                ended = true;
                Outcome outcome = p.state() == TransferState.DONE
                        ? Outcome.DONE
                        : p.state() == TransferState.CANCELLED ? Outcome.CANCELLED : Outcome.FAILED;
                boolean keep = outcome == Outcome.FAILED
                        && p.failure() != null
                        && FailureMessages.resumable(p.failure().code());
                save(entry.ended(
                        outcome, p.failure() == null ? "" : p.failure().code().name(), clock.millis(), keep));
            }
        }
    }
}
