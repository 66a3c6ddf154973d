package dev.qrbeam.protocol.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF-SHA256 (RFC 5869) on the JDK's HmacSHA256. Used to derive every key from the QR secret and handshake. */
public final class Hkdf {
    private static final int HASH_LEN = 32;

    private Hkdf() {}

    /** {@code HKDF-Expand(HKDF-Extract(salt, ikm), info, length)}; an empty or null salt means 32 zero bytes. */
    public static byte[] derive(byte[] ikm, byte[] salt, String info, int length) {
        if (length <= 0 || length > 255 * HASH_LEN) {
            throw new IllegalArgumentException("HKDF length out of range: " + length);
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            byte[] s = salt == null || salt.length == 0 ? new byte[HASH_LEN] : salt;
            mac.init(new SecretKeySpec(s, "HmacSHA256"));
            byte[] prk = mac.doFinal(ikm);
            mac.init(new SecretKeySpec(prk, "HmacSHA256"));
            byte[] infoBytes = info.getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[length];
            byte[] t = new byte[0];
            for (int i = 1, pos = 0; pos < length; i++) {
                mac.update(t);
                mac.update(infoBytes);
                mac.update((byte) i);
                t = mac.doFinal();
                int n = Math.min(t.length, length - pos);
                System.arraycopy(t, 0, out, pos, n);
                pos += n;
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
