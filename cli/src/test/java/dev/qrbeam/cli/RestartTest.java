package dev.qrbeam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.core.api.EngineConfig;
import dev.qrbeam.core.api.SendHandle;
import dev.qrbeam.core.api.TransferProgress;
import dev.qrbeam.core.api.TransferState;
import dev.qrbeam.core.engine.QrBeamEngine;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Either side's process killed mid-transfer (SIGKILL) and started again with the same code finishes the transfer. */
@Timeout(300)
class RestartTest {
    private static final Pattern PERCENT = Pattern.compile("transferring\\s+([0-9.]+)%");

    @TempDir
    Path tmp;

    @Test
    void receiverKilledAtHalfAndRestartedResumesAndFinishes() throws Exception {
        long size = 96L << 20;
        Path file = TestFiles.random(tmp.resolve("src/big.bin"), size, 5);
        Path out = tmp.resolve("out");
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, RelayLimits.defaults());
                FaultProxy slow = new FaultProxy(relay.address());
                QrBeamEngine sender = new QrBeamEngine(
                        EngineConfig.defaults()
                                .withRelay(URI.create("ws://127.0.0.1:" + slow.port() + "/"))
                                .withStateDir(tmp.resolve("state-s")),
                        new WireJson(),
                        new SecureRandom())) {
            slow.delay(4);
            SendHandle send = sender.send(List.of(file), p -> {});
            String[] args = {
                "receive",
                "--plain",
                "--state-dir",
                tmp.resolve("state-r").toString(),
                "--out",
                out.toString(),
                send.pairingCode()
            };
            double killedAt;
            try (ChildJvm first = ChildJvm.cli(tmp, args)) {
                String line = first.await(l -> percent(l) >= 40, 120);
                assertThat(line).as(first.output()).isNotNull();
                first.kill();
                killedAt = percent(line);
            }
            assertThat(out.resolve("big.bin")).doesNotExist();
            slow.delay(0);
            try (ChildJvm second = ChildJvm.cli(tmp, args)) {
                String resumedAt = second.await(l -> percent(l) >= 0, 60);
                assertThat(second.waitFor(120)).as(second.output()).isZero();
                assertThat(percent(resumedAt))
                        .as("restart starts from what was verified")
                        .isGreaterThanOrEqualTo(30);
            }
            TransferProgress s = send.completion().get(30, TimeUnit.SECONDS);
            assertThat(s.state()).isEqualTo(TransferState.DONE);
            long chunks = size >> 20;
            assertThat(s.chunksResent())
                    .as("killed at %.1f%%: only what was lost is sent again", killedAt)
                    .isLessThan((long) (chunks * 0.7));
        }
        assertThat(TestFiles.sha256(out.resolve("big.bin"))).isEqualTo(TestFiles.sha256(file));
    }

    @Test
    void senderKilledAndRestartedWithResumeFinishesWithTheSameCode() throws Exception {
        long size = 256L << 20;
        Path file = TestFiles.random(tmp.resolve("src/big.bin"), size, 6);
        Path state = tmp.resolve("state-s");
        ProgressWatch watch = new ProgressWatch();
        try (QrBeamEngine receiver = new QrBeamEngine(
                EngineConfig.defaults().withStateDir(tmp.resolve("state-r")), new WireJson(), new SecureRandom())) {
            String code;
            try (ChildJvm first = ChildJvm.cli(
                    tmp,
                    "send",
                    "--loopback",
                    "--plain",
                    "--no-qr",
                    "--state-dir",
                    state.toString(),
                    file.toString())) {
                String line = first.await(l -> l.startsWith("code: "), 60);
                assertThat(line).as(first.output()).isNotNull();
                code = line.substring("code: ".length());
                assertThat(code).startsWith("http://127.0.0.1:");
                var recv = receiver.receive(code, tmp.resolve("out"), watch);
                assertThat(watch.awaitBytes(size / 4, Duration.ofSeconds(120))).isTrue();
                first.kill();
                try (ChildJvm second = ChildJvm.cli(
                        tmp, "send", "--resume", code, "--plain", "--no-qr", "--state-dir", state.toString())) {
                    TransferProgress r = recv.completion().get(180, TimeUnit.SECONDS);
                    assertThat(r.failure()).isNull();
                    assertThat(r.state()).isEqualTo(TransferState.DONE);
                    assertThat(second.waitFor(30)).as(second.output()).isZero();
                }
            }
        }
        assertThat(TestFiles.sha256(tmp.resolve("out/big.bin"))).isEqualTo(TestFiles.sha256(file));
    }

    private static double percent(String line) {
        if (line == null) {
            return -1;
        }
        Matcher m = PERCENT.matcher(line);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }
}
