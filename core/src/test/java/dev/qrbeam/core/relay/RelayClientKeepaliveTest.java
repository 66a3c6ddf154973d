package dev.qrbeam.core.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.core.testing.FaultProxy;
import dev.qrbeam.protocol.json.WireJson;
import dev.qrbeam.relay.Relay;
import dev.qrbeam.relay.RelayHandle;
import dev.qrbeam.relay.core.RelayLimits;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A link that goes silent without a close (the JDK client then reports nothing) is dropped and resumed. */
class RelayClientKeepaliveTest {

    @Test
    @Timeout(60)
    void aBlackHoledLinkIsDroppedAsSilentAndTheSameIdIsResumedOnANewOne() throws Exception {
        RecordingEvents recorder = new RecordingEvents();
        BlockingQueue<String> events = recorder.events;
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, RelayLimits.defaults());
                FaultProxy proxy = new FaultProxy(relay.address())) {
            RelayClient client = RelayClient.connect(
                    URI.create("ws://127.0.0.1:" + proxy.port() + "/"),
                    recorder,
                    RelayClientOptions.defaults().withPingInterval(Duration.ofMillis(300)),
                    new WireJson());
            try {
                String id = client.connectionId();
                assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("connected " + id + " resumed=false");
                proxy.freezeAll();
                assertThat(events.poll(20, TimeUnit.SECONDS)).isEqualTo("disconnected relay silent");
                assertThat(events.poll(20, TimeUnit.SECONDS)).isEqualTo("connected " + id + " resumed=true");
                assertThat(client.isConnected()).isTrue();
            } finally {
                client.close();
            }
        }
    }
}
