package dev.qrbeam.core.api;

/** Life cycle of one transfer, as shown to the UI and the CLI. */
public enum TransferState {
    /** Sender: code shown, waiting for a receiver. Receiver: connecting to the relay. */
    WAITING,
    /** Handshake with the peer under way. */
    PAIRING,
    TRANSFERRING,
    /** All bytes are in; whole-file hashes are being checked. */
    VERIFYING,
    DONE,
    FAILED,
    CANCELLED;

    public boolean isTerminal() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }
}
