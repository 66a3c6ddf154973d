package dev.qrbeam.core.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.core.api.EngineConfig;
import dev.qrbeam.core.api.TransferProgress;
import dev.qrbeam.core.api.TransferState;
import dev.qrbeam.core.engine.QrBeamEngine;
import dev.qrbeam.core.testing.HostileRelay;
import dev.qrbeam.protocol.json.WireJson;
import dev.qrbeam.protocol.pairing.PairingCode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 11 finding 3: a relay that advertises 2^31-1-byte limits and streams one endless message must not make
 * the client buffer it. The client's own inbound caps (2 MiB) apply whatever the relay says; the client gives up
 * with a clear error instead of reconnecting to the same relay.
 */
@Timeout(60)
class HostileRelayTest {
    /** What the fake streams at most: far over the caps, small enough that today's main survives the test. */
    private static final long BUDGET = 48L << 20;
    /** The caps plus what loopback socket buffers can hold. */
    private static final long STREAMED_BOUND = 16L << 20;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void hugeAdvertisedLimitsDoNotRaiseTheClientsInboundCap(boolean binary) throws Exception {
        RecordingEvents recorder = new RecordingEvents();
        BlockingQueue<String> events = recorder.events;
        try (HostileRelay relay = new HostileRelay(BUDGET, binary)) {
            RelayClient client =
                    RelayClient.connect(relay.uri(), recorder, RelayClientOptions.defaults(), new WireJson());
            try {
                assertThat(events.poll(10, TimeUnit.SECONDS)).startsWith("connected");
                String end = events.poll(30, TimeUnit.SECONDS);
                assertThat(end)
                        .as("the client gives up on the endless message (streamed %d bytes)", relay.streamed())
                        .isEqualTo("closed relay sent a " + (binary ? "binary" : "text") + " message over " + (2 << 20)
                                + " bytes"); // InboundCaps.DEFAULT
                assertThat(relay.streamed()).isLessThan(STREAMED_BOUND);
                assertThat(client.isConnected()).isFalse();
                assertThat(client.awaitConnected(Duration.ofMillis(500)))
                        .as("no reconnect to that relay")
                        .isFalse();
                assertThat(relay.connections()).isEqualTo(1);
            } finally {
                client.close();
            }
        }
    }

    @Test
    void receivingFromAHostileRelayFailsCleanlyAndPresentsNothing(@TempDir Path tmp) throws Exception {
        try (HostileRelay relay = new HostileRelay(BUDGET, false);
                QrBeamEngine engine = new QrBeamEngine(
                        EngineConfig.defaults().withStateDir(tmp.resolve("state")),
                        new WireJson(),
                        new SecureRandom())) {
            URI base = URI.create("http://127.0.0.1:" + relay.uri().getPort());
            String code = PairingCode.create(base, "AAAAAAAAAAAAAAAAAAAAAA", new SecureRandom())
                    .format();
            Path out = tmp.resolve("out");
            TransferProgress end =
                    engine.receive(code, out, p -> {}).completion().get(30, TimeUnit.SECONDS);
            assertThat(end.state()).isEqualTo(TransferState.FAILED);
            assertThat(end.failure().message()).contains("relay sent a text message over");
            assertThat(relay.streamed()).isLessThan(STREAMED_BOUND);
            assertThat(!Files.exists(out) || Files.list(out).findAny().isEmpty())
                    .as("nothing received")
                    .isTrue();
        }
    }
}
