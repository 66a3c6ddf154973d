package dev.qrbeam.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.core.api.EngineConfig;
import dev.qrbeam.core.api.SendHandle;
import dev.qrbeam.core.api.TransferProgress;
import dev.qrbeam.core.api.TransferState;
import dev.qrbeam.core.testing.AwsLikeGuard;
import dev.qrbeam.core.testing.TestFiles;
import dev.qrbeam.protocol.json.WireJson;
import dev.qrbeam.relay.Relay;
import dev.qrbeam.relay.RelayHandle;
import dev.qrbeam.relay.core.RelayLimits;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A relay that behaves like AWS API Gateway (text only, 32 KB frames, 128 KB messages) carries a transfer. */
@Timeout(120)
class AwsLikeRelayTest {
    @TempDir
    Path tmp;

    @Test
    void textOnlyRelayWith32KbFramesCarriesATransferIn20KibChunks() throws Exception {
        Path file = TestFiles.random(tmp.resolve("src/data.bin"), 3_000_000, 7);
        RelayLimits aws = RelayLimits.defaults().withBinary(false).withMessageBytes(128 * 1024, 0);
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, aws);
                AwsLikeGuard guard = new AwsLikeGuard(relay.address())) {
            URI uri = URI.create("ws://127.0.0.1:" + guard.port() + "/");
            try (QrBeamEngine sender = engine(uri, "s");
                    QrBeamEngine receiver = engine(uri, "r")) {
                SendHandle send = sender.send(List.of(file), p -> {});
                TransferProgress r = receiver.receive(send.pairingCode(), tmp.resolve("out"), p -> {})
                        .completion()
                        .get(100, TimeUnit.SECONDS);
                assertThat(r.failure()).isNull();
                assertThat(r.state()).isEqualTo(TransferState.DONE);
                assertThat(send.completion().get(10, TimeUnit.SECONDS).state()).isEqualTo(TransferState.DONE);
            }
            assertThat(guard.rewrites())
                    .as("both clients saw the AWS frame limit")
                    .isEqualTo(2);
            assertThat(guard.violations()).as("binary or oversized frames").isZero();
            assertThat(guard.largestFrame()).isLessThanOrEqualTo(AwsLikeGuard.MAX_FRAME);
            assertThat(guard.frames())
                    .as("~20 KiB per chunk: 3 MB needs > 140 chunks")
                    .isGreaterThan(140);
        }
        assertThat(TestFiles.sha256(tmp.resolve("out/data.bin"))).isEqualTo(TestFiles.sha256(file));
    }

    private QrBeamEngine engine(URI relay, String name) {
        return new QrBeamEngine(
                EngineConfig.defaults().withRelay(relay).withStateDir(tmp.resolve("state-" + name)),
                new WireJson(),
                new SecureRandom());
    }
}
