package dev.qrbeam.core.phone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.core.api.CodeHandle;
import dev.qrbeam.core.api.EngineConfig;
import dev.qrbeam.core.api.SendHandle;
import dev.qrbeam.core.api.TransferState;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Phone page throughput in headless Chromium on 127.0.0.1, both ways: {@code -Dqrbeam.phoneBench=<MB>} (e.g. 200)
 * runs it. Receive: MB/s from the Download click to a verified file (ChaCha20-Poly1305 chunks, SHA-256 of the whole
 * file and the Blob included). Send (code-less receive): from the Send click to the desktop's done, split into the
 * page's hashing (File.slice pieces) and streaming.
 */
class PhoneThroughputBench {
    @TempDir
    Path tmp;

    @Test
    void phoneSendThroughput() throws Exception {
        String mb = System.getProperty("qrbeam.phoneBench");
        Assumptions.assumeTrue(mb != null, "set -Dqrbeam.phoneBench=<MB> to measure");
        long size = Long.parseLong(mb) * 1_000_000L;
        Path f = TestFiles.random(tmp.resolve("phone/bench.bin"), size, 19);
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, RelayLimits.defaults());
                QrBeamEngine desk = new QrBeamEngine(
                        EngineConfig.defaults().withRelay(relay.uri()).withStateDir(tmp.resolve("state")),
                        new WireJson(),
                        new SecureRandom());
                PhoneBrowser phone = new PhoneBrowser(tmp.resolve("browser"))) {
            CodeHandle receive = desk.receiveShowingCode(tmp.resolve("out"), p -> {});
            phone.open(receive.pairingCode());
            assertThat(phone.awaitState(Duration.ofMinutes(2), "pick", "error")).isEqualTo("pick");
            phone.pick(f);
            long t0 = System.nanoTime();
            phone.click("[data-action=send]");
            assertThat(phone.awaitState(Duration.ofMinutes(10), "sending", "done", "error"))
                    .isNotEqualTo("error");
            long t1 = System.nanoTime();
            assertThat(phone.awaitState(Duration.ofMinutes(10), "done", "error"))
                    .isEqualTo("done");
            long t2 = System.nanoTime();
            double all = (t2 - t0) / 1e9;
            double hash = (t1 - t0) / 1e9;
            double stream = (t2 - t1) / 1e9;
            System.out.printf(
                    "phone send: %d MB in %.1f s = %.1f MB/s (hashing %.1f s = %.1f MB/s, streaming %.1f s = %.1f MB/s)%n",
                    size / 1_000_000, all, size / 1e6 / all, hash, size / 1e6 / hash, stream, size / 1e6 / stream);
            assertThat(receive.completion().get(1, TimeUnit.MINUTES).state()).isEqualTo(TransferState.DONE);
            assertThat(TestFiles.sha256(tmp.resolve("out/bench.bin"))).isEqualTo(TestFiles.sha256(f));
        }
    }

    @Test
    void phoneReceiveThroughput() throws Exception {
        String mb = System.getProperty("qrbeam.phoneBench");
        Assumptions.assumeTrue(mb != null, "set -Dqrbeam.phoneBench=<MB> to measure");
        long size = Long.parseLong(mb) * 1_000_000L;
        Path f = TestFiles.random(tmp.resolve("src/bench.bin"), size, 9);
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, RelayLimits.defaults());
                QrBeamEngine sender = new QrBeamEngine(
                        EngineConfig.defaults().withRelay(relay.uri()).withStateDir(tmp.resolve("state")),
                        new WireJson(),
                        new SecureRandom());
                PhoneBrowser phone = new PhoneBrowser(tmp.resolve("browser"))) {
            SendHandle send = sender.send(List.of(f), p -> {});
            phone.open(send.pairingCode());
            assertThat(phone.awaitState(Duration.ofMinutes(2), "ready", "error"))
                    .isEqualTo("ready");
            long t0 = System.nanoTime();
            phone.click("[data-action=download]");
            assertThat(phone.awaitState(Duration.ofMinutes(10), "done", "error"))
                    .isEqualTo("done");
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("phone receive: %d MB in %.1f s = %.1f MB/s%n", size / 1_000_000, s, size / 1e6 / s);
            assertThat(TestFiles.sha256(phone.awaitDownload("bench.bin", Duration.ofMinutes(2))))
                    .isEqualTo(TestFiles.sha256(f));
        }
    }
}
