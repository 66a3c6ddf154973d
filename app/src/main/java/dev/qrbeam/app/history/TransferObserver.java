package dev.qrbeam.app.history;

import dev.qrbeam.core.api.TransferProgress;

/**
 * Sees every progress snapshot of every transfer the {@link HistoryRecorder} records (the tray, notifications
 * and the close guard listen through it). Called on engine threads, possibly repeatedly with the same state.
 */
@FunctionalInterface
public interface TransferObserver {
    /** @param id the transfer's History id (one per code shown or receive started) */
    void progress(String id, Direction direction, TransferProgress progress);
}
