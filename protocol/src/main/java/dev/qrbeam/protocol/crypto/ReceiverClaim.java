package dev.qrbeam.protocol.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The receiver's claim: the plaintext of the first {@code Control} record the receiver sends after a handshake,
 * sealed with the fresh session keys (so a passive observer who holds the code cannot read it: the key depends on
 * the ephemeral-ephemeral DH). The sender decides admission on it, and only on it.
 *
 * <ul>
 *   <li>{@link ClaimMode#NEW}: {@code 0x00 ‖ token (16)} — the receiver token itself (first pairing).</li>
 *   <li>{@link ClaimMode#RESUME}: {@code 0x01 ‖ HMAC-SHA256(key = token, "qrbeam resume v1" ‖ h) (32)} where
 *       {@code h} is this handshake's hash: proves the token without revealing it, and cannot be replayed into
 *       another handshake.</li>
 * </ul>
 */
public final class ReceiverClaim {
    /** The HMAC label of a resume proof (ASCII, no terminator). */
    public static final String RESUME_LABEL = "qrbeam resume v1";

    private static final int PROOF_BYTES = 32;

    private final ClaimMode mode;
    private final byte[] value;

    private ReceiverClaim(ClaimMode mode, byte[] value) {
        this.mode = mode;
        this.value = value;
    }

    /** The claim plaintext for {@code mode} (a NEW claim ignores {@code handshakeHash}). */
    public static byte[] plaintext(ClaimMode mode, byte[] token, byte[] handshakeHash) {
        checkToken(token);
        byte[] v = mode == ClaimMode.NEW ? token.clone() : proof(token, handshakeHash);
        byte[] out = new byte[1 + v.length];
        out[0] = mode.wire();
        System.arraycopy(v, 0, out, 1, v.length);
        return out;
    }

    /** Parses a claim plaintext; {@code claim-malformed} for anything but the two forms above. */
    public static ReceiverClaim parse(byte[] plaintext) throws HandshakeException {
        ClaimMode m = plaintext == null || plaintext.length == 0 ? null : ClaimMode.fromWire(plaintext[0]);
        int want = m == ClaimMode.NEW ? Handshake.TOKEN_BYTES : PROOF_BYTES;
        if (m == null || plaintext.length != 1 + want) {
            throw new HandshakeException(HandshakeError.BAD_CLAIM, "The receiver's claim is not a valid claim record");
        }
        return new ReceiverClaim(m, Arrays.copyOfRange(plaintext, 1, plaintext.length));
    }

    public ClaimMode mode() {
        return mode;
    }

    /** The token of a {@link ClaimMode#NEW} claim (copy). */
    public byte[] token() {
        if (mode != ClaimMode.NEW) {
            throw new IllegalStateException("a resume claim carries no token");
        }
        return value.clone();
    }

    /** True if this claim shows possession of {@code token} in the handshake with hash {@code handshakeHash}. */
    public boolean proves(byte[] token, byte[] handshakeHash) {
        byte[] expected = mode == ClaimMode.NEW ? checkToken(token) : proof(token, handshakeHash);
        return MessageDigest.isEqual(expected, value);
    }

    /** {@code HMAC-SHA256(key = token, "qrbeam resume v1" ‖ handshakeHash)}. */
    static byte[] proof(byte[] token, byte[] handshakeHash) {
        checkToken(token);
        if (handshakeHash == null || handshakeHash.length != 32) {
            throw new IllegalArgumentException("handshake hash must be 32 bytes");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token, "HmacSHA256"));
            mac.update(RESUME_LABEL.getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(handshakeHash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static byte[] checkToken(byte[] token) {
        if (token == null || token.length != Handshake.TOKEN_BYTES) {
            throw new IllegalArgumentException("receiver token must be " + Handshake.TOKEN_BYTES + " bytes");
        }
        return token;
    }
}
