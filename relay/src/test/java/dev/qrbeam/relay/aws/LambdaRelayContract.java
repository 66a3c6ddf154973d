package dev.qrbeam.relay.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qrbeam.relay.testing.TestWsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay core's rules, as the Lambda handler applies them behind the API Gateway stand-in; run once per
 * {@link ConnectionMap} implementation.
 */
@Timeout(60)
abstract class LambdaRelayContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private LambdaRelayStack relay;

    /** Starts the Lambda relay behind the stand-in with the state implementation under test. */
    abstract LambdaRelayStack startStack(GatewayBehaviour behaviour) throws Exception;

    @BeforeEach
    void start() throws Exception {
        relay = startStack(GatewayBehaviour.aws(Duration.ofSeconds(30), Duration.ofSeconds(30)));
    }

    @AfterEach
    void stop() throws Exception {
        relay.close();
    }

    static JsonNode read(String text) throws Exception {
        return JSON.readTree(text);
    }

    /** Sends Connect and returns the reply's message object. */
    static JsonNode connect(TestWsClient client) throws Exception {
        client.send("{\"action\":\"Connect\"}");
        JsonNode reply = read(client.awaitText());
        assertThat(reply.path("action").asText()).isEqualTo("Connect");
        return reply.path("message");
    }

    @Test
    void connectReplyAdvertisesApiGatewayLimits() throws Exception {
        try (TestWsClient a = TestWsClient.connect(relay.uri())) {
            JsonNode reply = connect(a);
            assertThat(reply.path("connectionid").asText()).matches("[A-Za-z0-9_-]{22}");
            assertThat(reply.path("resumetoken").asText()).isNotEmpty();
            assertThat(reply.path("limits")).isEqualTo(read(
                    "{\"maxtextbytes\":131072,\"maxbinarybytes\":0,\"binary\":false,\"maxframebytes\":32768}"));
        }
    }

    @Test
    void seedExchangeSwapsIds() throws Exception {
        try (TestWsClient a = TestWsClient.connect(relay.uri()); TestWsClient b = TestWsClient.connect(relay.uri())) {
            String idA = connect(a).path("connectionid").asText();
            String idB = connect(b).path("connectionid").asText();

            b.send("{\"action\":\"Request\",\"message\":{\"connectionid\":\"" + idA
                    + "\",\"qrhash\":\"h\",\"message\":\"\"}}");
            assertThat(read(a.awaitText())).isEqualTo(read("{\"action\":\"Request\",\"message\":{\"connectionid\":\""
                    + idB + "\",\"qrhash\":\"h\",\"message\":\"\"}}"));

            a.send("{ action: \"Transfer\", message: { connectionid: \"" + idB
                    + "\", data: \"ZGF0YQ\", chunkid: 0, chunktotal: 1, chunkhash: \"x\" } }");
            assertThat(read(b.awaitText())).isEqualTo(read("{\"action\":\"Transfer\",\"message\":{\"connectionid\":\""
                    + idA + "\",\"data\":\"ZGF0YQ\",\"chunkid\":0,\"chunktotal\":1,\"chunkhash\":\"x\"}}"));

            b.send("{\"action\":\"Acknowledge\",\"message\":{\"connectionid\":\"" + idA
                    + "\",\"success\":false,\"missingchunkids\":[2,4,8]}}");
            assertThat(read(a.awaitText())).isEqualTo(read("{\"action\":\"Acknowledge\",\"message\":{\"connectionid\":\""
                    + idB + "\",\"success\":false,\"missingchunkids\":[2,4,8]}}"));
        }
    }

    @Test
    void badInputGetsErrorCodesAndTheConnectionKeepsWorking() throws Exception {
        try (TestWsClient a = TestWsClient.connect(relay.uri()); TestWsClient b = TestWsClient.connect(relay.uri())) {
            String idA = connect(a).path("connectionid").asText();
            connect(b);
            assertError(b, "{not json", "bad-json");
            assertError(b, "{\"action\":\"Fly\",\"message\":{}}", "unknown-action");
            assertError(b, "{\"action\":\"Transfer\",\"message\":{\"connectionid\":\"" + idA
                    + "\",\"data\":\"\",\"chunkid\":1,\"chunktotal\":1,\"chunkhash\":\"\"}}", "bad-chunk");
            assertError(b, "{\"action\":\"Request\",\"message\":{\"connectionid\":\"AAAAAAAAAAAAAAAAAAAAAA\","
                    + "\"qrhash\":\"h\",\"message\":\"\"}}", "unknown-target");
            b.send("{\"action\":\"Request\",\"message\":{\"connectionid\":\"" + idA
                    + "\",\"qrhash\":\"h\",\"message\":\"\"}}");
            assertThat(read(a.awaitText()).path("action").asText()).isEqualTo("Request");
        }
    }

    @Test
    void postToAGoneConnectionReportsPeerGoneToTheSender() throws Exception {
        relay.map().bind("GoneGoneGoneGoneGone00", "ZGVhZGNvbm5lY3Rpb24=");
        try (TestWsClient b = TestWsClient.connect(relay.uri())) {
            connect(b);
            assertError(b, "{\"action\":\"Request\",\"message\":{\"connectionid\":\"GoneGoneGoneGoneGone00\","
                    + "\"qrhash\":\"h\",\"message\":\"\"}}", "peer-gone");
            assertThat(relay.map().gatewayId("GoneGoneGoneGoneGone00")).isEmpty();
            assertThat(relay.map().recentlyGone("GoneGoneGoneGoneGone00")).isTrue();
            assertError(b, "{\"action\":\"Request\",\"message\":{\"connectionid\":\"GoneGoneGoneGoneGone00\","
                    + "\"qrhash\":\"h\",\"message\":\"\"}}", "peer-gone");
        }
    }

    @Test
    void disconnectedPeerIsPeerGone() throws Exception {
        try (TestWsClient b = TestWsClient.connect(relay.uri())) {
            connect(b);
            String idA;
            try (TestWsClient a = TestWsClient.connect(relay.uri())) {
                idA = connect(a).path("connectionid").asText();
            }
            relay.gateway().awaitDisconnects(1, Duration.ofSeconds(10));
            String request = "{\"action\":\"Request\",\"message\":{\"connectionid\":\"" + idA
                    + "\",\"qrhash\":\"h\",\"message\":\"\"}}";
            assertError(b, request, "peer-gone");
        }
    }

    @Test
    void reconnectWithResumeTokenKeepsTheIdAndClosesTheStaleConnection() throws Exception {
        try (TestWsClient a = TestWsClient.connect(relay.uri()); TestWsClient b = TestWsClient.connect(relay.uri())) {
            JsonNode first = connect(a);
            String idA = first.path("connectionid").asText();
            String idB = connect(b).path("connectionid").asText();
            String resume = "{\"action\":\"Connect\",\"message\":{\"connectionid\":\"" + idA
                    + "\",\"resumetoken\":\"" + first.path("resumetoken").asText() + "\"}}";
            try (TestWsClient a2 = TestWsClient.connect(relay.uri())) {
                a2.send(resume);
                JsonNode again = read(a2.awaitText()).path("message");
                assertThat(again.path("connectionid").asText()).isEqualTo(idA);
                assertThat(a.awaitClose(TestWsClient.TIMEOUT)).as("stale connection holding the id is closed").isEqualTo(1000);

                b.send("{\"action\":\"Acknowledge\",\"message\":{\"connectionid\":\"" + idA
                        + "\",\"success\":true,\"missingchunkids\":[]}}");
                assertThat(read(a2.awaitText()).path("message").path("connectionid").asText()).isEqualTo(idB);
            }
        }
    }

    @Test
    void forgedResumeTokenIsRefusedAndGivesNothing() throws Exception {
        try (TestWsClient a = TestWsClient.connect(relay.uri()); TestWsClient thief = TestWsClient.connect(relay.uri())) {
            String idA = connect(a).path("connectionid").asText();
            String ownId = connect(thief).path("connectionid").asText();
            assertError(thief, "{\"action\":\"Connect\",\"message\":{\"connectionid\":\"" + idA
                    + "\",\"resumetoken\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}}", "bad-resume");
            thief.send("{\"action\":\"Connect\"}");
            assertThat(read(thief.awaitText()).path("message").path("connectionid").asText()).isEqualTo(ownId);
            assertThat(relay.map().gatewayId(idA)).isPresent();
        }
    }

    /** More Requests than two windows of the shared limiter allow (20 per 10 s per source), or 10 s of buckets. */
    private static final int FLOOD = 50;

    @Test
    void requestFloodIsRateLimitedAndTheConnectionKeepsWorking() throws Exception {
        try (TestWsClient a = TestWsClient.connect(relay.uri()); TestWsClient b = TestWsClient.connect(relay.uri())) {
            String idA = connect(a).path("connectionid").asText();
            connect(b);
            for (int i = 0; i < FLOOD; i++) {
                b.send("{\"action\":\"Request\",\"message\":{\"connectionid\":\"" + idA
                        + "\",\"qrhash\":\"h\",\"message\":\"\"}}");
            }
            b.send("{sentinel");
            int limited = 0;
            for (JsonNode reply = read(b.awaitText()); !"bad-json".equals(reply.path("message").path("code").asText());
                 reply = read(b.awaitText())) {
                assertThat(reply.path("message").path("code").asText()).isEqualTo("rate-limited");
                limited++;
            }
            assertThat(limited).isGreaterThanOrEqualTo(5);
            for (int i = 0; i < FLOOD - limited; i++) {
                assertThat(read(a.awaitText()).path("action").asText()).isEqualTo("Request");
            }
        }
    }

    static void assertError(TestWsClient client, String send, String code) throws Exception {
        client.send(send);
        JsonNode reply = read(client.awaitText());
        assertThat(reply.path("action").asText()).as(reply.toString()).isEqualTo("Error");
        assertThat(reply.path("message").path("code").asText()).as(reply.toString()).isEqualTo(code);
        assertThat(reply.path("message").path("error").asText()).isNotBlank();
    }
}
