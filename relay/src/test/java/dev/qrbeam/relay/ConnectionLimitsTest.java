package dev.qrbeam.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qrbeam.relay.core.RelayLimits;
import dev.qrbeam.relay.testing.RawWsClient;
import dev.qrbeam.relay.testing.TestRelays;
import dev.qrbeam.relay.testing.TestWsClient;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Idle timeout with ping/pong, per-address connection cap, text-only mode. */
@Timeout(60)
class ConnectionLimitsTest {

    @Test
    void quietClientThatAnswersPingsStaysAndOneThatDoesNotIsClosed() throws Exception {
        RelayLimits limits = TestRelays.limits().withIdle(Duration.ofMillis(100), Duration.ofMillis(500));
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, limits);
                TestWsClient quiet = TestWsClient.connect(relay.uri());
                RawWsClient deaf = RawWsClient.connect(relay.uri())) {
            String id = quiet.connectId();
            assertThat(deaf.awaitClose()).isEqualTo(1001);
            // the JDK client answers pings by itself: still open well past the idle timeout
            assertThatThrownBy(() -> quiet.closeFuture().get(1500, TimeUnit.MILLISECONDS))
                    .isInstanceOf(TimeoutException.class);
            assertThat(quiet.connectId()).isEqualTo(id);
            assertThat(relay.stats().closed("idle")).isEqualTo(1);
        }
    }

    @Test
    void connectionsPerAddressAreCapped() throws Exception {
        RelayLimits limits = TestRelays.limits().withMaxConnectionsPerAddress(3).withLoopbackCapped(true);
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, limits);
                TestWsClient a = TestWsClient.connect(relay.uri());
                TestWsClient b = TestWsClient.connect(relay.uri())) {
            RawWsClient c = RawWsClient.connect(relay.uri());
            assertThatThrownBy(() -> RawWsClient.connect(relay.uri()))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("429");
            assertThat(relay.stats().rejectedConnections()).isEqualTo(1);
            c.sendFrame(RawWsClient.CLOSE, true, new byte[] {0x03, (byte) 0xe8});
            assertThat(c.awaitClose()).isIn(1000, -1);
            c.close();
            // once the relay has seen the close, a new connection fits again
            TestWsClient d = null;
            for (int i = 0; i < 100 && d == null; i++) {
                try {
                    d = TestWsClient.connect(relay.uri());
                } catch (AssertionError refused) {
                    a.connectId(); // a relay round trip before the next attempt
                }
            }
            assertThat(d).isNotNull();
            assertThat(d.connectId()).hasSize(22);
            d.close();
            assertThat(b.connectId()).hasSize(22);
        }
    }

    @Test
    void aPhoneOpeningThePairingLinkGetsAnExplanationPage() throws Exception {
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, TestRelays.limits())) {
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                                            + relay.address().getPort() + "/r/1/AAAAAAAAAAAAAAAAAAAAAA"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("QRBeam");
            try (java.net.Socket s =
                    new java.net.Socket("127.0.0.1", relay.address().getPort())) {
                s.getOutputStream()
                        .write(("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(40_000)
                                        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")
                                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                String status =
                        new String(s.getInputStream().readNBytes(12), java.nio.charset.StandardCharsets.US_ASCII);
                assertThat(status).isEqualTo("HTTP/1.1 431");
            }
            try (TestWsClient c = TestWsClient.connect(relay.uri().resolve("/r/1/x"))) {
                assertThat(c.connectId()).hasSize(22);
            }
        }
    }

    @Test
    void loopbackClientsAreNotCappedByDefault() {
        RelayLimits limits =
                RelayLimits.defaults().withMaxConnectionsPerAddress(2).withStatsLogInterval(Duration.ZERO);
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, limits);
                TestWsClient a = TestWsClient.connect(relay.uri());
                TestWsClient b = TestWsClient.connect(relay.uri());
                TestWsClient c = TestWsClient.connect(relay.uri())) {
            assertThat(c.connectId()).hasSize(22);
            assertThat(relay.stats().rejectedConnections()).isZero();
        }
    }

    @Test
    void textOnlyRelayRefusesBinaryWith1003AndSaysSoInLimits() {
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, TestRelays.limits().withBinary(false));
                TestWsClient c = TestWsClient.connect(relay.uri())) {
            assertThat(c.connectMessage().get("limits").get("binary").asBoolean())
                    .isFalse();
            c.sendBinaryAsync(ByteBuffer.allocate(10));
            assertThat(c.awaitClose(TestWsClient.TIMEOUT)).isEqualTo(1003);
        }
    }
}
