package dev.qrbeam.relay.bench;

import dev.qrbeam.relay.LoopbackSwitch;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Relay benchmark (a runnable, not a test): idle connections held by a relay JVM with a 256 MiB heap, and
 * forwarding throughput for 1 and 50 pairs with 256 KiB binary chunks and ~20 KiB base64 text chunks, and for 1 pair
 * with 1 MiB chunks as base64 text (~1.4 MB messages: what the engine sends to a self-hosted text-only relay; the
 * relay runs with {@code --max-text-bytes 1500000}). Loopback only.
 * Usage: {@code RelayBench [idleConnections] [binaryMiB] [textMiB] [bigTextMiB]} (defaults 10000 1024 256 256).
 */
public final class RelayBench {
    private static final int BIG_CHUNK = 1024 * 1024;
    /** Largest text message the bench relay accepts: a 1 MiB chunk in base64 plus the JSON around it. */
    private static final int BIG_TEXT_MESSAGE = 1_500_000;

    private RelayBench() {}

    public static void main(String[] args) throws Exception {
        if (!LoopbackSwitch.LOOPBACK_HOST.equals("127.0.0.1")) {
            throw new IllegalStateException("loopback only");
        }
        int idle = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        long binaryMiB = args.length > 1 ? Long.parseLong(args[1]) : 1024;
        long textMiB = args.length > 2 ? Long.parseLong(args[2]) : 256;
        long bigTextMiB = args.length > 3 ? Long.parseLong(args[3]) : 256;

        System.out.printf(
                Locale.ROOT,
                "cores=%d java=%s%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        if (idle > 0) {
            IdleConnections.Result r = IdleConnections.run(idle);
            System.out.printf(
                    Locale.ROOT,
                    "idle: %d connections held by a -Xmx256m relay (opened in %.1f s); "
                            + "heap after GC %.1f -> %.1f MiB = %d bytes/connection; RSS %.1f -> %.1f MiB = %d bytes/connection%n",
                    r.connections(),
                    r.seconds(),
                    r.heapBefore() / 1048576.0,
                    r.heapAfter() / 1048576.0,
                    r.heapPerConnection(),
                    r.rssBefore() / 1048576.0,
                    r.rssAfter() / 1048576.0,
                    r.rssPerConnection());
        }
        List<Throughput.Result> results = new ArrayList<>();
        try (RelayProcess relay = new RelayProcess(
                "512m", "--stats-interval", "0", "--max-text-bytes", Integer.toString(BIG_TEXT_MESSAGE))) {
            // warm-up (JIT) on both paths
            Throughput.run(relay, true, 1, 256 * 1024, 128L << 20);
            Throughput.run(relay, false, 1, 20 * 1024, 32L << 20);
            Throughput.run(relay, false, 1, BIG_CHUNK, 32L << 20);
            for (int pairs : new int[] {1, 50}) {
                results.add(Throughput.run(relay, true, pairs, 256 * 1024, binaryMiB << 20));
                results.add(Throughput.run(relay, false, pairs, 20 * 1024, textMiB << 20));
            }
            if (bigTextMiB > 0) {
                results.add(Throughput.run(relay, false, 1, BIG_CHUNK, bigTextMiB << 20));
            }
        }
        System.out.println(
                "| mode | pairs | chunk | messages | MB moved | seconds | messages/s | MB/s | relay CPU-s/GB |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (Throughput.Result r : results) {
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %d | %d KiB | %d | %.0f | %.2f | %.0f | %.0f | %.2f |%n",
                    r.mode(),
                    r.pairs(),
                    r.chunkBytes() / 1024,
                    r.messages(),
                    r.payloadBytes() / 1e6,
                    r.seconds(),
                    r.messagesPerSecond(),
                    r.mbPerSecond(),
                    r.relayCpuPerGb());
        }
    }
}
