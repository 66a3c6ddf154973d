package dev.qrbeam.protocol.crypto;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Bound relay resume (docs/protocol.md §8): a client that announced an X25519 public key {@code C} with its
 * Connect proves, when it resumes its id on a new connection, that it holds the private key — with
 * {@code HMAC-SHA256(X25519(c, R), "qrbeam relay resume v1" ‖ lp(old id) ‖ lp(new connection's id))}, where
 * {@code R} is the relay's public key and {@code lp} a 2-byte big-endian length prefix. Nothing that travels in
 * clear lets anyone else resume the id; a captured proof is bound to the connection it was made for. JDK XDH and
 * HmacSHA256 only.
 */
public final class RelayResumeProof {
    /** X25519 key length in bytes. */
    public static final int KEY_BYTES = 32;

    private static final String LABEL = "qrbeam relay resume v1";
    private static final byte[] BASE_POINT = new byte[KEY_BYTES];

    static {
        BASE_POINT[0] = 9;
    }

    private RelayResumeProof() {}

    /** The X25519 public key (u-coordinate, little-endian, 32 bytes) of a 32-byte private key. */
    public static byte[] publicKey(byte[] privateKey) {
        try {
            return shared(privateKey, BASE_POINT);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519 unavailable", e);
        }
    }

    /**
     * The proof for resuming {@code oldId} on the connection now called {@code newId}.
     *
     * @throws GeneralSecurityException the peer key is invalid (e.g. of small order)
     */
    public static byte[] proof(byte[] ownPrivate, byte[] peerPublic, String oldId, String newId)
            throws GeneralSecurityException {
        byte[] k = shared(ownPrivate, peerPublic);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(k, "HmacSHA256"));
        ByteArrayOutputStream msg = new ByteArrayOutputStream();
        for (String field : new String[] {LABEL, oldId, newId}) {
            byte[] b = field.getBytes(StandardCharsets.UTF_8);
            msg.write(b.length >>> 8);
            msg.write(b.length);
            msg.write(b, 0, b.length);
        }
        return mac.doFinal(msg.toByteArray());
    }

    private static byte[] shared(byte[] ownPrivate, byte[] peerPublic) throws GeneralSecurityException {
        if (ownPrivate == null
                || ownPrivate.length != KEY_BYTES
                || peerPublic == null
                || peerPublic.length != KEY_BYTES) {
            throw new GeneralSecurityException("X25519 keys must be " + KEY_BYTES + " bytes");
        }
        KeyFactory kf = KeyFactory.getInstance("XDH");
        PrivateKey priv = kf.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, ownPrivate.clone()));
        byte[] be = new byte[KEY_BYTES];
        for (int i = 0; i < KEY_BYTES; i++) {
            be[i] = peerPublic[KEY_BYTES - 1 - i];
        }
        be[0] &= 0x7f; // RFC 7748: the top bit of the u-coordinate is ignored
        PublicKey pub = kf.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, be)));
        KeyAgreement ka = KeyAgreement.getInstance("X25519");
        ka.init(priv);
        ka.doPhase(pub, true);
        return ka.generateSecret();
    }
}
