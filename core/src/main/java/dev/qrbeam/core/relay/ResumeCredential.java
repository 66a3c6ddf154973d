package dev.qrbeam.core.relay;

import dev.qrbeam.protocol.crypto.RelayResumeProof;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * What this client needs to resume its relay id (docs/protocol.md §8): the relay's token, its own X25519 secret
 * (announced as {@code resumekey}) and the relay's public key. With all three, a resume is <em>bound</em>: it
 * carries a proof for the new connection, and nothing a sniffer saw on plain {@code ws://} resumes the id. A relay
 * that sends no key gets the seed-style token. {@link #persisted()} is the one string the sender keeps in its
 * owner-only state. Thread-safe.
 */
final class ResumeCredential {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final byte[] secret;
    private final String resumeKey;
    private volatile String token;
    private volatile String relayKey;
    /**
     * Resume refusals in a row. One refusal is not believed: a Connect damaged on the way (DisconnectTest's corrupting
     * link) is refused exactly like a forged token, and a sender that took a new id would lose its transfer. The
     * {@value #BELIEVED_REFUSALS}rd refusal in a row (a relay restarted without its key) gives up the id.
     */
    private volatile int refusals;

    private static final int BELIEVED_REFUSALS = 3;

    private ResumeCredential(byte[] secret, String token, String relayKey) {
        this.secret = secret;
        this.resumeKey = B64.encodeToString(RelayResumeProof.publicKey(secret));
        this.token = token;
        this.relayKey = relayKey;
    }

    /** From {@link #persisted()} (or a seed-style token, or null for a fresh client). */
    static ResumeCredential of(String persisted, SecureRandom random) {
        String[] parts = persisted == null ? new String[0] : persisted.split("\\.", -1);
        if (parts.length == 3) {
            try {
                byte[] s = Base64.getUrlDecoder().decode(parts[1]);
                if (s.length == RelayResumeProof.KEY_BYTES) {
                    return new ResumeCredential(s, parts[0], parts[2]);
                }
            } catch (IllegalArgumentException e) {
                // unusable: start afresh below
            }
        }
        byte[] s = new byte[RelayResumeProof.KEY_BYTES];
        random.nextBytes(s);
        return new ResumeCredential(s, parts.length == 1 ? parts[0] : null, null);
    }

    /** Our X25519 public key, base64url: sent with every Connect. */
    String resumeKey() {
        return resumeKey;
    }

    String token() {
        return token;
    }

    /** True when the relay gave us a key: resume with a proof. */
    boolean bound() {
        return token != null && relayKey != null;
    }

    /**
     * Takes the token and relay key of a Connect reply, except when the relay just gave back the id this credential
     * already resumed with: the relay accepted our token then, and the reply's copy may have been damaged on the way
     * (a corrupting link once poisoned the stored token or key, and every later resume was refused).
     */
    void update(ConnectExchange reply, boolean resumedWithThis) {
        if (resumedWithThis && bound()) {
            return;
        }
        if (reply.resumeToken() != null) {
            token = reply.resumeToken();
            relayKey = reply.relayKey();
        }
    }

    /**
     * The proof for resuming {@code oldId} on the connection whose fresh Connect reply is {@code fresh}: made with the
     * relay key that reply just carried (else the stored one), so a key damaged in an earlier reply does not spoil it.
     */
    String proof(String oldId, ConnectExchange fresh) throws IOException {
        String key = fresh.relayKey() != null ? fresh.relayKey() : relayKey;
        try {
            return B64.encodeToString(
                    RelayResumeProof.proof(secret, Base64.getUrlDecoder().decode(key), oldId, fresh.connectionId()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("the relay's resume key is unusable", e);
        }
    }

    /** {@code token.secret.relayKey} when bound, else the seed-style token (or null). */
    String persisted() {
        String t = token;
        String r = relayKey;
        return t != null && r != null ? t + "." + B64.encodeToString(secret) + "." + r : t;
    }

    /** Whether the next refusal to resume is believed (the id is given up) or asked again on a new connection. */
    boolean believeRefusal() {
        return refusals + 1 >= BELIEVED_REFUSALS;
    }

    /** Counts a refusal that was not believed; returns how many in a row. */
    int refused() {
        return ++refusals;
    }

    /** The relay answered a Connect (resumed, fresh, or a believed refusal): the count starts over. */
    void answered() {
        refusals = 0;
    }
}
