package dev.qrbeam.relay.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.qrbeam.core.api.EngineConfig;
import dev.qrbeam.core.api.SendHandle;
import dev.qrbeam.core.api.TransferProgress;
import dev.qrbeam.core.api.TransferState;
import dev.qrbeam.core.engine.QrBeamEngine;
import dev.qrbeam.core.testing.ProgressWatch;
import dev.qrbeam.core.testing.TestFiles;
import dev.qrbeam.protocol.json.WireJson;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The real engine sends a multi-MiB file through the relay as deployed on AWS — the Lambda handler behind the local
 * API Gateway stand-in (32 KB frames, 128 KB messages, text only, management API through the AWS SDK) — and the
 * gateway cuts both connections mid-transfer as its 2-hour lifetime would: both engines reconnect, resume their ids
 * and the file arrives byte-identical.
 */
@Timeout(180)
class EngineThroughApiGatewayTest {
    private static final long SIZE = 8L << 20;
    private static final GatewayBehaviour BEHAVIOUR =
            GatewayBehaviour.aws(Duration.ofSeconds(60), Duration.ofMinutes(10));

    @TempDir
    Path tmp;

    @Test
    void engineTransferSurvivesForcedLifetimeCutsThroughTheStandIn() throws Exception {
        transferWithCuts(LambdaRelayStack.start(BEHAVIOUR));
    }

    @Test
    void engineTransferSurvivesForcedLifetimeCutsWithTheDeployedDynamoDbState() throws Exception {
        assumeTrue(Dynalite.available(), "dynalite not installed (.ci/setup-aws.sh installs it)");
        try (Dynalite dynalite = Dynalite.start();
                DynamoDbClient dynamo = dynalite.client()) {
            Dynalite.createRelayTable(dynamo, "relay");
            Clock clock = Clock.systemUTC();
            transferWithCuts(LambdaRelayStack.start(
                    BEHAVIOUR,
                    new DynamoConnectionMap(dynamo, "relay", AwsRelay.ITEM_LIFETIME, clock),
                    new DynamoWindowRateLimiter(dynamo, "relay", "source", 20, AwsRelay.RATE_WINDOW, clock),
                    new DynamoWindowRateLimiter(dynamo, "relay", "target", 50, AwsRelay.RATE_WINDOW, clock)));
        }
    }

    @Test
    void senderWaitingLongerThanTheIdleTimeoutIsStillReachable() throws Exception {
        Path file = TestFiles.random(tmp.resolve("src/small.bin"), 300_000, 5);
        try (LambdaRelayStack relay =
                LambdaRelayStack.start(GatewayBehaviour.aws(Duration.ofSeconds(4), Duration.ofMinutes(10)))) {
            URI uri = relay.uri();
            try (QrBeamEngine sender = engine(uri, "s");
                    QrBeamEngine receiver = engine(uri, "r")) {
                SendHandle send = sender.send(List.of(file), p -> {});
                String code = send.pairingCode();
                String senderId = code.substring(code.indexOf("/r/1/") + 5, code.indexOf('#'));
                // nobody scans for a while: the gateway drops the idle sender (as AWS does after 10 minutes), the
                // sender reconnects and resumes its id, and the code it showed still works
                relay.gateway().awaitDisconnects(1, Duration.ofSeconds(30));
                relay.awaitBound(senderId, Duration.ofSeconds(30));
                TransferProgress r = receiver.receive(code, tmp.resolve("out"), p -> {})
                        .completion()
                        .get(60, TimeUnit.SECONDS);
                assertThat(r.failure()).isNull();
                assertThat(r.state()).isEqualTo(TransferState.DONE);
                assertThat(send.completion().get(30, TimeUnit.SECONDS).state()).isEqualTo(TransferState.DONE);
            }
        }
        assertThat(TestFiles.sha256(tmp.resolve("out/small.bin"))).isEqualTo(TestFiles.sha256(file));
    }

    private void transferWithCuts(LambdaRelayStack stack) throws Exception {
        Path file = TestFiles.random(tmp.resolve("src/big.bin"), SIZE, 23);
        ProgressWatch watch = new ProgressWatch();
        TransferProgress received;
        TransferProgress sent;
        try (LambdaRelayStack relay = stack) {
            URI uri = relay.uri();
            try (QrBeamEngine sender = engine(uri, "s");
                    QrBeamEngine receiver = engine(uri, "r")) {
                SendHandle send = sender.send(List.of(file), p -> {});
                assertThat(send.pairingCode())
                        .startsWith("http://127.0.0.1:" + relay.gateway().port() + "/test/r/1/");
                var recv = receiver.receive(send.pairingCode(), tmp.resolve("out"), watch);
                for (long at : new long[] {SIZE / 3, SIZE * 2 / 3}) {
                    assertThat(watch.awaitBytes(at, Duration.ofSeconds(90)))
                            .as("progress to " + at)
                            .isTrue();
                    int open = relay.gateway().openConnections();
                    relay.gateway().cutAllConnections();
                    assertThat(open).as("connections cut").isGreaterThanOrEqualTo(2);
                }
                received = recv.completion().get(150, TimeUnit.SECONDS);
                sent = send.completion().get(30, TimeUnit.SECONDS);
            }
            assertThat(relay.gateway().connectionsOpened())
                    .as("both engines reconnected after each cut")
                    .isGreaterThanOrEqualTo(6);
            assertThat(relay.gateway().violations())
                    .as("no binary or oversized frames")
                    .isZero();
        }
        assertThat(received.failure()).isNull();
        assertThat(received.state()).isEqualTo(TransferState.DONE);
        assertThat(sent.state()).isEqualTo(TransferState.DONE);
        assertThat(TestFiles.sha256(tmp.resolve("out/big.bin"))).isEqualTo(TestFiles.sha256(file));
    }

    private QrBeamEngine engine(URI relay, String name) {
        return new QrBeamEngine(
                EngineConfig.defaults().withRelay(relay).withStateDir(tmp.resolve("state-" + name)),
                new WireJson(),
                new SecureRandom());
    }
}
