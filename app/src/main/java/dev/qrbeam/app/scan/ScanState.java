package dev.qrbeam.app.scan;

/** Where a scan session is; {@link #FAILED} carries a {@link CameraFailure} in {@link ScanStatus}. */
public enum ScanState {
    /** Looking for cameras / opening the chosen one. */
    OPENING,
    /** Frames arrive and are being decoded. */
    SCANNING,
    /** Scanning; the last QR code seen was not a QRBeam code (a short hint, then back to SCANNING). */
    FOREIGN_CODE,
    /** The camera opened but gives no picture yet (permission pending, or used elsewhere); still trying. */
    NO_PICTURE,
    /** The camera cannot be used; the session is over. */
    FAILED,
    /** A pairing code was read; the camera is already released. */
    FOUND,
    /** Stopped on request; the camera is released. */
    STOPPED;

    /** Whether the session has ended (camera released). */
    public boolean isFinal() {
        return this == FAILED || this == FOUND || this == STOPPED;
    }
}
