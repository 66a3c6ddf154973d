package dev.qrbeam.core.phone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.core.api.SendHandle;
import dev.qrbeam.core.api.EngineConfig;
import dev.qrbeam.core.engine.QrBeamEngine;
import dev.qrbeam.core.testing.TestFiles;
import dev.qrbeam.protocol.json.WireJson;
import dev.qrbeam.relay.Relay;
import dev.qrbeam.relay.RelayHandle;
import dev.qrbeam.relay.core.RelayLimits;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Phone receive throughput in headless Chromium on 127.0.0.1: {@code -Dqrbeam.phoneBench=<MB>} (e.g. 200) runs it;
 * prints MB/s from the Download click to a verified file (ChaCha20-Poly1305 chunks, SHA-256 of the whole file and
 * the Blob included).
 */
class PhoneThroughputBench {
    @TempDir
    Path tmp;

    @Test
    void phoneReceiveThroughput() throws Exception {
        String mb = System.getProperty("qrbeam.phoneBench");
        Assumptions.assumeTrue(mb != null, "set -Dqrbeam.phoneBench=<MB> to measure");
        long size = Long.parseLong(mb) * 1_000_000L;
        Path f = TestFiles.random(tmp.resolve("src/bench.bin"), size, 9);
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, RelayLimits.defaults());
             QrBeamEngine sender = new QrBeamEngine(EngineConfig.defaults().withRelay(relay.uri())
                     .withStateDir(tmp.resolve("state")), new WireJson(), new SecureRandom());
             PhoneBrowser phone = new PhoneBrowser(tmp.resolve("browser"))) {
            SendHandle send = sender.send(List.of(f), p -> { });
            phone.open(send.pairingCode());
            assertThat(phone.awaitState(Duration.ofMinutes(2), "ready", "error")).isEqualTo("ready");
            long t0 = System.nanoTime();
            phone.click("[data-action=download]");
            assertThat(phone.awaitState(Duration.ofMinutes(10), "done", "error")).isEqualTo("done");
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("phone receive: %d MB in %.1f s = %.1f MB/s%n", size / 1_000_000, s, size / 1e6 / s);
            assertThat(TestFiles.sha256(phone.awaitDownload("bench.bin", Duration.ofMinutes(2)))).isEqualTo(TestFiles.sha256(f));
        }
    }
}
