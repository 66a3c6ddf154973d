package dev.qrbeam.core.progress;

import dev.qrbeam.core.api.FileProgress;
import dev.qrbeam.core.api.TransferFailure;
import dev.qrbeam.core.api.TransferListener;
import dev.qrbeam.core.api.TransferProgress;
import dev.qrbeam.core.api.TransferState;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the numbers of one transfer and turns them into {@link TransferProgress} snapshots: per-file bytes and
 * states, overall bytes, a moving-average rate over the last {@value #WINDOW_NANOS}ns, ETA, chunks and bytes re-sent.
 * {@link #tick()} emits at most every 100 ms; state changes emit at once. Thread-safe.
 */
public final class ProgressTracker {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressTracker.class);
    private static final long WINDOW_NANOS = 3_000_000_000L;
    private static final long EMIT_NANOS = 100_000_000L;

    private final TransferListener listener;
    private final CompletableFuture<TransferProgress> completion = new CompletableFuture<>();
    private final ArrayDeque<long[]> samples = new ArrayDeque<>();
    private List<String> paths = List.of();
    private long[] sizes = new long[0];
    private long[] done = new long[0];
    private TransferState[] fileStates = new TransferState[0];
    private TransferState state = TransferState.WAITING;
    private TransferFailure failure;
    private long resent;
    private long resentBytes;
    private long lastEmit;
    private boolean dirty = true;

    public ProgressTracker(TransferListener listener) {
        this.listener = listener;
    }

    public CompletableFuture<TransferProgress> completion() {
        return completion;
    }

    public synchronized void files(List<String> relativePaths, long[] fileSizes) {
        paths = List.copyOf(relativePaths);
        sizes = fileSizes.clone();
        done = new long[sizes.length];
        fileStates = new TransferState[sizes.length];
        java.util.Arrays.fill(fileStates, TransferState.WAITING);
        dirty = true;
    }

    public synchronized void fileBytes(int file, long bytes) {
        if (file < done.length && done[file] != bytes) {
            done[file] = bytes;
            if (fileStates[file] == TransferState.WAITING && bytes > 0) {
                fileStates[file] = TransferState.TRANSFERRING;
            }
            dirty = true;
        }
    }

    public synchronized void fileState(int file, TransferState s) {
        if (file < fileStates.length) {
            fileStates[file] = s;
            if (s == TransferState.DONE) {
                done[file] = sizes[file];
            }
            dirty = true;
        }
    }

    public synchronized void resent(long chunks) {
        resent += chunks;
        dirty = true;
    }

    /** Data bytes sent again (sender) or refused and asked for again (receiver). */
    public synchronized void resentBytes(long bytes) {
        resentBytes += bytes;
        dirty = true;
    }

    public synchronized long resent() {
        return resent;
    }

    public synchronized TransferState state() {
        return state;
    }

    /** Moves to a new state (terminal states are final) and emits at once. */
    public void state(TransferState s) {
        TransferProgress p;
        synchronized (this) {
            if (state.isTerminal() || state == s) {
                return;
            }
            state = s;
            if (s == TransferState.DONE) {
                for (int i = 0; i < fileStates.length; i++) {
                    fileStates[i] = TransferState.DONE;
                    done[i] = sizes[i];
                }
            }
            p = snapshotLocked();
        }
        emit(p);
    }

    /** Ends with FAILED or CANCELLED and the reason; a no-op once terminal. */
    public void end(TransferState terminal, TransferFailure why) {
        TransferProgress p;
        synchronized (this) {
            if (state.isTerminal()) {
                return;
            }
            state = terminal;
            failure = why;
            for (int i = 0; i < fileStates.length; i++) {
                if (fileStates[i] != TransferState.DONE) {
                    fileStates[i] = terminal;
                }
            }
            p = snapshotLocked();
        }
        emit(p);
    }

    /** Emits a snapshot if something changed and 100 ms passed. */
    public void tick() {
        TransferProgress p;
        synchronized (this) {
            long now = System.nanoTime();
            if (!dirty || now - lastEmit < EMIT_NANOS) {
                return;
            }
            p = snapshotLocked();
        }
        emit(p);
    }

    public synchronized TransferProgress snapshot() {
        return build(System.nanoTime());
    }

    private TransferProgress snapshotLocked() {
        long now = System.nanoTime();
        lastEmit = now;
        dirty = false;
        return build(now);
    }

    private TransferProgress build(long now) {
        long total = 0;
        long bytes = 0;
        List<FileProgress> files = new ArrayList<>(sizes.length);
        for (int i = 0; i < sizes.length; i++) {
            total += sizes[i];
            bytes += done[i];
            files.add(new FileProgress(paths.get(i), sizes[i], done[i], fileStates[i]));
        }
        samples.addLast(new long[] {now, bytes});
        while (samples.size() > 2 && now - samples.peekFirst()[0] > WINDOW_NANOS) {
            samples.removeFirst();
        }
        long[] first = samples.peekFirst();
        double dt = (now - first[0]) / 1e9;
        double rate = dt > 0.05 ? Math.max(0, (bytes - first[1]) / dt) : 0;
        Duration eta = rate > 0 && total > bytes
                ? Duration.ofMillis((long) ((total - bytes) / rate * 1000))
                : (total > 0 && bytes >= total ? Duration.ZERO : null);
        return new TransferProgress(state, total, bytes, rate, eta, resent, resentBytes, files, failure);
    }

    private void emit(TransferProgress p) {
        try {
            listener.onProgress(p);
        } catch (RuntimeException e) {
            LOG.warn("progress listener failed", e);
        }
        if (p.state().isTerminal()) {
            completion.complete(p);
        }
    }
}
