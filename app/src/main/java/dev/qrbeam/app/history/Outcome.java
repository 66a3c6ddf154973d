package dev.qrbeam.app.history;

/** How a transfer in History ended; IN_PROGRESS left behind by a crash reads as interrupted. */
public enum Outcome {
    IN_PROGRESS,
    DONE,
    FAILED,
    CANCELLED
}
