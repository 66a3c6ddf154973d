package dev.qrbeam.relay.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.qrbeam.relay.testing.RawWsClient;
import dev.qrbeam.relay.testing.TestWsClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/** The stand-in itself behaves as API Gateway does, observed with a real client and the real AWS SDK. */
@Timeout(30)
class LocalApiGatewayTest {
    private final BlockingQueue<APIGatewayV2WebSocketEvent> events = new LinkedBlockingQueue<>();
    private LocalApiGateway gateway;
    private ApiGatewayManagementApiClient sdk;
    private ManagementApiOutbound outbound;

    /** Echoes every message back through the management API as "routeKey|body". */
    private final RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> echo =
            (APIGatewayV2WebSocketEvent event, Context context) -> {
                events.add(event);
                APIGatewayV2WebSocketEvent.RequestContext rc = event.getRequestContext();
                if ("MESSAGE".equals(rc.getEventType())) {
                    try {
                        outbound.post(rc.getConnectionId(), rc.getRouteKey() + "|" + event.getBody());
                    } catch (PeerGoneException e) {
                        throw new IllegalStateException(e);
                    }
                }
                APIGatewayV2WebSocketResponse ok = new APIGatewayV2WebSocketResponse();
                ok.setStatusCode(200);
                return ok;
            };

    @BeforeEach
    void start() throws Exception {
        restart(GatewayBehaviour.aws(Duration.ofSeconds(20), Duration.ofSeconds(20)));
    }

    private void restart(GatewayBehaviour behaviour) throws Exception {
        stop();
        gateway = LocalApiGateway.start(behaviour, echo);
        sdk = LocalAws.managementClient(gateway.managementEndpoint());
        outbound = new ManagementApiOutbound(sdk);
    }

    @AfterEach
    void stop() throws Exception {
        if (sdk != null) {
            sdk.close();
            gateway.close();
        }
    }

    @Test
    void routesByActionAndDeliversThroughTheSdk() throws Exception {
        try (TestWsClient client = TestWsClient.connect(gateway.webSocketUri())) {
            APIGatewayV2WebSocketEvent connect = events.poll(10, TimeUnit.SECONDS);
            assertThat(connect.getRequestContext().getRouteKey()).isEqualTo("$connect");
            assertThat(connect.getRequestContext().getDomainName()).isEqualTo("127.0.0.1:" + gateway.port());
            assertThat(connect.getRequestContext().getStage()).isEqualTo("test");

            client.send("{\"action\":\"Connect\"}");
            assertThat(client.awaitText()).isEqualTo("Connect|{\"action\":\"Connect\"}");
            client.send("{\"action\":\"Nope\"}");
            assertThat(client.awaitText()).isEqualTo("$default|{\"action\":\"Nope\"}");
            client.send("{ action: \"Connect\" }");
            assertThat(client.awaitText()).isEqualTo("$default|{ action: \"Connect\" }");
        }
    }

    @Test
    void messageSplitIntoFramesIsReassembledUpTo128KB() throws Exception {
        try (RawWsClient client = RawWsClient.connect(gateway.webSocketUri())) {
            byte[] part = "x".repeat(30 * 1024).getBytes(StandardCharsets.UTF_8);
            client.sendFrame(RawWsClient.TEXT, false, part);
            client.sendFrame(RawWsClient.CONTINUATION, false, part);
            client.sendFrame(RawWsClient.CONTINUATION, true, part);
            assertThat(client.readDataFrame().text()).hasSize("$default|".length() + 3 * part.length);
        }
    }

    @Test
    void frameOver32KBIsClosedWith1009() throws Exception {
        try (RawWsClient client = RawWsClient.connect(gateway.webSocketUri())) {
            client.sendText("y".repeat(GatewayBehaviour.AWS_FRAME_BYTES + 1));
            assertThat(client.awaitClose()).isEqualTo(1009);
        }
        try (RawWsClient client = RawWsClient.connect(gateway.webSocketUri())) {
            client.sendHeaderOnly(RawWsClient.TEXT, true, 1L << 62);
            assertThat(client.awaitClose())
                    .as("a header claiming a huge length")
                    .isEqualTo(1009);
        }
        // the client can read the close frame before the server counts the violation; both are done by $disconnect
        gateway.awaitDisconnects(2, Duration.ofSeconds(10));
        assertThat(gateway.violations()).isEqualTo(2);
        try (RawWsClient client = RawWsClient.connect(gateway.webSocketUri())) {
            client.sendText("y".repeat(GatewayBehaviour.AWS_FRAME_BYTES));
            assertThat(client.readDataFrame().text())
                    .as("a frame of exactly 32 KB passes")
                    .startsWith("$default|yyy");
        }
    }

