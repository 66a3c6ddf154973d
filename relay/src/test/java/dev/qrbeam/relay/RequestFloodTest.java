package dev.qrbeam.relay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qrbeam.relay.core.RelayLimits;
import dev.qrbeam.relay.testing.TestRelays;
import dev.qrbeam.relay.testing.TestWsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A flood of Requests at one target: the flooder is rate-limited and a legitimate pairing still completes. */
@Timeout(60)
class RequestFloodTest {

    @Test
    void floodAtOneTargetIsLimitedWhileALegitimatePairingCompletes() {
        RelayLimits limits = TestRelays.limits();
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, limits);
             TestWsClient sender = TestWsClient.connect(relay.uri());
             TestWsClient flooder = TestWsClient.connect(relay.uri());
             TestWsClient receiver = TestWsClient.connect(relay.uri())) {
            String senderId = sender.connectId();
            String flooderId = flooder.connectId();
            String receiverId = receiver.connectId();

            int flood = 3000;
            long start = System.nanoTime();
            for (int i = 0; i < flood; i++) {
                flooder.send("{\"action\":\"Request\",\"message\":{\"connectionid\":\"" + senderId
                        + "\",\"qrhash\":\"guess-" + i + "\",\"message\":\"\"}}");
            }
            // the legitimate receiver's Request gets through the flood
            receiver.send("{\"action\":\"Request\",\"message\":{\"connectionid\":\"" + senderId
                    + "\",\"qrhash\":\"legit\",\"message\":\"\"}}");
            JsonNode got;
            int fromFlooder = 0;
            while (true) {
                got = sender.awaitJson().get("message");
                if (got.get("connectionid").asText().equals(flooderId)) {
                    fromFlooder++;
                    continue;
                }
                break;
            }
            assertThat(got.get("connectionid").asText()).isEqualTo(receiverId);
            assertThat(got.get("qrhash").asText()).isEqualTo("legit");

            // the pairing completes
            sender.send("{\"action\":\"Transfer\",\"message\":{\"connectionid\":\"" + receiverId
                    + "\",\"data\":\"ZGF0YQ==\",\"chunkid\":0,\"chunktotal\":1,\"chunkhash\":\"h\"}}");
            assertThat(receiver.awaitJson().get("message").get("connectionid").asText()).isEqualTo(senderId);
            receiver.send("{\"action\":\"Acknowledge\",\"message\":{\"connectionid\":\"" + senderId
                    + "\",\"success\":true,\"missingchunkids\":[]}}");
            JsonNode ack = sender.awaitJson();
            while (!ack.get("action").asText().equals("Acknowledge")) {
                ack = sender.awaitJson();
            }
            assertThat(ack.get("message").get("connectionid").asText()).isEqualTo(receiverId);

            // every flooded Request was either refused (rate-limited, to the flooder only) or delivered
            int refused = 0;
            while (refused + fromFlooder < flood) {
                String e = flooder.pollText(Duration.ofMillis(50));
                if (e != null) {
                    assertThat(e).contains("\"code\":\"rate-limited\"");
                    refused++;
                }
                for (String s = sender.pollText(Duration.ZERO); s != null; s = sender.pollText(Duration.ZERO)) {
                    assertThat(s).contains(flooderId);
                    fromFlooder++;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long allowed = limits.requestBurstPerSource() + (long) Math.ceil(limits.requestsPerSecondPerSource() * seconds) + 1;
            assertThat(fromFlooder).isLessThanOrEqualTo((int) allowed);
            assertThat(refused).isGreaterThanOrEqualTo((int) (flood - allowed));
        }
    }
}
