package dev.qrbeam.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qrbeam.relay.core.ResumeTokens;
import dev.qrbeam.relay.testing.TestRelays;
import dev.qrbeam.relay.testing.TestWsClient;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Reconnecting keeps the id: with the resume token, also across a relay restart when the key is persisted. */
@Timeout(60)
class ResumeTest {

    private static String resume(String id, String token) {
        return "{\"action\":\"Connect\",\"message\":{\"connectionid\":\"" + id + "\",\"resumetoken\":\"" + token
                + "\"}}";
    }

    @Test
    void aNewConnectionResumesTheIdAndTheStaleOneIsClosed() {
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, TestRelays.limits());
                TestWsClient a = TestWsClient.connect(relay.uri());
                TestWsClient a2 = TestWsClient.connect(relay.uri());
                TestWsClient b = TestWsClient.connect(relay.uri())) {
            JsonNode m = a.connectMessage();
            String idA = m.get("connectionid").asText();
            String token = m.get("resumetoken").asText();
            String idB = b.connectId();
            String temporary = a2.connectId();

            a2.send(resume(idA, token));
            JsonNode reply = a2.awaitJson().get("message");
            assertThat(reply.get("connectionid").asText()).isEqualTo(idA);
            assertThat(reply.get("resumetoken").asText()).isEqualTo(token);
            assertThat(a.awaitClose(TestWsClient.TIMEOUT)).isEqualTo(4001);

            b.send("{\"action\":\"Acknowledge\",\"message\":{\"connectionid\":\"" + idA + "\",\"success\":true}}");
            assertThat(a2.awaitJson().get("message").get("connectionid").asText())
                    .isEqualTo(idB);
            // the temporary id is released
            b.send("{\"action\":\"Acknowledge\",\"message\":{\"connectionid\":\"" + temporary
                    + "\",\"success\":true}}");
            assertThat(b.awaitErrorCode()).isEqualTo("peer-gone");
        }
    }

    @Test
    void aTokenForAnotherIdIsRefusedAndTheCallerGetsNothing() {
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, TestRelays.limits());
                TestWsClient a = TestWsClient.connect(relay.uri());
                TestWsClient mallory = TestWsClient.connect(relay.uri())) {
            String idA = a.connectId();
            JsonNode m = mallory.connectMessage();
            String own = m.get("connectionid").asText();
            mallory.send(resume(idA, m.get("resumetoken").asText()));
            assertThat(mallory.awaitErrorCode()).isEqualTo("bad-resume");
            assertThat(mallory.connectId()).isEqualTo(own);
            assertThat(a.isClosed()).isFalse();
            assertThat(a.connectId()).isEqualTo(idA);
        }
    }

    @Test
    void idsSurviveARelayRestartWithAPersistedKey(@TempDir Path dir) throws Exception {
        Path keyFile = dir.resolve("relay.key");
        String id;
        String token;
        int port;
        try (RelayHandle relay = Relay.start(
                        new RelayConfig("127.0.0.1", 0, TestRelays.limits(), ResumeTokens.fromKeyFile(keyFile), 1));
                TestWsClient a = TestWsClient.connect(relay.uri())) {
            JsonNode m = a.connectMessage();
            id = m.get("connectionid").asText();
            token = m.get("resumetoken").asText();
            port = relay.address().getPort();
        }
        try (RelayHandle relay = Relay.start(
                        new RelayConfig("127.0.0.1", 0, TestRelays.limits(), ResumeTokens.fromKeyFile(keyFile), 1));
                TestWsClient a = TestWsClient.connect(relay.uri());
                TestWsClient b = TestWsClient.connect(relay.uri())) {
            assertThat(port).isPositive();
            a.send(resume(id, token));
            assertThat(a.awaitJson().get("message").get("connectionid").asText())
                    .isEqualTo(id);
            String idB = b.connectId();
            b.send("{\"action\":\"Acknowledge\",\"message\":{\"connectionid\":\"" + id + "\",\"success\":true}}");
            assertThat(a.awaitJson().get("message").get("connectionid").asText())
                    .isEqualTo(idB);
        }
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, TestRelays.limits());
                TestWsClient a = TestWsClient.connect(relay.uri())) {
            a.send(resume(id, token));
            assertThat(a.awaitErrorCode()).isEqualTo("bad-resume");
        }
    }
}
