package dev.qrbeam.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.core.api.EngineConfig;
import dev.qrbeam.core.api.SendHandle;
import dev.qrbeam.core.api.TransferProgress;
import dev.qrbeam.core.api.TransferState;
import dev.qrbeam.core.testing.FaultProxy;
import dev.qrbeam.core.testing.ProgressWatch;
import dev.qrbeam.core.testing.TestFiles;
import dev.qrbeam.protocol.json.WireJson;
import dev.qrbeam.relay.Relay;
import dev.qrbeam.relay.RelayHandle;
import dev.qrbeam.relay.core.RelayLimits;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A receiver that has every file but whose DONE is lost lingers, reconnects and handshakes again: it must resume with
 * its proof. It used to pair as new (its state files are deleted at completion), was refused as code-used, and the
 * sender waited for DONE forever (DisconnectTest failed this way in a clean clone when the file arrived before cut 1).
 */
class LingerAfterDoneTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(120)
    void receiverWhoseDoneWasLostResumesAndTheSenderEndsDone() throws Exception {
        Path file = TestFiles.random(tmp.resolve("src/f.bin"), 16L << 20, 5);
        ProgressWatch watch = new ProgressWatch();
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, RelayLimits.defaults());
                FaultProxy proxy = new FaultProxy(relay.address())) {
            URI uri = URI.create("ws://127.0.0.1:" + proxy.port() + "/");
            proxy.delay(2); // 2 ms a buffer: the transfer lasts long enough to mute the receiver before its DONE
            try (QrBeamEngine sender = engine(uri, "s");
                    QrBeamEngine receiver = engine(uri, "r")) {
                SendHandle send = sender.send(List.of(file), p -> {});
                var recv = receiver.receive(send.pairingCode(), tmp.resolve("out"), watch);
                assertThat(watch.awaitBytes(1, Duration.ofSeconds(60))).isTrue();
                proxy.muteNewestUpstream(); // the receiver's messages, DONE among them, stop reaching the sender
                proxy.delay(0);
                assertThat(watch.awaitBytes(16L << 20, Duration.ofSeconds(60))).isTrue();
                proxy.cutAll(); // the receiver, lingering for the sender's BYE, reconnects and handshakes again
                TransferProgress sent = send.completion().get(60, TimeUnit.SECONDS);
                TransferProgress received = recv.completion().get(60, TimeUnit.SECONDS);
                assertThat(sent.state()).isEqualTo(TransferState.DONE);
                assertThat(received.state()).isEqualTo(TransferState.DONE);
                assertThat(received.failure()).isNull();
            }
        }
        assertThat(TestFiles.sha256(tmp.resolve("out/f.bin"))).isEqualTo(TestFiles.sha256(file));
    }

    private QrBeamEngine engine(URI relay, String name) {
        return new QrBeamEngine(
                EngineConfig.defaults().withRelay(relay).withStateDir(tmp.resolve("state-" + name)),
                new WireJson(),
                new SecureRandom());
    }
}
