package dev.qrbeam.protocol.crypto;

import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;

/**
 * The AEAD of chunk records. Desktops use {@link #AES_256_GCM} (AES-NI); a browser receiver asks for
 * {@link #CHACHA20_POLY1305} in its {@code resume} (pure-JS ChaCha20-Poly1305 is constant-time and several times
 * faster than pure-JS AES). Both use the same record layout, nonce construction and associated data; the ChaCha key
 * is derived from the direction key ({@code HKDF(key, info "qrbeam chunk chacha20-poly1305 v1")}) so no key is
 * used by two algorithms. Control records are always AES-256-GCM.
 */
public enum RecordSuite {
    AES_256_GCM("aes-256-gcm", "AES/GCM/NoPadding", "AES"),
    CHACHA20_POLY1305("chacha20-poly1305", "ChaCha20-Poly1305", "ChaCha20");

    /** HKDF info of the derived ChaCha20-Poly1305 chunk key. */
    static final String CHACHA_KEY_INFO = "qrbeam chunk chacha20-poly1305 v1";

    private final String wire;
    final String transformation;
    final String keyAlgorithm;

    RecordSuite(String wire, String transformation, String keyAlgorithm) {
        this.wire = wire;
        this.transformation = transformation;
        this.keyAlgorithm = keyAlgorithm;
    }

    /** The name in the {@code resume} control message's {@code suite} field. */
    public String wire() {
        return wire;
    }

    /** The suite with this wire name; null for unknown names (the sender then keeps AES-256-GCM). */
    public static RecordSuite fromWire(String name) {
        for (RecordSuite s : values()) {
            if (s.wire.equals(name)) {
                return s;
            }
        }
        return null;
    }

    AlgorithmParameterSpec parameters(byte[] nonce) {
        return this == AES_256_GCM ? new GCMParameterSpec(128, nonce) : new IvParameterSpec(nonce);
    }
}
