package dev.qrbeam.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.protocol.frame.TransferFrameCodec;
import dev.qrbeam.protocol.frame.TransferFrameHeader;
import dev.qrbeam.relay.core.RelayLimits;
import dev.qrbeam.relay.testing.TestRelays;
import dev.qrbeam.relay.testing.TestWsClient;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * With a tiny high-water mark every delivery pauses and resumes senders: traffic in both directions at once
 * must neither deadlock nor lose, duplicate or reorder anything.
 */
@Timeout(120)
class BackPressureTest {
    private static final int PAIRS = 10;
    private static final int MESSAGES = 60;
    private static final int SIZE = 64 * 1024;

    @Test
    void constantPausingLosesNothingAndNeverDeadlocks() throws Exception {
        RelayLimits limits = TestRelays.limits().withOutbound(16 * 1024, 64L * 1024 * 1024);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, limits)) {
            HttpClient http = HttpClient.newBuilder().executor(pool).build();
            List<TestWsClient> all = new ArrayList<>();
            try {
                List<Future<?>> checks = new ArrayList<>();
                for (int p = 0; p < PAIRS; p++) {
                    TestWsClient a = TestWsClient.connect(http, relay.uri());
                    TestWsClient b = TestWsClient.connect(http, relay.uri());
                    all.add(a);
                    all.add(b);
                    String idA = a.connectId();
                    String idB = b.connectId();
                    CompletableFuture<WebSocket> ab = stream(a, idB);
                    CompletableFuture<WebSocket> ba = stream(b, idA);
                    checks.add(pool.submit(() -> receiveAll(b, idA)));
                    checks.add(pool.submit(() -> receiveAll(a, idB)));
                    checks.add(ab);
                    checks.add(ba);
                }
                for (Future<?> f : checks) {
                    f.get(100, TimeUnit.SECONDS);
                }
                assertThat(relay.stats().messagesForwarded()).isEqualTo(2L * PAIRS * MESSAGES);
                assertThat(relay.stats().closedByReason()).isEmpty();
            } finally {
                all.forEach(TestWsClient::close);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static CompletableFuture<WebSocket> stream(TestWsClient from, String to) {
        CompletableFuture<WebSocket> chain = CompletableFuture.completedFuture(null);
        for (int i = 0; i < MESSAGES; i++) {
            int n = i;
            chain = chain.thenCompose(x -> {
                ByteBuffer data = ByteBuffer.allocate(SIZE);
                data.putInt(0, n);
                return from.sendBinaryAsync(TransferFrameCodec.encode(to, n, MESSAGES, "h", data));
            });
        }
        return chain;
    }

    private static Void receiveAll(TestWsClient at, String expectedSender) {
        for (int i = 0; i < MESSAGES; i++) {
            ByteBuffer frame = at.awaitBinary();
            TransferFrameHeader h = TransferFrameCodec.decodeHeader(frame);
            assertThat(h.connectionId()).isEqualTo(expectedSender);
            assertThat(h.chunkId()).isEqualTo(i);
            ByteBuffer data = TransferFrameCodec.data(frame, h);
            assertThat(data.remaining()).isEqualTo(SIZE);
            assertThat(data.getInt(0)).isEqualTo(i);
        }
        return null;
    }
}