    @Test
    void messageOver128KBIsClosedWith1009() throws Exception {
        try (RawWsClient client = RawWsClient.connect(gateway.webSocketUri())) {
            byte[] part = "z".repeat(32 * 1024).getBytes(StandardCharsets.UTF_8);
            client.sendFrame(RawWsClient.TEXT, false, part);
            for (int i = 0; i < 3; i++) {
                client.sendFrame(RawWsClient.CONTINUATION, false, part);
            }
            client.sendFrame(RawWsClient.CONTINUATION, true, new byte[] {'!'});
            assertThat(client.awaitClose()).isEqualTo(1009);
        }
    }

    @Test
    void binaryFrameIsClosedWith1003() throws Exception {
        try (TestWsClient client = TestWsClient.connect(gateway.webSocketUri())) {
            client.sendBinaryAsync(ByteBuffer.wrap(new byte[] {0x51, 0x42, 1}));
            assertThat(client.awaitClose(TestWsClient.TIMEOUT)).isEqualTo(1003);
            assertThat(gateway.violations()).isEqualTo(1);
        }
    }

    @Test
    void goneConnectionAnswers410AsGoneExceptionAndDeleteCloses() throws Exception {
        assertThatThrownBy(() -> outbound.post("bm9zdWNoaWQ=", "hello")).isInstanceOf(PeerGoneException.class);
        try (TestWsClient client = TestWsClient.connect(gateway.webSocketUri())) {
            String id = events.poll(10, TimeUnit.SECONDS).getRequestContext().getConnectionId();
            outbound.post(id, "pushed");
            assertThat(client.awaitText()).isEqualTo("pushed");
            outbound.disconnect(id);
            assertThat(client.awaitClose(TestWsClient.TIMEOUT)).isEqualTo(1000);
            APIGatewayV2WebSocketEvent disconnect = events.poll(10, TimeUnit.SECONDS);
            assertThat(disconnect.getRequestContext().getRouteKey()).isEqualTo("$disconnect");
            assertThatThrownBy(() -> outbound.post(id, "late")).isInstanceOf(PeerGoneException.class);
        }
    }

    @Test
    void idleAndOldConnectionsAreCutWith1001AndDisconnected() throws Exception {
        restart(GatewayBehaviour.aws(Duration.ofMillis(300), Duration.ofSeconds(20)));
        try (RawWsClient idle = RawWsClient.connect(gateway.webSocketUri())) {
            // pings are answered but are not messages: they do not keep the connection alive
            idle.sendFrame(RawWsClient.PING, true, new byte[] {1});
            assertThat(idle.readFrame().opcode()).isEqualTo(RawWsClient.PONG);
            assertThat(idle.awaitClose()).isEqualTo(1001);
        }
        restart(GatewayBehaviour.aws(Duration.ofSeconds(20), Duration.ofMillis(500)));
        events.clear();
        try (TestWsClient old = TestWsClient.connect(gateway.webSocketUri())) {
            old.send("{\"action\":\"Connect\"}");
            assertThat(old.awaitClose(TestWsClient.TIMEOUT)).isEqualTo(1001);
        }
        assertThat(events.poll(10, TimeUnit.SECONDS).getRequestContext().getRouteKey())
                .isEqualTo("$connect");
        assertThat(events.poll(10, TimeUnit.SECONDS).getRequestContext().getRouteKey())
                .isEqualTo("Connect");
        assertThat(events.poll(10, TimeUnit.SECONDS).getRequestContext().getRouteKey())
                .isEqualTo("$disconnect");
    }
}
