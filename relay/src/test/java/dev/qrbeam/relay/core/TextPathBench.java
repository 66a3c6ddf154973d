package dev.qrbeam.relay.core;

import dev.qrbeam.protocol.json.WireJson;
import dev.qrbeam.protocol.json.WireMessage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Locale;
import java.util.Queue;
import java.util.Random;

/**
 * Benchmark (a runnable, not a test) of the relay core's text Transfer handling alone, no network: CPU per message
 * of the tree path (parse, stamp, re-serialise: what {@link RelayCore} did for every text message before the splice
 * path) against {@link RelayCore#onTextOwned} (as Netty calls it, including the transport's copy) and
 * {@link RelayCore#onText(Session, String)} (as the AWS adapter calls it). One thread, thread CPU time.
 * Run: {@code mvn -q -pl relay -am -Pbench-text -DskipTests verify}.
 */
public final class TextPathBench {
    private static final String SENDER = "SenderSenderSenderSend";
    private static final String TARGET = "TargetTargetTargetTarg";
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private static long sink;

    private TextPathBench() {}

    /** Delivered messages are only counted. */
    private static final class Sink implements Session {
        private String id;

        @Override
        public String id() {
            return id;
        }

        @Override
        public void assignId(String id) {
            this.id = id;
        }

        @Override
        public String remoteAddress() {
            return "bench";
        }

        @Override
        public void sendText(String text) {
            sink += text.length();
        }

        @Override
        public void sendTextUtf8(byte[] utf8) {
            sink += utf8.length;
        }

        @Override
        public void sendTextUtf8(byte[] utf8, int off, int len) {
            sink += len;
        }

        @Override
        public void sendBinary(BinaryMessage message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close(int code, String reason) {}
    }

    public static void main(String[] args) {
        WireJson json = new WireJson();
        Queue<String> ids = new ArrayDeque<>();
        RelayCore core = new RelayCore(
                RelayLimits.defaults(),
                new InMemoryConnectionRegistry(),
                ResumeTokens.random(),
                ids::remove,
                new TokenBucketRateLimiter(1, 1),
                new TokenBucketRateLimiter(1, 1),
                json,
                new RelayCounters());
        ids.add(SENDER);
        ids.add(TARGET);
        Sink sender = new Sink();
        Sink target = new Sink();
        core.onConnect(sender);
        core.onConnect(target);
        System.out.printf(
                Locale.ROOT,
                "| chunk | path | µs/message | core CPU-s per GB of chunks | vs tree |%n|---|---|---|---|---|%n");
        for (int chunk : new int[] {20 * 1024, 1024 * 1024}) {
            byte[] raw = new byte[chunk];
            new Random(1).nextBytes(raw);
            String text = "{\"action\":\"Transfer\",\"message\":{\"connectionid\":\"" + TARGET + "\",\"data\":\""
                    + Base64.getEncoder().encodeToString(raw)
                    + "\",\"chunkid\":0,\"chunktotal\":9,\"chunkhash\":\"h\"}}";
            byte[] msg = text.getBytes(StandardCharsets.US_ASCII);
            ByteBuffer direct = ByteBuffer.allocateDirect(msg.length).put(msg).flip();
            int n = (int) Math.max(200, 1_000_000_000L / msg.length);
            Runnable tree = () -> {
                byte[] b = new byte[msg.length];
                direct.duplicate().get(b);
                WireMessage m = json.parse(b, 0, b.length);
                m.body().put("connectionid", SENDER);
                target.sendTextUtf8(json.writeBytes(m.root()));
            };
            Runnable owned = () -> {
                byte[] b = new byte[msg.length + RelayCore.TEXT_SPARE];
                direct.duplicate().get(b, 0, msg.length);
                core.onTextOwned(sender, b, msg.length);
            };
            Runnable string = () -> core.onText(sender, text);
            Runnable treeString = () -> {
                WireMessage m = json.parse(text);
                m.body().put("connectionid", SENDER);
                target.sendTextUtf8(json.writeBytes(m.root()));
            };
            double base = 0;
            double baseString = 0;
            for (int round = 0; round < 3; round++) {
                double t = time(tree, n);
                double o = time(owned, n);
                double ts = time(treeString, n);
                double s = time(string, n);
                if (round == 2) {
                    base = t;
                    baseString = ts;
                    row(chunk, "tree, bytes (before)", t, 1);
                    row(chunk, "splice, onTextOwned incl. copy (Netty)", o, base / o);
                    row(chunk, "tree, String (before, AWS)", ts, 1);
                    row(chunk, "splice, onText(String) (AWS)", s, baseString / s);
                }
            }
        }
        if (sink == 42) {
            System.out.println();
        }
    }

    private static double time(Runnable r, int n) {
        long t0 = MX.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            r.run();
        }
        return (MX.getCurrentThreadCpuTime() - t0) / 1e3 / n;
    }

    private static void row(int chunk, String path, double micros, double ratio) {
        System.out.printf(
                Locale.ROOT,
                "| %d KiB | %s | %.1f | %.2f | %.1fx |%n",
                chunk / 1024,
                path,
                micros,
                micros / 1e6 / (chunk / 1e9),
                ratio);
    }
}
