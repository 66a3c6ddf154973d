package dev.qrbeam.protocol.crypto;

/**
 * What a receiver asks for in handshake message 1 (payload byte 2). It is a request only: the sender decides on
 * the {@link ReceiverClaim} that follows under the session keys.
 */
public enum ClaimMode {
    /** Never admitted for this transfer: the claim will carry the receiver token itself. */
    NEW((byte) 0),
    /** Admitted before (claim sent earlier): the claim will prove the token with an HMAC, never reveal it. */
    RESUME((byte) 1);

    private final byte wire;

    ClaimMode(byte wire) {
        this.wire = wire;
    }

    /** The byte on the wire (message 1 payload and claim record). */
    public byte wire() {
        return wire;
    }

    /** The mode for a wire byte, or null if unknown. */
    public static ClaimMode fromWire(byte b) {
        for (ClaimMode m : values()) {
            if (m.wire == b) {
                return m;
            }
        }
        return null;
    }
}
