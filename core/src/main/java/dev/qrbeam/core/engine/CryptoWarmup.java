package dev.qrbeam.core.engine;

import dev.qrbeam.protocol.chunk.ChunkRef;
import dev.qrbeam.protocol.crypto.ChunkCipher;
import dev.qrbeam.protocol.crypto.Handshake;
import dev.qrbeam.protocol.crypto.SessionKeys;
import dev.qrbeam.protocol.pairing.PairingCode;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets the JDK's AES-GCM onto its compiled (intrinsic) path before data flows. In a fresh JDK 17 JVM, GCM over
 * 1 MiB records stays interpreted at ~100 MB/s for gigabytes, because the methods behind large calls are invoked
 * only once per record; measured here, ~600-1000 encrypt+decrypt calls of 70,000 bytes (just above the JDK's
 * 64 KiB split size, so the same code path as large records) make C2 compile them, after which a record runs at
 * several GB/s. That costs ~0.6-0.9 s of CPU once per JVM, on a background thread while pairing and hashing go
 * on. JVM flags {@code -XX:Tier3InvocationThreshold=10 -XX:Tier4InvocationThreshold=50} make it cheaper still.
 */
public final class CryptoWarmup {
    private static final Logger LOG = LoggerFactory.getLogger(CryptoWarmup.class);
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final int SIZE = 70_000;
    private static final int ROUNDS = 1_200;

    private CryptoWarmup() {
    }

    /** Starts the warm-up once per JVM (no-op afterwards, or with {@code -Dqrbeam.warmup=false}). */
    public static void start() {
        if (!Boolean.parseBoolean(System.getProperty("qrbeam.warmup", "true")) || !STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(CryptoWarmup::run, "qrbeam-crypto-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    static void run() {
        long start = System.nanoTime();
        try {
            SecureRandom random = new SecureRandom();
            PairingCode code = PairingCode.create(URI.create("http://127.0.0.1:1"), "AAAAAAAAAAAAAAAAAAAAAA", random);
            Handshake receiver = Handshake.initiator(code, "BBBBBBBBBBBBBBBBBBBBBB", dev.qrbeam.protocol.crypto.ClaimMode.NEW, random);
            Handshake sender = Handshake.responder(code, "BBBBBBBBBBBBBBBBBBBBBB", random);
            sender.readMessage1(receiver.writeMessage1());
            receiver.readMessage2(sender.writeMessage2());
            SessionKeys tx = sender.split();
            SessionKeys rx = receiver.split();
            byte[] tid = new byte[16];
            ChunkCipher enc = new ChunkCipher(tx, tid);
            ChunkCipher dec = new ChunkCipher(rx, tid);
            ByteBuffer plain = ByteBuffer.allocate(SIZE);
            ByteBuffer record = ByteBuffer.allocate(SIZE + ChunkCipher.OVERHEAD);
            for (int i = 0; i < ROUNDS; i++) {
                ChunkRef ref = new ChunkRef(0, i, ROUNDS, (long) i * SIZE, SIZE, i == ROUNDS - 1);
                plain.clear();
                record.clear();
                enc.encrypt(ref, plain, record);
                record.flip();
                plain.clear();
                dec.decrypt(ref, record, plain);
            }
            LOG.debug("crypto warm-up took {} ms", (System.nanoTime() - start) / 1_000_000);
        } catch (Exception | LinkageError e) {
            LOG.debug("crypto warm-up skipped: {}", e.toString());
        }
    }
}
