package dev.qrbeam.core.api;

/**
 * Receives progress snapshots. Called from engine threads, never the UI thread: UIs hop to their own
 * thread. Snapshots arrive at most ~10 per second plus every state change.
 */
@FunctionalInterface
public interface TransferListener {
    void onProgress(TransferProgress progress);
}
