package dev.qrbeam.core.receive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.core.api.EngineConfig;
import dev.qrbeam.core.api.FailureCode;
import dev.qrbeam.core.api.SendHandle;
import dev.qrbeam.core.api.TransferHandle;
import dev.qrbeam.core.api.TransferProgress;
import dev.qrbeam.core.api.TransferState;
import dev.qrbeam.core.control.ControlType;
import dev.qrbeam.core.engine.QrBeamEngine;
import dev.qrbeam.core.testing.FaultProxy;
import dev.qrbeam.core.testing.ProgressWatch;
import dev.qrbeam.core.testing.RogueSender;
import dev.qrbeam.core.testing.TestFiles;
import dev.qrbeam.protocol.json.WireJson;
import dev.qrbeam.protocol.pairing.PairingCode;
import dev.qrbeam.relay.Relay;
import dev.qrbeam.relay.RelayHandle;
import dev.qrbeam.relay.core.RelayLimits;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11 finding 11: a receiver that lost its place must learn it at once, not after minutes of silence. */
@Timeout(120)
class ReplacedReceiverTest {
    @TempDir
    Path tmp;

    private RelayHandle relay;

    @BeforeEach
    void start() {
        relay = Relay.start("127.0.0.1", 0, RelayLimits.defaults());
    }

    @AfterEach
    void stop() {
        relay.close();
    }

    @Test
    void replacedReceiverIsToldAndStopsPromptly() throws Exception {
        Path file = TestFiles.random(tmp.resolve("a.bin"), 48 << 20, 3);
        try (FaultProxy proxy = new FaultProxy(relay.address())) {
            proxy.delay(10); // at most ~6.5 MB/s: the first receiver is still busy when the second copy resumes
            URI via = URI.create("ws://127.0.0.1:" + proxy.port());
            try (QrBeamEngine s = engine("s", via);
                    QrBeamEngine a = engine("a", via);
                    QrBeamEngine b = engine("b", via)) {
                SendHandle send = s.send(List.of(file), p -> {});
                String sender = PairingCode.parse(send.pairingCode()).senderId();
                ProgressWatch watch = new ProgressWatch();
                TransferHandle first = a.receive(send.pairingCode(), tmp.resolve("outA"), watch);
                assertThat(watch.awaitBytes(1, Duration.ofSeconds(60))).isTrue();

                // The same receiver identity (token, already claimed) resumes from a second copy.
                Path from = ReceiveState.of(tmp.resolve("state-a"), sender, tmp.resolve("outA"))
                        .dir();
                Path to = ReceiveState.of(tmp.resolve("state-b"), sender, tmp.resolve("outB"))
                        .dir();
                Files.createDirectories(to);
                Files.copy(from.resolve("token"), to.resolve("token"));
                Files.copy(from.resolve("claimed"), to.resolve("claimed"));
                long t0 = System.nanoTime();
                TransferHandle second = b.receive(send.pairingCode(), tmp.resolve("outB"), p -> {});

                TransferProgress replaced = first.completion().get(20, TimeUnit.SECONDS);
                long tookMs = (System.nanoTime() - t0) / 1_000_000;
                assertThat(replaced.state()).isEqualTo(TransferState.FAILED);
                assertThat(replaced.failure().code()).isEqualTo(FailureCode.PEER_GONE);
                assertThat(replaced.failure().message()).contains("another connection");
                assertThat(tookMs).as("ms until the replaced receiver stopped").isLessThan(20_000);

                proxy.delay(0);
                assertThat(second.completion().get(90, TimeUnit.SECONDS).state())
                        .isEqualTo(TransferState.DONE);
                assertThat(send.completion().get(30, TimeUnit.SECONDS).state()).isEqualTo(TransferState.DONE);
            }
        }
        assertThat(TestFiles.sha256(tmp.resolve("outB/a.bin"))).isEqualTo(TestFiles.sha256(file));
    }

    @Test
    void unansweredStallsLeadToANewHandshake() throws Exception {
        try (QrBeamEngine r = engine("r", relay.uri());
                RogueSender rogue = new RogueSender(relay.uri())) {
            Files.createDirectories(tmp.resolve("out"));
            TransferHandle h = r.receive(rogue.code(), tmp.resolve("out"), p -> {});
            String receiver = rogue.awaitPaired();
            assertThat(rogue.pairings.poll(5, TimeUnit.SECONDS)).isEqualTo(receiver);
            rogue.manifest(
                    "{\"version\":1,\"transferid\":\"AAECAwQFBgcICQoLDA0ODw\",\"chunksize\":4096,\"folders\":[],"
                            + "\"files\":[{\"path\":\"f.bin\",\"size\":10,\"sha256\":\"" + "0".repeat(64)
                            + "\",\"mtime\":0}]}",
                    1);
            rogue.await(ControlType.RESUME);
            // The sender now stays silent, as if it had switched to someone else without telling this receiver.
            rogue.await(ControlType.STALLED);
            String again = rogue.pairings.poll(40, TimeUnit.SECONDS);
            assertThat(again).as("a new handshake after unanswered stalls").isEqualTo(receiver);
            assertThat(h.progress().state().isTerminal()).isFalse();
            h.cancel();
        }
    }

    @Test
    void olderSenderGetsAClearUpdateMessage() throws Exception {
        try (QrBeamEngine r = engine("r", relay.uri());
                RogueSender older = new RogueSender(relay.uri())) {
            older.refuseWith = "handshake-malformed"; // what a sender before handshake v2 answers
            TransferProgress end = r.receive(older.code(), tmp.resolve("out"), p -> {})
                    .completion()
                    .get(30, TimeUnit.SECONDS);
            assertThat(end.state()).isEqualTo(TransferState.FAILED);
            assertThat(end.failure().code()).isEqualTo(FailureCode.HANDSHAKE_FAILED);
            assertThat(end.failure().message()).contains("update QRBeam");
        }
    }

    private QrBeamEngine engine(String name, URI relayUri) {
        return new QrBeamEngine(
                EngineConfig.defaults().withRelay(relayUri).withStateDir(tmp.resolve("state-" + name)),
                new WireJson(),
                new SecureRandom());
    }
}
