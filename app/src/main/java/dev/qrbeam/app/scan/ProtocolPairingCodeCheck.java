package dev.qrbeam.app.scan;

import dev.qrbeam.protocol.pairing.PairingCode;
import dev.qrbeam.protocol.pairing.PairingCodeException;
import dev.qrbeam.protocol.pairing.PairingError;

/**
 * Accepts what {@link PairingCode#parse} accepts. A code of an unknown version is accepted too: it is a QRBeam
 * code, and the Receive view explains the version problem better than a "not a QRBeam code" hint would.
 */
public final class ProtocolPairingCodeCheck implements PairingCodeCheck {
    @Override
    public boolean isPairingCode(String text) {
        try {
            PairingCode.parse(text);
            return true;
        } catch (PairingCodeException e) {
            return e.error() == PairingError.UNSUPPORTED_VERSION;
        }
    }
}
