package dev.qrbeam.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.relay.core.RelayLimits;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedRelayTest {
    @TempDir
    Path tmp;

    @Test
    void theLoopbackSwitchBindsAndAdvertises127001Only() throws Exception {
        try (EmbeddedRelay r = EmbeddedRelay.start(true, 0, tmp.resolve("k").resolve("relay.key"), RelayLimits.defaults())) {
            assertThat(r.uris()).containsExactly(URI.create("ws://127.0.0.1:" + r.port() + "/"));
            assertThat(r.uri()).isEqualTo(r.uris().get(0));
            assertThat(r.handle().address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        }
    }
}
