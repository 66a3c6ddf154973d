package dev.qrbeam.protocol.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Gets the JDK's AES-GCM onto its JIT-compiled fast path before a transfer starts. In a fresh JVM AES-GCM runs at
 * ~40 MB/s until C2 compiles it, which with 1 MiB records takes hundreds of MiB of real data. Many short calls
 * reach the compile thresholds after a few MiB, so {@link #run()} encrypts and decrypts 12,000 records of 4 KiB,
 * then a few of 256 KiB and 1 MiB, under a throw-away key (never a session key). Call it once at start-up, e.g. on a background thread while the
 * user picks files or scans the code. Measured figures: {@code docs/benchmarks.md}.
 */
public final class CryptoWarmup {
    /** Record size used for warm-up. */
    static final int RECORD = 4096;
    /** Number of encrypt+decrypt round trips. */
    static final int ROUNDS = 12_000;

    private CryptoWarmup() {
    }

    /** Runs the warm-up on the calling thread (about a second of one core on a 2-core machine). */
    public static void run() {
        int i = 0;
        i = rounds(RECORD, ROUNDS, i);
        i = rounds(256 << 10, 16, i);
        rounds(1 << 20, 8, i);
    }

    private static int rounds(int size, int count, int first) {
        try {
            SecretKeySpec key = new SecretKeySpec(new byte[32], "AES");
            Cipher enc = Cipher.getInstance("AES/GCM/NoPadding");
            Cipher dec = Cipher.getInstance("AES/GCM/NoPadding");
            ByteBuffer plain = ByteBuffer.allocate(size);
            ByteBuffer sealed = ByteBuffer.allocate(size + 16);
            ByteBuffer opened = ByteBuffer.allocate(size);
            byte[] ad = new byte[49];
            byte[] nonce = new byte[12];
            for (int i = first; i < first + count; i++) {
                nonce[8] = (byte) (i >>> 24);
                nonce[9] = (byte) (i >>> 16);
                nonce[10] = (byte) (i >>> 8);
                nonce[11] = (byte) i;
                enc.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
                enc.updateAAD(ad);
                plain.clear();
                sealed.clear();
                enc.doFinal(plain, sealed);
                sealed.flip();
                opened.clear();
                dec.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, nonce));
                dec.updateAAD(ad);
                dec.doFinal(sealed, opened);
            }
            return first + count;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM warm-up failed", e);
        }
    }

    /** Starts {@link #run()} on a daemon thread and returns it. */
    public static Thread startInBackground() {
        Thread t = new Thread(CryptoWarmup::run, "qrbeam-crypto-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return t;
    }
}
