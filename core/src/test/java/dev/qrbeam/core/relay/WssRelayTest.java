package dev.qrbeam.core.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qrbeam.core.api.EngineConfig;
import dev.qrbeam.core.api.SendHandle;
import dev.qrbeam.core.api.TransferProgress;
import dev.qrbeam.core.api.TransferState;
import dev.qrbeam.core.engine.QrBeamEngine;
import dev.qrbeam.core.testing.TestFiles;
import dev.qrbeam.protocol.json.WireJson;
import dev.qrbeam.relay.Relay;
import dev.qrbeam.relay.RelayConfig;
import dev.qrbeam.relay.RelayHandle;
import dev.qrbeam.relay.core.RelayLimits;
import dev.qrbeam.relay.testing.SelfSignedCert;
import dev.qrbeam.relay.tls.TlsFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 6: the relay client reaches a wss:// relay. By default it trusts the system's CAs only; a test (or
 * a private deployment) can give it an SSLContext that trusts a self-signed relay.
 */
@Timeout(120)
class WssRelayTest {
    @TempDir
    Path tmp;

    @Test
    void relayClientTrustsASelfSignedRelayOnlyWhenTold() throws Exception {
        SelfSignedCert cert = SelfSignedCert.generate(tmp, "relay-core-test", "EC");
        cert.writePem(tmp.resolve("cert.pem"), tmp.resolve("key.pem"));
        SSLContext trust = SelfSignedCert.trusting(cert.certificate());
        try (RelayHandle relay = Relay.start(RelayConfig.of("127.0.0.1", 0, RelayLimits.defaults())
                .withTls(new TlsFiles(tmp.resolve("cert.pem"), tmp.resolve("key.pem"))))) {
            assertThatThrownBy(() -> RelayClient.connect(
                            relay.uri(), new RecordingEvents(), RelayClientOptions.defaults(), new WireJson()))
                    .isInstanceOf(IOException.class);
            RecordingEvents got = new RecordingEvents();
            RelayClient a = RelayClient.connect(
                    relay.uri(),
                    new RecordingEvents(),
                    RelayClientOptions.defaults().withTls(trust),
                    new WireJson());
            RelayClient b = RelayClient.connect(
                    relay.uri(), got, RelayClientOptions.defaults().withTls(trust), new WireJson());
            try {
                a.sendText("{\"action\":\"Transfer\",\"message\":{\"connectionid\":\"" + b.connectionId()
                        + "\",\"data\":\"ZGF0YQ==\",\"chunkid\":0,\"chunktotal\":1,\"chunkhash\":\"h\"}}");
                assertThat(got.texts.poll(20, TimeUnit.SECONDS))
                        .contains(a.connectionId())
                        .contains("ZGF0YQ==");
            } finally {
                a.close();
                b.close();
            }
        }
    }

    @Test
    void aTransferThroughAWssRelayArrivesIdentical() throws Exception {
        SelfSignedCert cert = SelfSignedCert.generate(tmp, "relay-core-test", "EC");
        cert.writePem(tmp.resolve("cert.pem"), tmp.resolve("key.pem"));
        Path file = TestFiles.random(tmp.resolve("src/a.bin"), 3_000_000, 11);
        SSLContext previous = SSLContext.getDefault();
        // the engine builds its clients with the JVM's default context (system trust in production)
        SSLContext.setDefault(SelfSignedCert.trusting(cert.certificate()));
        try (RelayHandle relay = Relay.start(RelayConfig.of("127.0.0.1", 0, RelayLimits.defaults())
                        .withTls(new TlsFiles(tmp.resolve("cert.pem"), tmp.resolve("key.pem"))));
                QrBeamEngine sender = engine(relay, "s");
                QrBeamEngine receiver = engine(relay, "r")) {
            SendHandle send = sender.send(List.of(file), p -> {});
            assertThat(send.pairingCode()).startsWith("https://127.0.0.1:");
            TransferProgress r = receiver.receive(send.pairingCode(), tmp.resolve("out"), p -> {})
                    .completion()
                    .get(90, TimeUnit.SECONDS);
            assertThat(r.failure()).isNull();
            assertThat(r.state()).isEqualTo(TransferState.DONE);
        } finally {
            SSLContext.setDefault(previous);
        }
        assertThat(TestFiles.sha256(tmp.resolve("out/a.bin"))).isEqualTo(TestFiles.sha256(file));
    }

    private QrBeamEngine engine(RelayHandle relay, String name) {
        return new QrBeamEngine(
                EngineConfig.defaults().withRelay(relay.uri()).withStateDir(tmp.resolve("state-" + name)),
                new WireJson(),
                new SecureRandom());
    }
}
