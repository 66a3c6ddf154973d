package dev.qrbeam.app.activity;

import dev.qrbeam.core.api.TransferState;

/** Hears about the transfers of one window. Called on engine threads: hand over to the FX thread yourself. */
public interface ActivityListener {
    /**
     * A transfer entered a new state (once per state; a terminal state is reported exactly once).
     *
     * @param from the previous state, or null for the first snapshot of this transfer
     */
    default void stateChanged(TrackedTransfer transfer, TransferState from) {}

    /** Any new snapshot (many per second while data moves). */
    default void progressed(TrackedTransfer transfer) {}
}
