package dev.qrbeam.relay.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.relay.testing.TestWsClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The standalone relay's bad-input cases ({@code dev.qrbeam.relay.BadInputTest#badTexts}, the same list) through the
 * API Gateway stand-in and the Lambda handler: same error codes, and the connection and relay keep working.
 * Size limits differ by design: there the gateway closes with 1009 (see {@link LocalApiGatewayTest}).
 */
@Timeout(60)
class ApiGatewayBadInputTest {
    private static final String T = "TARGET";
    private static LambdaRelayStack relay;

    @BeforeAll
    static void start() throws Exception {
        relay = LambdaRelayStack.start(GatewayBehaviour.aws(Duration.ofSeconds(60), Duration.ofSeconds(60)));
    }

    @AfterAll
    static void stop() throws Exception {
        relay.close();
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("dev.qrbeam.relay.BadInputTest#badTexts")
    void badTextGetsTheSameErrorAsOnTheStandaloneRelay(String what, String text, String code) {
        try (TestWsClient bad = TestWsClient.connect(relay.uri());
                TestWsClient peer = TestWsClient.connect(relay.uri())) {
            String badId = bad.connectId();
            String peerId = peer.connectId();
            bad.send(text.replace(T, peerId));
            assertThat(bad.awaitErrorCode()).as(what).isEqualTo(code);

            bad.send("{\"action\":\"Acknowledge\",\"message\":{\"connectionid\":\"" + peerId + "\",\"success\":true}}");
            assertThat(peer.awaitText())
                    .as("the peer got nothing from the bad message")
                    .isEqualTo("{\"action\":\"Acknowledge\",\"message\":{\"connectionid\":\"" + badId
                            + "\",\"success\":true}}");
            assertThat(bad.connectId()).isEqualTo(badId);
        }
    }

    @Test
    void extensionActionsAreRoutedOpaquely() {
        try (TestWsClient a = TestWsClient.connect(relay.uri());
                TestWsClient b = TestWsClient.connect(relay.uri())) {
            String idA = a.connectId();
            String idB = b.connectId();
            b.send("{\"action\":\"Handshake\",\"message\":{\"connectionid\":\"" + idA + "\",\"noise\":\"AAEC\"}}");
            assertThat(a.awaitText())
                    .isEqualTo("{\"action\":\"Handshake\",\"message\":{\"connectionid\":\"" + idB
                            + "\",\"noise\":\"AAEC\"}}");
            a.send("{\"action\":\"Control\",\"message\":{\"connectionid\":\"" + idB + "\",\"box\":\"c2VhbGVk\"}}");
            assertThat(b.awaitJson().path("message").path("connectionid").asText())
                    .isEqualTo(idA);
        }
    }

    @Test
    void binaryTransferFrameIsRefusedByTheGatewayWith1003() {
        try (TestWsClient a = TestWsClient.connect(relay.uri())) {
            a.connectId();
            a.sendBinaryAsync(java.nio.ByteBuffer.wrap(new byte[] {0x51, 0x42, 1, 1, 1, 'x'}));
            assertThat(a.awaitClose(TestWsClient.TIMEOUT)).isEqualTo(1003);
        }
    }
}
