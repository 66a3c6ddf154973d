package dev.qrbeam.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qrbeam.relay.testing.TestRelays;
import dev.qrbeam.relay.testing.TestWsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The seed README's exchange, Client A sharing to Client B, through a real relay with real clients. */
@Timeout(60)
class SeedExchangeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private RelayHandle relay;

    @BeforeEach
    void start() {
        relay = Relay.start("127.0.0.1", 0, TestRelays.limits());
    }

    @AfterEach
    void stop() {
        relay.close();
    }

    @Test
    void clientASharesToClientBAsTheSeedShows() throws Exception {
        try (TestWsClient a = TestWsClient.connect(relay.uri());
                TestWsClient b = TestWsClient.connect(relay.uri())) {
            // Connect (in the seed's own notation, unquoted keys)
            a.send("{ \n    action: \"Connect\"\n}");
            JsonNode connectA = a.awaitJson();
            assertThat(connectA.get("action").asText()).isEqualTo("Connect");
            String idA = connectA.get("message").get("connectionid").asText();
            assertThat(idA).matches("[A-Za-z0-9_-]{22}");
            String idB = b.connectId();
            assertThat(idB).isNotEqualTo(idA);

            // Request: B -> A, A sees B's id
            b.send("{\"action\":\"Request\",\"message\":{\"connectionid\":\"" + idA
                    + "\",\"qrhash\":\"<Some Hash from QR code>\",\"message\":\"\"}}");
            assertThat(a.awaitJson())
                    .isEqualTo(JSON.readTree("{\"action\":\"Request\",\"message\":{\"connectionid\":\"" + idB
                            + "\",\"qrhash\":\"<Some Hash from QR code>\",\"message\":\"\"}}"));

            // Transfer: A -> B, B sees A's id, everything else untouched
            a.send("{\"action\":\"Transfer\",\"message\":{\"connectionid\":\"" + idB
                    + "\",\"data\":\"aGVsbG8=\",\"chunkid\":0,\"chunktotal\":1,\"chunkhash\":\"<chunk hash>\"}}");
            assertThat(b.awaitText())
                    .isEqualTo(
                            "{\"action\":\"Transfer\",\"message\":{\"connectionid\":\"" + idA
                                    + "\",\"data\":\"aGVsbG8=\",\"chunkid\":0,\"chunktotal\":1,\"chunkhash\":\"<chunk hash>\"}}");

            // Acknowledge: B -> A
            b.send("{\"action\":\"Acknowledge\",\"message\":{\"connectionid\":\"" + idA
                    + "\",\"success\":false,\"missingchunkids\":[2,4,8]}}");
            assertThat(a.awaitJson())
                    .isEqualTo(JSON.readTree("{\"action\":\"Acknowledge\",\"message\":{\"connectionid\":\"" + idB
                            + "\",\"success\":false,\"missingchunkids\":[2,4,8]}}"));

            assertThat(relay.stats().messagesForwarded()).isEqualTo(3);
            assertThat(relay.stats().openConnections()).isEqualTo(2);
        }
    }

    @Test
    void connectReplyAdvertisesResumeTokenAndLimits() {
        try (TestWsClient a = TestWsClient.connect(relay.uri())) {
            JsonNode m = a.connectMessage();
            assertThat(m.get("resumetoken").asText()).matches("[A-Za-z0-9_-]{43}");
            JsonNode limits = m.get("limits");
            assertThat(limits.get("maxtextbytes").asInt())
                    .isEqualTo(TestRelays.limits().maxTextBytes());
            assertThat(limits.get("maxbinarybytes").asInt())
                    .isEqualTo(TestRelays.limits().maxBinaryBytes());
            assertThat(limits.get("binary").asBoolean()).isTrue();
            assertThat(limits.get("maxframebytes").asInt())
                    .isEqualTo(TestRelays.limits().maxFrameBytes());
            // Connect again: same id
            assertThat(a.connectId()).isEqualTo(m.get("connectionid").asText());
        }
    }

    @Test
    void extensionActionsAreRoutedOpaquely() throws Exception {
        try (TestWsClient a = TestWsClient.connect(relay.uri());
                TestWsClient b = TestWsClient.connect(relay.uri())) {
            String idA = a.connectId();
            String idB = b.connectId();
            b.send("{\"action\":\"Handshake\",\"message\":{\"connectionid\":\"" + idA
                    + "\",\"noise\":\"AAEC\",\"v\":[1,{\"x\":null}]}}");
            assertThat(a.awaitJson())
                    .isEqualTo(JSON.readTree("{\"action\":\"Handshake\",\"message\":{\"connectionid\":\"" + idB
                            + "\",\"noise\":\"AAEC\",\"v\":[1,{\"x\":null}]}}"));
            a.send("{\"action\":\"Control\",\"message\":{\"connectionid\":\"" + idB + "\",\"box\":\"c2VhbGVk\"}}");
            assertThat(b.awaitJson().get("message").get("connectionid").asText())
                    .isEqualTo(idA);
        }
    }

    @Test
    void aThirdPartyCannotForgeTheSenderId() throws Exception {
        try (TestWsClient a = TestWsClient.connect(relay.uri());
                TestWsClient b = TestWsClient.connect(relay.uri());
                TestWsClient mallory = TestWsClient.connect(relay.uri())) {
            String idA = a.connectId();
            String idB = b.connectId();
            String idM = mallory.connectId();
            // Mallory names B as target and tries to smuggle A's id in a second connectionid key: refused.
            mallory.send("{\"action\":\"Transfer\",\"message\":{\"connectionid\":\"" + idB + "\",\"connectionid\":\""
                    + idA + "\",\"data\":\"\",\"chunkid\":0,\"chunktotal\":1,\"chunkhash\":\"\"}}");
            assertThat(mallory.awaitErrorCode()).isEqualTo("bad-json");
            // What Mallory injects reaches B stamped with Mallory's own id, never A's.
            mallory.send("{\"action\":\"Transfer\",\"message\":{\"connectionid\":\"" + idB
                    + "\",\"data\":\"\",\"chunkid\":0,\"chunktotal\":1,\"chunkhash\":\"\"}}");
            assertThat(b.awaitJson().get("message").get("connectionid").asText())
                    .isEqualTo(idM)
                    .isNotEqualTo(idA);
        }
    }
}
