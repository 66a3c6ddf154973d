package dev.qrbeam.protocol.pairing;

import java.util.Base64;

/** Strict, canonical base64url without padding (RFC 4648 §5), as used for ids, secrets and handshake bytes. */
public final class Base64Url {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Base64Url() {}

    public static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    /**
     * Decodes canonical base64url without padding.
     *
     * @return the bytes, or {@code null} if {@code text} contains anything but {@code A-Z a-z 0-9 - _}, has padding,
     *     or is not the canonical encoding of its bytes (non-zero unused bits)
     */
    public static byte[] decodeOrNull(String text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok =
                    (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return null;
            }
        }
        try {
            byte[] bytes = DECODER.decode(text);
            return ENCODER.encodeToString(bytes).equals(text) ? bytes : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
