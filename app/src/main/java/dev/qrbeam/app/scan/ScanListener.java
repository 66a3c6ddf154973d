package dev.qrbeam.app.scan;

/** Hears from a {@link ScanSession}; called on the session's background threads, never on the FX thread. */
public interface ScanListener {
    /** The session's state changed. */
    void statusChanged(ScanStatus status);

    /** A valid pairing code was read. Called exactly once per session, after the camera was released. */
    void codeFound(String code);
}
