package dev.qrbeam.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.core.api.EngineConfig;
import dev.qrbeam.core.api.SendHandle;
import dev.qrbeam.core.testing.TestFiles;
import dev.qrbeam.protocol.json.WireJson;
import dev.qrbeam.protocol.pairing.PairingCode;
import dev.qrbeam.relay.core.RelayLimits;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedRelayTest {
    @TempDir
    Path tmp;

    @Test
    void theLoopbackSwitchBindsAndAdvertises127001Only() throws Exception {
        try (EmbeddedRelay r =
                EmbeddedRelay.start(true, 0, tmp.resolve("k").resolve("relay.key"), RelayLimits.defaults())) {
            assertThat(r.uris()).containsExactly(URI.create("ws://127.0.0.1:" + r.port() + "/"));
            assertThat(r.uri()).isEqualTo(r.uris().get(0));
            assertThat(r.handle().address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void theRelayTheSendPageShowsIsTheCodesUrlHost() throws Exception {
        // the app's Send page shows SendHandle.relay(); it must be the address the code's URL names
        Path file = TestFiles.random(tmp.resolve("a.bin"), 1000, 1);
        EngineConfig config = EngineConfig.defaults().withLoopback(true).withStateDir(tmp.resolve("state"));
        try (QrBeamEngine engine = new QrBeamEngine(config, new WireJson(), new SecureRandom())) {
            SendHandle send = engine.send(List.of(file), p -> {});
            URI base = PairingCode.parse(send.pairingCode()).relayBase();
            assertThat(send.relay().getHost()).isEqualTo(base.getHost()).isEqualTo("127.0.0.1");
            assertThat(send.relay().getPort())
                    .isEqualTo(base.getPort())
                    .isEqualTo(engine.embeddedRelay().port());
        }
    }
}
