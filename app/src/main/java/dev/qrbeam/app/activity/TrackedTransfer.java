package dev.qrbeam.app.activity;

import dev.qrbeam.app.history.Direction;
import dev.qrbeam.core.api.TransferProgress;
import dev.qrbeam.core.api.TransferState;

/**
 * The latest known snapshot of one transfer of this window.
 *
 * @param id the History id (one per code shown, one per receive started)
 */
public record TrackedTransfer(String id, Direction direction, TransferProgress progress) {

    public TransferState state() {
        return progress.state();
    }

    /**
     * Whether closing the window would break it: a receiver is connected (or a receive has started).
     * A code that nobody has used yet is not a running transfer.
     */
    public boolean running() {
        TransferState s = progress.state();
        return !s.isTerminal() && !(direction == Direction.SENT && s == TransferState.WAITING);
    }
}
