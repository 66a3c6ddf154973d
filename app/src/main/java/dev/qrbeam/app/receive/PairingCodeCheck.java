package dev.qrbeam.app.receive;

import dev.qrbeam.protocol.pairing.PairingCode;

/**
 * Checks text with the protocol's pairing-code parser ({@link PairingCode#parse}, which throws a
 * {@code PairingCodeException}) before it reaches the engine, so pasted junk or a foreign
 * link never touches the network or the disk.
 */
final class PairingCodeCheck {
    private PairingCodeCheck() {
    }

    static boolean looksValid(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        try {
            PairingCode.parse(text.strip());
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
