package dev.qrbeam.protocol.crypto;

import dev.qrbeam.protocol.pairing.PairingCode;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;

/**
 * The sender's whole pairing exchange with one receiver attempt: answer message 1 (refusing a new receiver at once
 * when the code is used or expired), then decide admission on the receiver's claim record — and only then may the
 * engine switch peers or send anything. Not thread-safe; one instance per attempt.
 */
public final class SenderHandshake {
    private final Handshake noise;
    private final ReceiverGate gate;
    private ClaimMode mode;
    private SessionKeys keys;
    private byte[] acceptedToken;
    private boolean decided;

    /** @param receiverId the connection id the relay stamped on the receiver's Request */
    public SenderHandshake(PairingCode code, String receiverId, ReceiverGate gate, SecureRandom random) {
        this.noise = Handshake.responder(code, receiverId, random);
        this.gate = gate;
    }

    /** Tests only: fixed ephemeral key for deterministic vectors. */
    void fixEphemeralForTest(byte[] privateKey) {
        noise.fixEphemeralForTest(privateKey);
    }

    /** Message 2 and whether it is a refusal (then {@code refusal} is the reason and no keys exist). */
    public record Answer(byte[] message2, HandshakeError refusal) {
        public boolean accepted() {
            return refusal == null;
        }
    }

    /**
     * Reads message 1 and answers it.
     *
     * @throws HandshakeException message 1 did not verify ({@code handshake-failed}), came from an older QRBeam
     *     ({@code handshake-version}) or is garbage ({@code handshake-malformed}); answer with the unauthenticated
     *     {@code error} hint
     */
    public Answer answer(byte[] message1, Instant now) throws HandshakeException {
        mode = noise.readMessage1(message1);
        Optional<HandshakeError> refusal = gate.precheck(mode, now);
        if (refusal.isPresent()) {
            return new Answer(noise.writeRefusal(refusal.get()), refusal.get());
        }
        byte[] m2 = noise.writeMessage2();
        keys = noise.split();
        return new Answer(m2, null);
    }

    /** The session keys after an accepted {@link #answer}. */
    public SessionKeys keys() {
        if (keys == null) {
            throw new IllegalStateException("no accepted handshake");
        }
        return keys;
    }

    /**
     * Opens the receiver's claim record (its first {@code Control} record under the new keys) and decides through
     * the gate. Call at most once per attempt.
     *
     * @throws RecordException the record does not open under these keys (not from this handshake)
     * @throws HandshakeException {@code claim-malformed}, or a claim whose mode differs from message 1's
     */
    public Admission admit(byte[] claimRecord, Instant now) throws HandshakeException, RecordException {
        if (decided) {
            throw new HandshakeException(HandshakeError.STATE, "claim already decided");
        }
        byte[] plain = new ControlCipher(keys()).open(claimRecord);
        decided = true;
        ReceiverClaim claim = ReceiverClaim.parse(plain);
        if (claim.mode() != mode) {
            throw new HandshakeException(HandshakeError.BAD_CLAIM, "The claim's mode differs from message 1's");
        }
        Admission a = gate.admit(claim, keys.handshakeHash(), now);
        if (a == Admission.ACCEPTED) {
            acceptedToken = claim.token();
        }
        return a;
    }

    /** After an {@link Admission#ACCEPTED} claim: the newly paired token, to persist with the transfer. */
    public Optional<byte[]> acceptedToken() {
        return Optional.ofNullable(acceptedToken).map(byte[]::clone);
    }

    /** The refusal code to send (encrypted) for a refused claim. */
    public static HandshakeError refusalFor(Admission a) {
        return a == Admission.EXPIRED ? HandshakeError.CODE_EXPIRED : HandshakeError.CODE_USED;
    }
}
