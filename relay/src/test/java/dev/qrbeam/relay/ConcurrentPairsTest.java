package dev.qrbeam.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qrbeam.protocol.frame.TransferFrameCodec;
import dev.qrbeam.protocol.frame.TransferFrameHeader;
import dev.qrbeam.relay.testing.TestRelays;
import dev.qrbeam.relay.testing.TestWsClient;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** 200 pairs at once, text and binary: every message arrives, in order, at the right peer, stamped correctly. */
@Timeout(180)
class ConcurrentPairsTest {
    private static final int PAIRS = 200;
    private static final int MESSAGES = 10;

    @Test
    void twoHundredPairsExchangeWithoutLossOrMisrouting() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, TestRelays.limits())) {
            HttpClient http = HttpClient.newBuilder().executor(pool).build();
            List<TestWsClient> all = new ArrayList<>();
            try {
                List<Future<?>> runs = new ArrayList<>();
                for (int p = 0; p < PAIRS; p++) {
                    TestWsClient a = TestWsClient.connect(http, relay.uri());
                    TestWsClient b = TestWsClient.connect(http, relay.uri());
                    all.add(a);
                    all.add(b);
                    int pair = p;
                    runs.add(pool.submit(() -> {
                        exchange(pair, a, b);
                        return null;
                    }));
                }
                for (Future<?> f : runs) {
                    f.get();
                }
                assertThat(relay.stats().messagesForwarded()).isEqualTo((long) PAIRS * (2 * MESSAGES + 1));
                assertThat(relay.stats().errorsByCode()).isEmpty();
            } finally {
                all.forEach(TestWsClient::close);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void exchange(int pair, TestWsClient a, TestWsClient b) {
        String idA = a.connectId();
        String idB = b.connectId();
        b.send("{\"action\":\"Request\",\"message\":{\"connectionid\":\"" + idA + "\",\"qrhash\":\"pair-" + pair
                + "\",\"message\":\"\"}}");
        JsonNode req = a.awaitJson();
        assertThat(req.get("message").get("connectionid").asText()).isEqualTo(idB);
        assertThat(req.get("message").get("qrhash").asText()).isEqualTo("pair-" + pair);
        for (int i = 0; i < MESSAGES; i++) {
            a.send("{\"action\":\"Transfer\",\"message\":{\"connectionid\":\"" + idB + "\",\"data\":\"p" + pair + "c"
                    + i + "\",\"chunkid\":" + i + ",\"chunktotal\":" + MESSAGES + ",\"chunkhash\":\"h\"}}");
            byte[] payload = ("pair " + pair + " chunk " + i).getBytes();
            a.sendBinary(TransferFrameCodec.encode(idB, i, MESSAGES, "b", ByteBuffer.wrap(payload)));
        }
        for (int i = 0; i < MESSAGES; i++) {
            JsonNode t = b.awaitJson().get("message");
            assertThat(t.get("connectionid").asText()).isEqualTo(idA);
            assertThat(t.get("data").asText()).isEqualTo("p" + pair + "c" + i);
            ByteBuffer frame = b.awaitBinary();
            TransferFrameHeader h = TransferFrameCodec.decodeHeader(frame);
            assertThat(h.connectionId()).isEqualTo(idA);
            assertThat(h.chunkId()).isEqualTo(i);
            ByteBuffer data = TransferFrameCodec.data(frame, h);
            byte[] got = new byte[data.remaining()];
            data.get(got);
            assertThat(new String(got)).isEqualTo("pair " + pair + " chunk " + i);
        }
    }
}
