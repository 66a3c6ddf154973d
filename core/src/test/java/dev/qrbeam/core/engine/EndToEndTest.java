package dev.qrbeam.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.core.api.EngineConfig;
import dev.qrbeam.core.api.SendHandle;
import dev.qrbeam.core.api.TransferHandle;
import dev.qrbeam.core.api.TransferProgress;
import dev.qrbeam.core.api.TransferState;
import dev.qrbeam.core.testing.TestFiles;
import dev.qrbeam.protocol.json.WireJson;
import dev.qrbeam.relay.Relay;
import dev.qrbeam.relay.RelayHandle;
import dev.qrbeam.relay.core.RelayLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class EndToEndTest {
    @TempDir
    Path tmp;

    @Test
    void folderWithSeveralFilesArrivesIdentical() throws Exception {
        Path src = tmp.resolve("src/photos");
        TestFiles.random(src.resolve("a.bin"), 3_000_000, 1);
        TestFiles.random(src.resolve("sub/b.bin"), 1, 2);
        Files.createDirectories(src.resolve("empty"));
        Files.write(src.resolve("zero.txt"), new byte[0]);
        Path single = TestFiles.random(tmp.resolve("src/single.dat"), 5 << 20, 3);
        Path out = tmp.resolve("out");
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, RelayLimits.defaults());
                QrBeamEngine sender = engine(relay, "s");
                QrBeamEngine receiver = engine(relay, "r")) {
            SendHandle send = sender.send(List.of(src, single), p -> {});
            TransferHandle recv = receiver.receive(send.pairingCode(), out, p -> {});
            TransferProgress r = recv.completion().get(50, TimeUnit.SECONDS);
            TransferProgress s = send.completion().get(10, TimeUnit.SECONDS);
            assertThat(r.failure()).isNull();
            assertThat(r.state()).isEqualTo(TransferState.DONE);
            assertThat(s.state()).isEqualTo(TransferState.DONE);
        }
        assertThat(TestFiles.sha256(out.resolve("photos/a.bin"))).isEqualTo(TestFiles.sha256(src.resolve("a.bin")));
        assertThat(TestFiles.sha256(out.resolve("photos/sub/b.bin")))
                .isEqualTo(TestFiles.sha256(src.resolve("sub/b.bin")));
        assertThat(out.resolve("photos/zero.txt")).isEmptyFile();
        assertThat(out.resolve("photos/empty")).isDirectory();
        assertThat(TestFiles.sha256(out.resolve("single.dat"))).isEqualTo(TestFiles.sha256(single));
        try (var s = Files.walk(out)) {
            assertThat(s.filter(p -> p.toString().endsWith(".part")).toList()).isEmpty();
        }
    }

    private QrBeamEngine engine(RelayHandle relay, String name) {
        return new QrBeamEngine(
                EngineConfig.defaults().withRelay(relay.uri()).withStateDir(tmp.resolve("state-" + name)),
                new WireJson(),
                new SecureRandom());
    }
}
