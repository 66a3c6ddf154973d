package dev.qrbeam.protocol.crypto;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys of one handshake (one connection): an AES-256 key per direction plus the nonce counters and replay
 * windows that go with them. Created only by {@link Handshake#split()}; a reconnect needs a new handshake and
 * therefore gets fresh keys. Thread-safe: counters are atomic, so several {@link ChunkCipher} instances made from
 * the same keys (one per thread) never reuse a nonce.
 */
public final class SessionKeys {
    /** Stop well before the 64-bit counter could wrap; the engine must re-handshake (never happens in practice). */
    static final long MAX_RECORDS = 1L << 48;

    private final boolean sender;
    private final SecretKey tx;
    private final SecretKey rx;
    private final SecretKey chachaTx;
    private final SecretKey chachaRx;
    private final byte[] handshakeHash;
    private final Map<RecordDomain, AtomicLong> txCounters = new EnumMap<>(RecordDomain.class);
    private final Map<RecordDomain, ReplayWindow> rxWindows = new EnumMap<>(RecordDomain.class);

    SessionKeys(boolean sender, byte[] txKey, byte[] rxKey, byte[] handshakeHash) {
        this.sender = sender;
        this.tx = new SecretKeySpec(txKey, "AES");
        this.rx = new SecretKeySpec(rxKey, "AES");
        this.chachaTx = chachaKey(txKey);
        this.chachaRx = chachaKey(rxKey);
        this.handshakeHash = handshakeHash.clone();
        for (RecordDomain d : RecordDomain.values()) {
            txCounters.put(d, new AtomicLong());
            rxWindows.put(d, new ReplayWindow());
        }
    }

    /** True on the sender (Noise responder), false on the receiver (initiator). */
    public boolean isSender() {
        return sender;
    }

    /**
     * The Noise handshake hash: public, unique per session. Useful as a session label in logs (e.g. its first
     * bytes); not a secret and not a reusable identity.
     */
    public byte[] handshakeHash() {
        return handshakeHash.clone();
    }

    SecretKey txKey() {
        return tx;
    }

    SecretKey rxKey() {
        return rx;
    }

    SecretKey txKey(RecordSuite suite) {
        return suite == RecordSuite.AES_256_GCM ? tx : chachaTx;
    }

    SecretKey rxKey(RecordSuite suite) {
        return suite == RecordSuite.AES_256_GCM ? rx : chachaRx;
    }

    private static SecretKey chachaKey(byte[] key) {
        byte[] k = Hkdf.derive(key, null, RecordSuite.CHACHA_KEY_INFO, 32);
        SecretKey spec = new SecretKeySpec(k, "ChaCha20");
        java.util.Arrays.fill(k, (byte) 0);
        return spec;
    }

    long nextTxCounter(RecordDomain domain) throws RecordException {
        long n = txCounters.get(domain).getAndIncrement();
        if (n >= MAX_RECORDS) {
            throw new RecordException(RecordError.EXHAUSTED, "Session used up its nonces; reconnect for fresh keys");
        }
        return n;
    }

    void acceptRx(RecordDomain domain, long counter) throws RecordException {
        rxWindows.get(domain).accept(counter);
    }
}
