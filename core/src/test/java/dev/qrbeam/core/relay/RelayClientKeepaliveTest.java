package dev.qrbeam.core.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.core.testing.FaultProxy;
import dev.qrbeam.protocol.json.WireJson;
import dev.qrbeam.relay.Relay;
import dev.qrbeam.relay.RelayHandle;
import dev.qrbeam.relay.core.RelayLimits;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A link that goes silent without a close (the JDK client then reports nothing) is dropped and resumed. */
class RelayClientKeepaliveTest {

    @Test
    @Timeout(60)
    void aBlackHoledLinkIsDroppedAsSilentAndTheSameIdIsResumedOnANewOne() throws Exception {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, RelayLimits.defaults());
             FaultProxy proxy = new FaultProxy(relay.address())) {
            RelayClient client = RelayClient.connect(URI.create("ws://127.0.0.1:" + proxy.port() + "/"),
                    new Recorder(events), RelayClientOptions.defaults().withPingInterval(Duration.ofMillis(300)),
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

    private record Recorder(BlockingQueue<String> events) implements RelayEvents {
        @Override
        public void onText(String text) {
        }

        @Override
        public void onBinary(ByteBuffer data) {
        }

        @Override
        public void onConnected(String connectionId, boolean resumed) {
            events.add("connected " + connectionId + " resumed=" + resumed);
        }

        @Override
        public void onDisconnected(String reason) {
            events.add("disconnected " + reason);
        }
    }
}
