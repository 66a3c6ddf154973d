package dev.qrbeam.core.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qrbeam.protocol.json.WireJson;
import dev.qrbeam.relay.Relay;
import dev.qrbeam.relay.RelayHandle;
import dev.qrbeam.relay.core.RelayLimits;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Review finding: a send the relay never accepted timed out, but the client neither forgot it nor dropped the link:
 * where aborting reports nothing (the sender's in-process connection to its own relay), the next send waited for
 * the dead one and failed as well, until keepalive noticed.
 */
@Timeout(90)
class SendTimeoutTest {
    /** While set, a text send containing "HANG" gets a future that never completes (a stuck socket). */
    private final AtomicBoolean hang = new AtomicBoolean();

    @Test
    void aSendTheRelayNeverAcceptsDropsTheLinkSoTheNextSendGoesThroughAfterTheReconnect() throws Exception {
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, RelayLimits.defaults())) {
            RelayClientOptions d = RelayClientOptions.defaults();
            RelayClientOptions stuck = new RelayClientOptions(
                    null,
                    null,
                    d.connectTimeout(),
                    Duration.ofSeconds(2),
                    d.pingInterval(),
                    d.giveUpAfter(),
                    d.inbound(),
                    null,
                    hanging(JdkWebSocketDialer.create(d)));
            RecordingEvents events = new RecordingEvents();
            RecordingEvents got = new RecordingEvents();
            RelayClient a = RelayClient.connect(relay.uri(), events, stuck, new WireJson());
            RelayClient b = RelayClient.connect(relay.uri(), got, d, new WireJson());
            try {
                String id = a.connectionId();
                assertThat(events.events.poll(10, TimeUnit.SECONDS)).isEqualTo("connected " + id + " resumed=false");
                hang.set(true);
                assertThatThrownBy(() -> a.sendText(transfer(b, "HANG")))
                        .isInstanceOf(IOException.class)
                        .hasMessageContaining("did not accept data");
                hang.set(false);
                assertThat(events.events.poll(20, TimeUnit.SECONDS)).startsWith("disconnected");
                assertThat(events.events.poll(20, TimeUnit.SECONDS)).isEqualTo("connected " + id + " resumed=true");
                a.sendText(transfer(b, "after"));
                assertThat(got.texts.poll(20, TimeUnit.SECONDS)).contains("after");
            } finally {
                a.close();
                b.close();
            }
        }
    }

    private static String transfer(RelayClient to, String hash) {
        return "{\"action\":\"Transfer\",\"message\":{\"connectionid\":\"" + to.connectionId()
                + "\",\"data\":\"ZGF0YQ==\",\"chunkid\":0,\"chunktotal\":1,\"chunkhash\":\"" + hash + "\"}}";
    }

    /**
     * Real connections on which, while {@link #hang} is set, a "HANG" text send never completes and {@code abort()}
     * then reports nothing to the listener — as the in-process connection to the built-in relay behaves.
     */
    private WebSocketDialer hanging(WebSocketDialer real) {
        return (uri, timeout, listener) -> real.open(uri, timeout, listener).thenApply(ws -> {
            AtomicBoolean hung = new AtomicBoolean();
            return (WebSocket) Proxy.newProxyInstance(
                    WebSocket.class.getClassLoader(), new Class<?>[] {WebSocket.class}, (proxy, m, args) -> {
                        if (m.getName().equals("sendText")
                                && hang.get()
                                && args[0].toString().contains("HANG")) {
                            hung.set(true);
                            return new CompletableFuture<WebSocket>();
                        }
                        if (m.getName().equals("abort") && hung.get()) {
                            return null;
                        }
                        try {
                            return m.invoke(ws, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        });
    }
}
