package dev.qrbeam.app.scan;

/** Tells a QRBeam pairing code from any other QR text. */
@FunctionalInterface
public interface PairingCodeCheck {
    /** Whether {@code text} is a QRBeam pairing code this app can use. */
    boolean isPairingCode(String text);
}
