package dev.qrbeam.app.scan;

import dev.qrbeam.protocol.pairing.PairingCode;
import dev.qrbeam.protocol.pairing.PairingCodeException;
import dev.qrbeam.protocol.pairing.PairingError;

/**
 * The app's one pairing-code check, on top of {@link PairingCode#parse}: the camera, pasted text and pictures of
 * codes all go through {@link #verdict}. A code of an unknown version is still a QRBeam code: the scanner hands it
 * on and the Receive page explains that a newer QRBeam made it, instead of a "not a QRBeam code" hint or silence.
 */
public final class ProtocolPairingCodeCheck {

    /** What a piece of text is, as far as receiving goes. */
    public enum Verdict {
        /** A code this app can receive with. */
        VALID,
        /** A QRBeam code of a version this app does not know: made by a newer QRBeam. */
        NEWER_VERSION,
        /** Anything else: other QR content, junk, a damaged code. */
        NOT_QRBEAM
    }

    /** Classifies {@code text}; never touches the network or the disk. */
    public static Verdict verdict(String text) {
        if (text == null || text.isBlank()) {
            return Verdict.NOT_QRBEAM;
        }
        try {
            PairingCode.parse(text);
            return Verdict.VALID;
        } catch (PairingCodeException e) {
            return e.error() == PairingError.UNSUPPORTED_VERSION ? Verdict.NEWER_VERSION : Verdict.NOT_QRBEAM;
        } catch (RuntimeException e) {
            return Verdict.NOT_QRBEAM;
        }
    }

    /** Whether {@code text} is a QRBeam pairing code, of this version or a newer one (the camera hands both on). */
    public static boolean isPairingCode(String text) {
        return verdict(text) != Verdict.NOT_QRBEAM;
    }
}
