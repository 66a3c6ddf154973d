package dev.qrbeam.protocol.crypto;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Gets the JDK's AES-GCM and SHA-256 onto their JIT-compiled intrinsic paths before a transfer starts — the one
 * warm-up of the project (engine, app and benchmarks call it).
 *
 * <p>Why it is needed: in a fresh JDK 17 JVM, {@code GHASH.processBlocks} and {@code CounterMode.implCrypt} run as
 * plain Java (~40 MB/s for GCM) until C2 compiles them, and C2 only compiles them after thousands of
 * <em>invocations</em>. A 1 MiB record invokes them ~16 times (the JDK cuts GCM input into 64 KiB pieces), so a
 * cold process moved hundreds of MiB at ~40 MB/s. Warming up with large records costs as much as it saves (the
 * earlier 1,200 × 70,000-byte warm-up burnt ~0.75-1.5 s of CPU running the slow path); many <em>small</em> records
 * reach the invocation thresholds after a few MiB of slow work.
 *
 * <p>How: rounds of 512-byte records (encrypt + decrypt through {@link GcmRecords}, the class every chunk uses, under
 * a throw-away key — never a session key) and 512-byte SHA-256 updates, and every {@value #BATCH} rounds a probe: a
 * 70,000-byte record (above the JDK's 64 KiB split, so the large-record path) and 70,000 bytes of SHA-256, timed in
 * thread CPU, pausing {@value #PAUSE_MS} ms after a slow one. It stops once two probes in a row run at the compiled
 * speed, or after {@value #MAX_CPU_MS} ms of CPU whatever happens (an unknown JDK or CPU without intrinsics).
 * Measured figures: {@code docs/benchmarks.md}.
 */
public final class CryptoWarmup {
    /** Small record size: enough blocks per call to run GHASH's and CTR's block loops. */
    static final int SMALL = 512;
    /** Probe size: just above the JDK's 64 KiB GCM split, i.e. the path of real 1 MiB records. */
    static final int PROBE = 70_000;
    /** Rounds between probes. */
    static final int BATCH = 500;
    /** A probe (encrypt + decrypt + hash of {@link #PROBE} bytes) this fast means compiled code (~1 GB/s overall). */
    static final long FAST_PROBE_NANOS = 200_000;
    /** Upper bound of the warm-up's own CPU time. */
    static final long MAX_CPU_MS = 1_500;
    /**
     * Pause after a slow probe. Once the invocation counts are reached, C2 compiles on its own threads; on a busy
     * machine (load ~30, 2 cores) those got so little CPU that the warm-up kept running the slow path meanwhile
     * (24-51% of a fresh process's JFR samples), so it waits instead of working.
     */
    static final long PAUSE_MS = 20;

    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private CryptoWarmup() {}

    /** What a warm-up did. */
    public record Result(int rounds, boolean fast, long cpuNanos) {}

    /** Runs the warm-up on the calling thread; returns whether the compiled path was reached. */
    public static Result run() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        boolean cpuClock = mx.isCurrentThreadCpuTimeSupported();
        long start = now(mx, cpuClock);
        try {
            byte[] key = new byte[32];
            SessionKeys keys = new SessionKeys(true, key, key, new byte[32]);
            GcmRecords records = new GcmRecords(keys, RecordDomain.CHUNK);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            Buffers small = new Buffers(SMALL);
            Buffers probe = new Buffers(PROBE);
            int rounds = 0;
            int fastProbes = 0;
            while (now(mx, cpuClock) - start < MAX_CPU_MS * 1_000_000) {
                for (int i = 0; i < BATCH; i++) {
                    small.round(records, sha);
                }
                rounds += BATCH;
                long t = now(mx, cpuClock);
                probe.round(records, sha);
                fastProbes = now(mx, cpuClock) - t <= FAST_PROBE_NANOS ? fastProbes + 1 : 0;
                if (fastProbes == 2) {
                    return new Result(rounds, true, now(mx, cpuClock) - start);
                }
                if (fastProbes == 0) {
                    Thread.sleep(PAUSE_MS); // let C2's queue catch up instead of running the slow path meanwhile
                }
            }
            return new Result(rounds, false, now(mx, cpuClock) - start);
        } catch (RecordException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("AES-GCM / SHA-256 warm-up failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(0, false, now(mx, cpuClock) - start);
        }
    }

    /**
     * Starts {@link #run()} once per JVM on a daemon thread (a no-op afterwards, or with
     * {@code -Dqrbeam.warmup=false}); returns the thread, or null when nothing was started.
     */
    public static Thread start() {
        if (!Boolean.parseBoolean(System.getProperty("qrbeam.warmup", "true")) || !STARTED.compareAndSet(false, true)) {
            return null;
        }
        return startInBackground();
    }

    /** Starts {@link #run()} on a new daemon thread and returns it. */
    public static Thread startInBackground() {
        Thread t = new Thread(CryptoWarmup::run, "qrbeam-crypto-warmup");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static long now(ThreadMXBean mx, boolean cpuClock) {
        return cpuClock ? mx.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** Plaintext, record and output buffers of one size; the record sits at an offset like a real frame. */
    private static final class Buffers {
        private final ByteBuffer plain;
        private final ByteBuffer record;
        private final ByteBuffer opened;
        private final ByteBuffer ad = ByteBuffer.allocate(49);

        Buffers(int size) {
            plain = ByteBuffer.allocate(size);
            record = ByteBuffer.allocate(64 + size + GcmRecords.OVERHEAD);
            opened = ByteBuffer.allocate(size);
        }

        void round(GcmRecords records, MessageDigest sha) throws RecordException {
            plain.clear();
            record.clear().position(64);
            ad.clear();
            records.seal(ad, plain, record);
            record.flip().position(64);
            opened.clear();
            ad.clear();
            records.open(ad, record, opened);
            sha.update(opened.array(), 0, opened.capacity());
        }
    }
}
