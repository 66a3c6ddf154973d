package dev.qrbeam.protocol.crypto;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The sender's "one code, one receiver, limited time" rule.
 *
 * <p>Each receiver draws a random 16-byte <em>receiver token</em> per transfer ({@link #newToken}) and keeps it with
 * its resume journal. It never travels in a handshake message: after the key exchange the receiver's first
 * encrypted record is a {@link ReceiverClaim} — the token itself the first time (readable only with the
 * forward-secret session keys), afterwards an HMAC proof bound to that handshake. The sender admits the first
 * token it sees before {@code createdAt + ttl} and from then on only proofs of that token — after any reconnect,
 * relay restart or restart of either app, even past the expiry. Everybody else gets an authenticated refusal
 * ({@code code-used} or {@code code-expired}). A connection id is not used as identity because a restarted receiver
 * may get a new one. The engine persists {@link #createdAt()}, {@link #ttl()} and {@link #pairedToken()} with the
 * transfer and rebuilds the gate with {@link #restore}. Thread-safe.
 */
public final class ReceiverGate {
    /** Default code lifetime before pairing: 10 minutes. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);
    /** Receiver token length in bytes. */
    public static final int TOKEN_BYTES = 16;

    private final Instant createdAt;
    private final Duration ttl;
    private byte[] paired;

    public ReceiverGate(Instant createdAt, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        this.createdAt = createdAt;
        this.ttl = ttl;
    }

    /** Rebuilds a gate after a sender restart; {@code pairedToken} may be null if nobody paired yet. */
    public static ReceiverGate restore(Instant createdAt, Duration ttl, byte[] pairedToken) {
        ReceiverGate gate = new ReceiverGate(createdAt, ttl);
        gate.paired = pairedToken == null ? null : checked(pairedToken).clone();
        return gate;
    }

    /** A fresh receiver token from {@code random} (use a {@link SecureRandom}). */
    public static byte[] newToken(SecureRandom random) {
        byte[] token = new byte[TOKEN_BYTES];
        random.nextBytes(token);
        return token;
    }

    /**
     * The answer to handshake message 1 before any key exchange: a new receiver is refused at once when someone
     * paired ({@code code-used}) or the code expired ({@code code-expired}); a resuming receiver proceeds to its
     * claim when someone paired, else gets {@code code-expired} or {@code resume-unknown} (its claim never arrived:
     * pair as new). Empty = complete the key exchange and wait for the claim.
     */
    public synchronized Optional<HandshakeError> precheck(ClaimMode mode, Instant now) {
        if (paired != null) {
            return mode == ClaimMode.NEW ? Optional.of(HandshakeError.CODE_USED) : Optional.empty();
        }
        if (!now.isBefore(expiresAt())) {
            return Optional.of(HandshakeError.CODE_EXPIRED);
        }
        return mode == ClaimMode.NEW ? Optional.empty() : Optional.of(HandshakeError.RESUME_UNKNOWN);
    }

    /**
     * Decides on a receiver's claim, opened under the session keys of the handshake with hash
     * {@code handshakeHash}. A resume proof is checked against the paired token (constant time), also after expiry.
     */
    public synchronized Admission admit(ReceiverClaim claim, byte[] handshakeHash, Instant now) {
        if (claim.mode() == ClaimMode.NEW) {
            return admit(claim.token(), now);
        }
        if (paired == null) {
            return now.isBefore(expiresAt()) ? Admission.ALREADY_PAIRED : Admission.EXPIRED;
        }
        return claim.proves(paired, handshakeHash) ? Admission.RESUMED : Admission.ALREADY_PAIRED;
    }

    /**
     * Decides on a first-pairing claim that revealed {@code token} (only ever inside a record sealed with fresh
     * session keys, see {@link ReceiverClaim}).
     */
    public synchronized Admission admit(byte[] token, Instant now) {
        checked(token);
        if (paired != null) {
            return MessageDigest.isEqual(paired, token) ? Admission.RESUMED : Admission.ALREADY_PAIRED;
        }
        if (!now.isBefore(expiresAt())) {
            return Admission.EXPIRED;
        }
        paired = token.clone();
        return Admission.ACCEPTED;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Duration ttl() {
        return ttl;
    }

    /** When the code stops admitting a first receiver. */
    public Instant expiresAt() {
        return createdAt.plus(ttl);
    }

    /** The admitted receiver's token (copy), if any — persist it to survive a sender restart. */
    public synchronized Optional<byte[]> pairedToken() {
        return paired == null ? Optional.empty() : Optional.of(paired.clone());
    }

    private static byte[] checked(byte[] token) {
        if (token == null || token.length != TOKEN_BYTES) {
            throw new IllegalArgumentException("receiver token must be " + TOKEN_BYTES + " bytes");
        }
        return token;
    }
}
