package dev.qrbeam.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qrbeam.protocol.frame.TransferFrameCodec;
import dev.qrbeam.relay.core.RelayLimits;
import dev.qrbeam.relay.testing.RawWsClient;
import dev.qrbeam.relay.testing.TestRelays;
import dev.qrbeam.relay.testing.TestWsClient;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 11 finding 5: each connection that never reads could hold ~5 MiB in the relay with no global budget (300
 * such pairs: 642 MB -> 1.93 GB RSS; the built-in relay ran out of direct memory). With a relay-wide budget the
 * queued bytes stay bounded, the stalest non-readers are dropped, and a real transfer still completes.
 */
@Timeout(180)
class NonReadingClientsTest {
    private static final int PAIRS = 100;
    private static final int CHUNK = 256 * 1024;
    private static final int CHUNKS_PER_PRODUCER = 24; // 6 MiB: past what the kernel buffers of a socket absorb
    private static final long BUDGET = 16L << 20;
    /** Messages already read when producers are paused: a few per I/O thread. */
    private static final long OVERSHOOT = 8L << 20;

    @Test
    void nonReadingPairsStayWithinTheOutboundBudgetAndARealTransferCompletes() throws Exception {
        RelayLimits limits =
                TestRelays.limits().withOutbound(1 << 20, 64L << 20).withOutboundBudget(BUDGET);
        ObjectMapper json = new ObjectMapper();
        List<RawWsClient> raw = new ArrayList<>();
        ExecutorService producers = Executors.newFixedThreadPool(PAIRS, r -> {
            Thread t = new Thread(r, "producer");
            t.setDaemon(true);
            return t;
        });
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, limits);
                TestWsClient c = TestWsClient.connect(relay.uri());
                TestWsClient d = TestWsClient.connect(relay.uri())) {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < PAIRS; i++) {
                RawWsClient reader = RawWsClient.connect(relay.uri(), 16 * 1024);
                raw.add(reader);
                reader.sendText("{\"action\":\"Connect\"}");
                String readerId = json.readTree(reader.readDataFrame().text())
                        .get("message")
                        .get("connectionid")
                        .asText();
                RawWsClient producer = RawWsClient.connect(relay.uri());
                raw.add(producer);
                producer.sendText("{\"action\":\"Connect\"}");
                producer.readDataFrame();
                running.add(producers.submit(() -> produce(producer, readerId)));
            }

            // meanwhile a pair that reads moves 20 chunks
            String idC = c.connectId();
            String idD = d.connectId();
            for (int i = 0; i < 20; i++) {
                c.sendBinary(TransferFrameCodec.encode(idD, i, 20, "h", ByteBuffer.allocate(CHUNK)));
                assertThat(TransferFrameCodec.decodeHeader(d.awaitBinary()).connectionId())
                        .isEqualTo(idC);
            }

            for (Future<?> f : running) {
                f.get(120, TimeUnit.SECONDS);
            }
            long peak = relay.stats().peakQueuedBytes();
            assertThat(relay.stats().closed("budget"))
                    .as("stale non-readers dropped: %s", relay.stats())
                    .isPositive();
            assertThat(peak)
                    .as("peak bytes queued towards clients: %s", relay.stats())
                    .isLessThanOrEqualTo(BUDGET + OVERSHOOT);
        } finally {
            producers.shutdownNow();
            for (RawWsClient r : raw) {
                r.close();
            }
        }
    }

    /** Sends 6 MiB of chunks at a reader that never reads; stops early if the relay drops this producer. */
    private static Void produce(RawWsClient producer, String readerId) {
        byte[] frame =
                toArray(TransferFrameCodec.encode(readerId, 0, CHUNKS_PER_PRODUCER, "h", ByteBuffer.allocate(CHUNK)));
        try {
            for (int i = 0; i < CHUNKS_PER_PRODUCER; i++) {
                producer.sendFrame(RawWsClient.BINARY, true, frame);
            }
        } catch (IOException dropped) {
            // the relay may drop a producer whose own errors pile up unread: fine for this test
        }
        return null;
    }

    private static byte[] toArray(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return a;
    }
}
