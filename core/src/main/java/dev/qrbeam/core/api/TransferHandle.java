package dev.qrbeam.core.api;

import java.util.concurrent.CompletableFuture;

/** A running transfer. */
public interface TransferHandle {
    /** The latest snapshot. */
    TransferProgress progress();

    /** Cancels locally and tells the peer; idempotent. */
    void cancel();

    /** Completes with the final snapshot (state DONE, FAILED or CANCELLED); never completes exceptionally. */
    CompletableFuture<TransferProgress> completion();
}
