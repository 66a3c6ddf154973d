package dev.qrbeam.core.engine;

import dev.qrbeam.core.api.FailureCode;
import dev.qrbeam.core.api.TransferFailure;
import dev.qrbeam.core.api.TransferHandle;
import dev.qrbeam.core.api.TransferProgress;
import dev.qrbeam.core.api.TransferState;
import dev.qrbeam.core.progress.ProgressTracker;
import java.util.concurrent.CompletableFuture;

/** A receive handle returned at once, bound to its session once the relay connection is up. */
final class DeferredHandle implements TransferHandle {
    private final ProgressTracker tracker;
    private TransferHandle session;
    private boolean cancelled;

    DeferredHandle(ProgressTracker tracker) {
        this.tracker = tracker;
    }

    void attach(TransferHandle s) {
        boolean cancelNow;
        synchronized (this) {
            session = s;
            cancelNow = cancelled;
        }
        if (cancelNow) {
            s.cancel();
        }
    }

    @Override
    public TransferProgress progress() {
        return tracker.snapshot();
    }

    @Override
    public void cancel() {
        TransferHandle s;
        synchronized (this) {
            cancelled = true;
            s = session;
        }
        if (s != null) {
            s.cancel();
        } else {
            tracker.end(TransferState.CANCELLED, new TransferFailure(FailureCode.CANCELLED_LOCALLY, "cancelled"));
        }
    }

    @Override
    public CompletableFuture<TransferProgress> completion() {
        return tracker.completion();
    }
}
