package dev.qrbeam.protocol.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;

/**
 * AEAD records (AES-256-GCM, or ChaCha20-Poly1305 for chunks when negotiated, see {@link RecordSuite}) in one nonce
 * domain of one session: {@code counter (8, big-endian) || ciphertext || tag (16)}. The 96-bit nonce is
 * {@code domain (4) || counter (8)}. Holds one encrypting and one decrypting {@link Cipher} (reused across records);
 * not thread-safe — use one instance per thread.
 */
final class GcmRecords {
    static final int COUNTER_BYTES = 8;
    static final int TAG_BYTES = 16;
    static final int OVERHEAD = COUNTER_BYTES + TAG_BYTES;

    private final SessionKeys keys;
    private final RecordDomain domain;
    private final RecordSuite suite;
    private final Cipher enc;
    private final Cipher dec;
    private final byte[] nonce = new byte[12];

    GcmRecords(SessionKeys keys, RecordDomain domain) {
        this(keys, domain, RecordSuite.AES_256_GCM);
    }

    GcmRecords(SessionKeys keys, RecordDomain domain, RecordSuite suite) {
        this.keys = keys;
        this.domain = domain;
        this.suite = suite;
        try {
            this.enc = Cipher.getInstance(suite.transformation);
            this.dec = Cipher.getInstance(suite.transformation);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(suite.transformation + " unavailable", e);
        }
    }

    /** Encrypts all remaining bytes of {@code plaintext} into {@code out}; returns the record length. */
    int seal(ByteBuffer ad, ByteBuffer plaintext, ByteBuffer out) throws RecordException {
        int need = plaintext.remaining() + OVERHEAD;
        if (out.remaining() < need) {
            throw new IllegalArgumentException("Output buffer too small: need " + need + " bytes");
        }
        long counter = keys.nextTxCounter(domain);
        try {
            enc.init(Cipher.ENCRYPT_MODE, keys.txKey(suite), suite.parameters(nonce(counter)));
            aad(enc, ad);
            out.putLong(counter);
            return COUNTER_BYTES + enc.doFinal(plaintext, out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(suite.wire() + " encryption failed", e);
        }
    }

    /**
     * Authenticates and decrypts all remaining bytes of {@code record} into {@code out}; returns the plaintext
     * length. On any failure {@code out}'s position is left unchanged (bytes past it may have been overwritten and
     * must be ignored).
     */
    int open(ByteBuffer ad, ByteBuffer record, ByteBuffer out) throws RecordException {
        int len = record.remaining();
        if (len < OVERHEAD) {
            throw new RecordException(
                    RecordError.MALFORMED, "Record of " + len + " bytes is shorter than its overhead");
        }
        if (out.remaining() < len - OVERHEAD) {
            throw new IllegalArgumentException("Output buffer too small: need " + (len - OVERHEAD) + " bytes");
        }
        long counter = record.getLong();
        if (counter < 0 || counter >= SessionKeys.MAX_RECORDS) {
            throw new RecordException(RecordError.MALFORMED, "Record counter out of range");
        }
        int start = out.position();
        int n;
        try {
            dec.init(Cipher.DECRYPT_MODE, keys.rxKey(suite), suite.parameters(nonce(counter)));
            aad(dec, ad);
            n = dec.doFinal(record, out);
        } catch (AEADBadTagException e) {
            throw new RecordException(
                    RecordError.AUTH_FAILED,
                    "Record failed authentication (tampered, moved, or not from this session)",
                    e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(suite.wire() + " decryption failed", e);
        }
        try {
            keys.acceptRx(domain, counter);
        } catch (RecordException e) {
            out.position(start);
            throw e;
        }
        return n;
    }

    /**
     * Passes the associated data as an array: JDK 17's ChaCha20-Poly1305 computes a wrong tag from
     * {@code updateAAD(ByteBuffer)} (it differs from {@code updateAAD(byte[])} and from RFC 8439); the shared
     * vectors ({@code PhoneVectorsTest}) catch it.
     */
    private static void aad(Cipher c, ByteBuffer ad) {
        if (ad.hasArray()) {
            c.updateAAD(ad.array(), ad.arrayOffset() + ad.position(), ad.remaining());
            ad.position(ad.limit());
        } else {
            byte[] copy = new byte[ad.remaining()];
            ad.get(copy);
            c.updateAAD(copy);
        }
    }

    private byte[] nonce(long counter) {
        int p = domain.prefix;
        nonce[0] = (byte) (p >>> 24);
        nonce[1] = (byte) (p >>> 16);
        nonce[2] = (byte) (p >>> 8);
        nonce[3] = (byte) p;
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (byte) (counter >>> (56 - 8 * i));
        }
        return nonce.clone();
    }
}
