package dev.qrbeam.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.core.api.EngineConfig;
import dev.qrbeam.core.api.SendHandle;
import dev.qrbeam.core.api.TransferProgress;
import dev.qrbeam.core.api.TransferState;
import dev.qrbeam.core.testing.TestFiles;
import dev.qrbeam.protocol.json.WireJson;
import dev.qrbeam.relay.testing.TestWsClient;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 finding 5: the relay built into a sender relayed for anyone who could reach it, so strangers could make
 * the sender's JVM hold their traffic (it ran out of direct memory at -Xmx512m). It now routes only to and from its
 * own sender; the sender's real receiver is unaffected.
 */
@Timeout(60)
class BuiltInRelayTest {
    @TempDir
    Path tmp;

    @Test
    void strangersCannotRelayThroughTheSendersBuiltInRelay() throws Exception {
        Path file = TestFiles.random(tmp.resolve("src/a.bin"), 2_000_000, 7);
        Path out = tmp.resolve("out");
        try (QrBeamEngine sender = engine("s");
                QrBeamEngine receiver = engine("r")) {
            SendHandle send = sender.send(List.of(file), p -> {});
            try (TestWsClient a = TestWsClient.connect(sender.embeddedRelay().uri());
                    TestWsClient b = TestWsClient.connect(sender.embeddedRelay().uri())) {
                a.connectId();
                String idB = b.connectId();
                a.send("{\"action\":\"Transfer\",\"message\":{\"connectionid\":\"" + idB
                        + "\",\"data\":\"ZGF0YQ==\",\"chunkid\":0,\"chunktotal\":1,\"chunkhash\":\"h\"}}");
                assertThat(a.awaitErrorCode()).isEqualTo("unknown-target");
            }
            TransferProgress r = receiver.receive(send.pairingCode(), out, p -> {})
                    .completion()
                    .get(50, TimeUnit.SECONDS);
            assertThat(r.failure()).isNull();
            assertThat(r.state()).isEqualTo(TransferState.DONE);
            assertThat(send.completion().get(10, TimeUnit.SECONDS).state()).isEqualTo(TransferState.DONE);
        }
        assertThat(TestFiles.sha256(out.resolve("a.bin"))).isEqualTo(TestFiles.sha256(file));
    }

    private QrBeamEngine engine(String name) {
        return new QrBeamEngine(
                EngineConfig.defaults().withLoopback(true).withStateDir(tmp.resolve("state-" + name)),
                new WireJson(),
                new SecureRandom());
    }
}
