package dev.qrbeam.app.lifecycle;

/** The answers to "a transfer is running — close anyway?". */
public enum CloseChoice {
    /** Hide the window; the transfer goes on under the tray icon (or minimised where there is no tray). */
    KEEP_RUNNING,
    /** Cancel the running transfers, then close. */
    CANCEL_TRANSFERS,
    /** Nothing happens: the window stays as it was. */
    GO_BACK
}
