package dev.qrbeam.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qrbeam.protocol.frame.TransferFrameCodec;
import dev.qrbeam.relay.core.RelayLimits;
import dev.qrbeam.relay.testing.Await;
import dev.qrbeam.relay.testing.RawWsClient;
import dev.qrbeam.relay.testing.TestRelays;
import dev.qrbeam.relay.testing.TestWsClient;
import io.netty.buffer.PooledByteBufAllocator;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A reader that never reads: the relay's memory stays bounded and everyone else is unaffected. */
@Timeout(120)
class SlowReaderTest {
    private static final int CHUNK = 256 * 1024;

    private static long relayDirectMemory() {
        return PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();
    }

    @Test
    void neverReadingReaderBackPressuresItsSenderUntilTheIdleTimeoutDropsIt() throws Exception {
        RelayLimits limits = TestRelays.limits()
                .withOutbound(512 * 1024, 8L * 1024 * 1024)
                .withIdle(Duration.ofMillis(300), Duration.ofMillis(3000));
        long baseline = relayDirectMemory(); // pooled arenas are shared by every relay in this JVM
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, limits);
                TestWsClient reader = TestWsClient.connectNonReading(relay.uri());
                TestWsClient sender = TestWsClient.connect(relay.uri());
                TestWsClient c = TestWsClient.connect(relay.uri());
                TestWsClient d = TestWsClient.connect(relay.uri())) {
            // the non-reading client learns its id from a peer: ask the relay through a Request it never reads
            String senderId = sender.connectId();
            reader.sendAsync("{\"action\":\"Request\",\"message\":{\"connectionid\":\"" + senderId
                            + "\",\"qrhash\":\"q\"}}")
                    .get(10, TimeUnit.SECONDS);
            String readerId =
                    sender.awaitJson().get("message").get("connectionid").asText();

            int total = 200; // 50 MiB
            AtomicInteger written = new AtomicInteger();
            CompletableFuture<WebSocket> chain = CompletableFuture.completedFuture(null);
            for (int i = 0; i < total; i++) {
                int n = i;
                chain = chain.thenCompose(ws -> sender.sendBinaryAsync(
                                TransferFrameCodec.encode(readerId, n, total, "h", ByteBuffer.allocate(CHUNK))))
                        .whenComplete((ws, e) -> written.incrementAndGet());
            }

            // meanwhile another pair works normally
            String idC = c.connectId();
            String idD = d.connectId();
            for (int i = 0; i < 20; i++) {
                c.sendBinary(TransferFrameCodec.encode(idD, i, 20, "h", ByteBuffer.allocate(CHUNK)));
                assertThat(TransferFrameCodec.decodeHeader(d.awaitBinary()).connectionId())
                        .isEqualTo(idC);
            }

            // until the relay drops the reader, the sender is held back and relay memory stays small
            long peak = 0;
            CountDownLatch never = new CountDownLatch(1);
            while (relay.stats().closed("idle") == 0) {
                peak = Math.max(peak, relayDirectMemory());
                assertThat(written.get())
                        .as("sender held back while the reader is stuck")
                        .isLessThan(total);
                never.await(20, TimeUnit.MILLISECONDS);
            }
            assertThat(peak - baseline)
                    .as("relay direct memory growth while 50 MiB wait for a stuck reader")
                    .isLessThan(48L << 20);

            // the sender is released: the rest of its chunks end as peer-gone errors, not queued bytes
            chain.get(60, TimeUnit.SECONDS);
            assertThat(sender.awaitErrorCode()).isEqualTo("peer-gone");
        }
    }

    @Test
    void outboundQueueOverflowDisconnectsTheNonReader() throws Exception {
        RelayLimits limits = TestRelays.limits().withOutbound(64 * 1024, 1024 * 1024);
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, limits);
                RawWsClient reader = RawWsClient.connect(relay.uri(), 16 * 1024);
                TestWsClient probe = TestWsClient.connect(relay.uri())) {
            String probeId = probe.connectId();
            reader.sendText("{\"action\":\"Connect\"}");
            String readerId = new ObjectMapper()
                    .readTree(reader.readDataFrame().text())
                    .get("message")
                    .get("connectionid")
                    .asText();
            // from here on the reader never reads again

            List<TestWsClient> senders = new ArrayList<>();
            try {
                List<CompletableFuture<WebSocket>> sends = new ArrayList<>();
                for (int s = 0; s < 24; s++) {
                    TestWsClient sender = TestWsClient.connect(relay.uri());
                    senders.add(sender);
                    sender.connectId();
                    sends.add(sender.sendBinaryAsync(
                            TransferFrameCodec.encode(readerId, 0, 1, "h", ByteBuffer.allocate(1024 * 1024))));
                }
                Await.until(
                        "the relay drops the non-reader: " + relay.stats(),
                        Duration.ofSeconds(30),
                        () -> relay.stats().closed("slow-reader") == 1);
                CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
                assertThat(probe.connectId()).isEqualTo(probeId);
            } finally {
                senders.forEach(TestWsClient::close);
            }
        }
    }
}
