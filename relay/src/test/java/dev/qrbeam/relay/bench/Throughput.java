package dev.qrbeam.relay.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qrbeam.protocol.frame.TransferFrameCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Forwarding throughput: P sender/receiver pairs push chunks through one relay process. */
final class Throughput {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Throughput() {}

    record Result(
            String mode,
            int pairs,
            int chunkBytes,
            long messages,
            long payloadBytes,
            double seconds,
            double relayCpuSeconds) {
        double mbPerSecond() {
            return payloadBytes / 1e6 / seconds;
        }

        double messagesPerSecond() {
            return messages / seconds;
        }

        double relayCpuPerGb() {
            return relayCpuSeconds / (payloadBytes / 1e9);
        }
    }

    /** Counts whole messages and the bytes in them. */
    private static final class Counter implements WebSocket.Listener {
        final AtomicLong messages = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        final CompletableFuture<String> firstText = new CompletableFuture<>();
        volatile CountDownLatch done;
        volatile long expected = Long.MAX_VALUE;
        private final StringBuilder text = new StringBuilder();

        @Override
        public void onOpen(WebSocket ws) {
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            if (!firstText.isDone()) {
                text.append(data);
                if (last) {
                    firstText.complete(text.toString());
                }
            } else {
                bytes.addAndGet(data.length());
                if (last) {
                    count();
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            bytes.addAndGet(data.remaining());
            if (last) {
                count();
            }
            ws.request(1);
            return null;
        }

        private void count() {
            if (messages.incrementAndGet() == expected) {
                done.countDown();
            }
        }
    }

    private record Peer(WebSocket ws, Counter counter, String id) {}

    private static Peer connect(HttpClient http, URI uri) throws Exception {
        Counter c = new Counter();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(uri, c).get(30, TimeUnit.SECONDS);
        ws.sendText("{\"action\":\"Connect\"}", true).get(30, TimeUnit.SECONDS);
        String id = JSON.readTree(c.firstText.get(30, TimeUnit.SECONDS))
                .get("message")
                .get("connectionid")
                .asText();
        return new Peer(ws, c, id);
    }

    /**
     * @param binary     binary frames with raw chunks, else JSON Transfer with base64 data
     * @param chunkBytes raw bytes per chunk
     * @param totalBytes raw bytes in all (split over the pairs)
     */
    static Result run(RelayProcess relay, boolean binary, int pairs, int chunkBytes, long totalBytes) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<Peer> senders = new ArrayList<>();
        List<Peer> receivers = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            senders.add(connect(http, relay.uri()));
            receivers.add(connect(http, relay.uri()));
        }
        long perPair = Math.max(1, totalBytes / pairs / chunkBytes);
        CountDownLatch done = new CountDownLatch(pairs);
        for (Peer r : receivers) {
            r.counter().done = done;
            r.counter().expected = perPair;
        }
        byte[] raw = new byte[chunkBytes];
        new java.util.Random(1).nextBytes(raw);
        String b64 = Base64.getEncoder().encodeToString(raw);
        Duration cpu0 = relay.cpu();
        long start = System.nanoTime();
        List<CompletableFuture<WebSocket>> sends = new ArrayList<>();
        for (int p = 0; p < pairs; p++) {
            Peer s = senders.get(p);
            String target = receivers.get(p).id();
            CompletableFuture<WebSocket> chain = CompletableFuture.completedFuture(s.ws());
            for (long i = 0; i < perPair; i++) {
                long n = i;
                if (binary) {
                    chain = chain.thenCompose(ws -> ws.sendBinary(
                            TransferFrameCodec.encode(target, n, perPair, "h", ByteBuffer.wrap(raw)), true));
                } else {
                    chain = chain.thenCompose(ws -> ws.sendText(
                            "{\"action\":\"Transfer\",\"message\":{\"connectionid\":\""
                                    + target + "\",\"data\":\"" + b64 + "\",\"chunkid\":" + n + ",\"chunktotal\":"
                                    + perPair
                                    + ",\"chunkhash\":\"h\"}}",
                            true));
                }
            }
            sends.add(chain);
        }
        if (!done.await(600, TimeUnit.SECONDS)) {
            throw new IllegalStateException("not all messages arrived");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (relay.cpu().toNanos() - cpu0.toNanos()) / 1e9;
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        for (Peer p : senders) {
            p.ws().abort();
        }
        for (Peer p : receivers) {
            p.ws().abort();
        }
        long messages = perPair * pairs;
        return new Result(
                binary ? "binary" : "base64 text", pairs, chunkBytes, messages, messages * chunkBytes, seconds, cpu);
    }
}
