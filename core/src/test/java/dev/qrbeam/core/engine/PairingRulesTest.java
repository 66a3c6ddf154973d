package dev.qrbeam.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.core.api.EngineConfig;
import dev.qrbeam.core.api.FailureCode;
import dev.qrbeam.core.api.SendHandle;
import dev.qrbeam.core.api.TransferHandle;
import dev.qrbeam.core.api.TransferProgress;
import dev.qrbeam.core.api.TransferState;
import dev.qrbeam.core.testing.ProgressWatch;
import dev.qrbeam.core.testing.TestFiles;
import dev.qrbeam.protocol.json.WireJson;
import dev.qrbeam.relay.Relay;
import dev.qrbeam.relay.RelayHandle;
import dev.qrbeam.relay.core.RelayLimits;
import java.io.RandomAccessFile;
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

/** One code pairs one receiver, codes expire, cancel reaches the other side, changed sources are refused. */
@Timeout(60)
class PairingRulesTest {
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
    void aSecondReceiverWithTheSameCodeIsRefusedWithCodeUsed() throws Exception {
        Path file = TestFiles.random(tmp.resolve("a.bin"), 64 << 20, 1);
        try (QrBeamEngine s = engine("s", Duration.ofMinutes(10));
                QrBeamEngine r1 = engine("r1", Duration.ofMinutes(10));
                QrBeamEngine r2 = engine("r2", Duration.ofMinutes(10))) {
            SendHandle send = s.send(List.of(file), p -> {});
            ProgressWatch first = new ProgressWatch();
            TransferHandle h1 = r1.receive(send.pairingCode(), tmp.resolve("out1"), first);
            assertThat(first.awaitBytes(1, Duration.ofSeconds(30))).isTrue();
            TransferProgress second = r2.receive(send.pairingCode(), tmp.resolve("out2"), p -> {})
                    .completion()
                    .get(30, TimeUnit.SECONDS);
            assertThat(second.state()).isEqualTo(TransferState.FAILED);
            assertThat(second.failure().code()).isEqualTo(FailureCode.CODE_ALREADY_USED);
            assertThat(h1.completion().get(50, TimeUnit.SECONDS).state()).isEqualTo(TransferState.DONE);
        }
    }

    @Test
    void anExpiredCodeIsRefusedWithCodeExpired() throws Exception {
        Path file = TestFiles.random(tmp.resolve("a.bin"), 1000, 1);
        try (QrBeamEngine s = engine("s", Duration.ofMillis(300));
                QrBeamEngine r = engine("r", Duration.ofMinutes(10))) {
            SendHandle send = s.send(List.of(file), p -> {});
            TransferProgress senderEnd = send.completion().get(10, TimeUnit.SECONDS);
            assertThat(senderEnd.failure().code()).isEqualTo(FailureCode.CODE_EXPIRED);
            TransferProgress end = r.receive(send.pairingCode(), tmp.resolve("out"), p -> {})
                    .completion()
                    .get(45, TimeUnit.SECONDS);
            assertThat(end.state()).isEqualTo(TransferState.FAILED);
            assertThat(end.failure().code()).isIn(FailureCode.CODE_EXPIRED, FailureCode.PEER_GONE);
        }
    }

    @Test
    void aReceiverArrivingAfterExpiryWhileTheSenderWaitsGetsCodeExpired() throws Exception {
        Path file = TestFiles.random(tmp.resolve("a.bin"), 1000, 1);
        try (QrBeamEngine s = engine("s", Duration.ofMillis(1));
                QrBeamEngine r = engine("r", Duration.ofMinutes(10))) {
            SendHandle send = s.send(List.of(file), p -> {});
            TransferProgress end = r.receive(send.pairingCode(), tmp.resolve("out"), p -> {})
                    .completion()
                    .get(45, TimeUnit.SECONDS);
            assertThat(end.state()).isEqualTo(TransferState.FAILED);
            assertThat(end.failure().code()).isIn(FailureCode.CODE_EXPIRED, FailureCode.PEER_GONE);
        }
    }

    @Test
    void cancelOnTheReceiverReachesTheSender() throws Exception {
        Path file = TestFiles.random(tmp.resolve("a.bin"), 64 << 20, 1);
        try (QrBeamEngine s = engine("s", Duration.ofMinutes(10));
                QrBeamEngine r = engine("r", Duration.ofMinutes(10))) {
            SendHandle send = s.send(List.of(file), p -> {});
            ProgressWatch watch = new ProgressWatch();
            TransferHandle h = r.receive(send.pairingCode(), tmp.resolve("out"), watch);
            assertThat(watch.awaitBytes(1, Duration.ofSeconds(30))).isTrue();
            h.cancel();
            assertThat(h.completion().get(10, TimeUnit.SECONDS).failure().code())
                    .isEqualTo(FailureCode.CANCELLED_LOCALLY);
            TransferProgress senderEnd = send.completion().get(20, TimeUnit.SECONDS);
            assertThat(senderEnd.state()).isEqualTo(TransferState.CANCELLED);
            assertThat(senderEnd.failure().code()).isEqualTo(FailureCode.CANCELLED_BY_PEER);
        }
        try (var list = Files.list(tmp.resolve("out"))) {
            assertThat(list.toList()).as("no partial file left").isEmpty();
        }
    }

    @Test
    void aSourceFileChangedAfterTheManifestIsRefusedNotMixed() throws Exception {
        Path file = TestFiles.random(tmp.resolve("a.bin"), 64 << 20, 1);
        try (QrBeamEngine s = engine("s", Duration.ofMinutes(10));
                QrBeamEngine r = engine("r", Duration.ofMinutes(10))) {
            SendHandle send = s.send(List.of(file), p -> {});
            ProgressWatch watch = new ProgressWatch();
            TransferHandle h = r.receive(send.pairingCode(), tmp.resolve("out"), watch);
            assertThat(watch.awaitBytes(1, Duration.ofSeconds(30))).isTrue();
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.seek(raf.length() - 1);
                raf.write(7);
            }
            Files.setLastModifiedTime(
                    file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
            TransferProgress senderEnd = send.completion().get(30, TimeUnit.SECONDS);
            TransferProgress receiverEnd = h.completion().get(30, TimeUnit.SECONDS);
            if (senderEnd.state() == TransferState.FAILED) {
                assertThat(senderEnd.failure().code()).isEqualTo(FailureCode.SOURCE_CHANGED);
                assertThat(receiverEnd.state()).isEqualTo(TransferState.FAILED);
            } else {
                // the changed tail was already sent before the change: the old version arrived whole and verified
                assertThat(receiverEnd.state()).isEqualTo(TransferState.DONE);
            }
        }
        assertThat(tmp.resolve("out/a.bin"))
                .satisfiesAnyOf(
                        p -> assertThat(p).doesNotExist(),
                        p -> assertThat(TestFiles.sha256(p)).isNotEqualTo(TestFiles.sha256(file)));
    }

    private QrBeamEngine engine(String name, Duration expiry) {
        return new QrBeamEngine(
                EngineConfig.defaults()
                        .withRelay(relay.uri())
                        .withStateDir(tmp.resolve("state-" + name))
                        .withExpiry(expiry),
                new WireJson(),
                new SecureRandom());
    }
}
