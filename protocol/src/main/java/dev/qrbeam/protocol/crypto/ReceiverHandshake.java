package dev.qrbeam.protocol.crypto;

import dev.qrbeam.protocol.pairing.PairingCode;
import java.security.SecureRandom;

/**
 * The receiver's whole pairing exchange for one attempt: message 1, message 2, then the claim record to send as
 * the first {@code Control} record (see {@link ReceiverClaim}). Not thread-safe; one instance per attempt.
 */
public final class ReceiverHandshake {
    private final Handshake noise;
    private final ClaimMode mode;
    private final byte[] token;
    private SessionKeys keys;

    /**
     * @param receiverId the receiver's own relay connection id
     * @param token the receiver token kept for this transfer (16 bytes)
     * @param mode {@link ClaimMode#NEW} until this receiver has sent a claim for the transfer, then RESUME
     */
    public ReceiverHandshake(PairingCode code, String receiverId, byte[] token, ClaimMode mode, SecureRandom random) {
        if (token == null || token.length != Handshake.TOKEN_BYTES) {
            throw new IllegalArgumentException("receiver token must be " + Handshake.TOKEN_BYTES + " bytes");
        }
        this.noise = Handshake.initiator(code, receiverId, mode, random);
        this.mode = mode;
        this.token = token.clone();
    }

    /** Tests only: fixed ephemeral key for deterministic vectors. */
    void fixEphemeralForTest(byte[] privateKey) {
        noise.fixEphemeralForTest(privateKey);
    }

    public ClaimMode mode() {
        return mode;
    }

    /** Message 1 (50 bytes). */
    public byte[] message1() throws HandshakeException {
        return noise.writeMessage1();
    }

    /**
     * Reads message 2 and returns the sealed claim record (send it before any other {@code Control} record).
     *
     * @throws HandshakeException the sender's authenticated refusal ({@code code-expired}, {@code code-used},
     *     {@code resume-unknown}) or a failed / malformed message
     */
    public byte[] accept(byte[] message2) throws HandshakeException {
        noise.readMessage2(message2);
        keys = noise.split();
        try {
            return new ControlCipher(keys).seal(ReceiverClaim.plaintext(mode, token, keys.handshakeHash()));
        } catch (RecordException e) {
            throw new IllegalStateException("a fresh session cannot be out of nonces", e);
        }
    }

    /** The session keys after {@link #accept}. */
    public SessionKeys keys() {
        if (keys == null) {
            throw new IllegalStateException("handshake not accepted yet");
        }
        return keys;
    }
}
