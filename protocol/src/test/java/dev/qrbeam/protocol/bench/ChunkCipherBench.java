package dev.qrbeam.protocol.bench;

import dev.qrbeam.protocol.chunk.ChunkLayout;
import dev.qrbeam.protocol.chunk.ChunkRef;
import dev.qrbeam.protocol.crypto.ChunkCipher;
import dev.qrbeam.protocol.crypto.CryptoWarmup;
import dev.qrbeam.protocol.crypto.Handshake;
import dev.qrbeam.protocol.crypto.SessionKeys;
import dev.qrbeam.protocol.pairing.PairingCode;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * Runnable benchmark (not a test): AES-256-GCM chunk records through {@link ChunkCipher} with real session keys.
 * Run each configuration in a FRESH JVM, because JIT warm-up is the point:
 *
 * <pre>
 *   java -cp CP dev.qrbeam.protocol.bench.ChunkCipherBench 262144 1024 [warmup]
 *   (args: record bytes, MiB to push, optional "warmup" = call CryptoWarmup first)
 * </pre>
 *
 * Prints the encrypt MB/s of each 64 MiB window (warm-up curve), then steady-state encrypt, decrypt and
 * encrypt+decrypt MB/s.
 */
public final class ChunkCipherBench {
    private static final int WINDOW = 64 << 20;

    private ChunkCipherBench() {}

    public static void main(String[] args) throws Exception {
        int record = args.length > 0 ? Integer.parseInt(args[0]) : 1 << 20;
        long totalMiB = args.length > 1 ? Long.parseLong(args[1]) : 1024;
        boolean warm = args.length > 2 && args[2].equals("warmup");
        SecureRandom random = new SecureRandom();
        PairingCode code = PairingCode.create(URI.create("http://127.0.0.1:1"), "q2Xh0bE1Z3lWn4Tt9k8Y0A", random);
        String rid = "ZmFrZXJlY2VpdmVyaWQxMg";
        Handshake r = Handshake.initiator(code, rid, dev.qrbeam.protocol.crypto.ClaimMode.NEW, random);
        Handshake s = Handshake.responder(code, rid, random);
        s.readMessage1(r.writeMessage1());
        r.readMessage2(s.writeMessage2());
        SessionKeys receiverKeys = r.split();
        SessionKeys senderKeys = s.split();

        if (warm) {
            long t = System.nanoTime();
            CryptoWarmup.run();
            System.out.printf(Locale.ROOT, "CryptoWarmup.run(): %.0f ms%n", (System.nanoTime() - t) / 1e6);
        }
        byte[] tid = new byte[16];
        ChunkCipher enc = new ChunkCipher(senderKeys, tid);
        ChunkCipher dec = new ChunkCipher(receiverKeys, tid);
        long chunks = (totalMiB << 20) / record;
        ChunkLayout layout = new ChunkLayout(new long[] {chunks * record}, record);
        ByteBuffer plain = ByteBuffer.allocate(record);
        random.nextBytes(plain.array());
        ByteBuffer rec = ByteBuffer.allocate(record + ChunkCipher.OVERHEAD);
        ByteBuffer out = ByteBuffer.allocate(record);

        System.out.printf(
                Locale.ROOT,
                "record %d KiB, %d MiB, fresh JVM%s; encrypt MB/s per 64 MiB window:%n",
                record >> 10,
                totalMiB,
                warm ? " after CryptoWarmup" : "");
        long windowStart = System.nanoTime();
        long windowBytes = 0;
        StringBuilder curve = new StringBuilder();
        for (long id = 0; id < chunks; id++) {
            ChunkRef ref = layout.ref(id);
            plain.clear();
            rec.clear();
            enc.encrypt(ref, plain, rec);
            windowBytes += record;
            if (windowBytes >= WINDOW) {
                long now = System.nanoTime();
                curve.append(String.format(Locale.ROOT, " %.0f", windowBytes / 1e6 / ((now - windowStart) / 1e9)));
                windowStart = now;
                windowBytes = 0;
            }
        }
        System.out.println(" " + curve.toString().trim());

        long steadyBytes = 512L << 20;
        long n = steadyBytes / record;
        long t0 = System.nanoTime();
        for (long i = 0; i < n; i++) {
            plain.clear();
            rec.clear();
            enc.encrypt(layout.ref(i % chunks), plain, rec);
        }
        double encMBs = n * (double) record / 1e6 / ((System.nanoTime() - t0) / 1e9);

        // decrypt: encrypt a fresh record per id, time only the decrypt
        long decNanos = 0;
        long both0 = System.nanoTime();
        for (long i = 0; i < n; i++) {
            ChunkRef ref = layout.ref(i % chunks);
            plain.clear();
            rec.clear();
            enc.encrypt(ref, plain, rec);
            rec.flip();
            out.clear();
            long d0 = System.nanoTime();
            dec.decrypt(ref, rec, out);
            decNanos += System.nanoTime() - d0;
        }
        double bothMBs = n * (double) record / 1e6 / ((System.nanoTime() - both0) / 1e9);
        double decMBs = n * (double) record / 1e6 / (decNanos / 1e9);
        System.out.printf(
                Locale.ROOT,
                "steady state (512 MiB each): encrypt %.0f MB/s, decrypt %.0f MB/s, "
                        + "encrypt+decrypt on one core %.0f MB/s%n",
                encMBs,
                decMBs,
                bothMBs);
    }
}
