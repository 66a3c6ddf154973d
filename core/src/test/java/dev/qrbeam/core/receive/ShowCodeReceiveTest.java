package dev.qrbeam.core.receive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.core.api.CodeHandle;
import dev.qrbeam.core.api.EngineConfig;
import dev.qrbeam.core.api.FailureCode;
import dev.qrbeam.core.api.FileProgress;
import dev.qrbeam.core.api.TransferProgress;
import dev.qrbeam.core.api.TransferState;
import dev.qrbeam.core.engine.QrBeamEngine;
import dev.qrbeam.core.testing.TestFiles;
import dev.qrbeam.core.testing.TestScanner;
import dev.qrbeam.protocol.json.WireJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The desktop side of "a phone sends to a desktop" (docs/protocol-transfer.md §6b): a code-less receive shows a
 * code, and {@link TestScanner} plays the phone page (initiator, claim, manifest, chunks) over the desktop's real
 * built-in relay.
 */
@Timeout(90)
class ShowCodeReceiveTest {
    @TempDir
    Path tmp;

    @Test
    void twoFilesFromAScannerAreVerifiedAndInPlace() throws Exception {
        Path a = TestFiles.random(tmp.resolve("phone/a.jpg"), 3_000_000, 1);
        Path b = TestFiles.random(tmp.resolve("phone/b.mp4"), 700_001, 2);
        Path out = tmp.resolve("out");
        List<TransferProgress> seen = new CopyOnWriteArrayList<>();
        try (QrBeamEngine engine = engine()) {
            CodeHandle handle = engine.receiveShowingCode(out, seen::add);
            assertThat(handle.pairingCode()).contains("/r/");
            assertThat(handle.progress().state()).isEqualTo(TransferState.WAITING);
            try (TestScanner phone = new TestScanner(handle.pairingCode(), List.of(a, b), new TestScanner.Identity())) {
                TransferProgress end = handle.completion().get(60, TimeUnit.SECONDS);
                assertThat(end.failure()).isNull();
                assertThat(end.state()).isEqualTo(TransferState.DONE);
                assertThat(end.files()).extracting(FileProgress::state).containsOnly(TransferState.DONE);
                assertThat(end.bytesDone()).isEqualTo(3_700_001);
                assertThat(phone.outcome().get(10, TimeUnit.SECONDS)).isEqualTo("done");
                assertThat(phone.suiteAsked()).isEqualTo("chacha20-poly1305");
            }
        }
        assertThat(TestFiles.sha256(out.resolve("a.jpg"))).isEqualTo(TestFiles.sha256(a));
        assertThat(TestFiles.sha256(out.resolve("b.mp4"))).isEqualTo(TestFiles.sha256(b));
        assertThat(seen)
                .extracting(TransferProgress::state)
                .contains(TransferState.PAIRING, TransferState.TRANSFERRING, TransferState.DONE);
        assertThat(leftovers(out)).isEmpty();
    }

    @Test
    void wrongSecretIsRefusedAndDoesNotUseUpTheCode() throws Exception {
        Path a = TestFiles.random(tmp.resolve("phone/a.bin"), 100_000, 3);
        Path out = tmp.resolve("out");
        try (QrBeamEngine engine = engine()) {
            CodeHandle handle = engine.receiveShowingCode(out, p -> {});
            String code = handle.pairingCode();
            String wrong = code.substring(0, code.indexOf('#') + 1) + "A".repeat(42) + "E"
                    + code.substring(code.indexOf('#') + 44);
            try (TestScanner stranger = new TestScanner(wrong, List.of(a), new TestScanner.Identity())) {
                assertThat(stranger.outcome().get(20, TimeUnit.SECONDS)).isEqualTo("handshake-failed");
            }
            assertThat(handle.progress().state()).isEqualTo(TransferState.WAITING);
            try (TestScanner phone = new TestScanner(code, List.of(a), new TestScanner.Identity())) {
                assertThat(phone.outcome().get(60, TimeUnit.SECONDS)).isEqualTo("done");
                assertThat(handle.completion().get(30, TimeUnit.SECONDS).state())
                        .isEqualTo(TransferState.DONE);
            }
        }
        assertThat(TestFiles.sha256(out.resolve("a.bin"))).isEqualTo(TestFiles.sha256(a));
    }

    @Test
    void secondPhoneIsRefusedAsCodeUsed() throws Exception {
        Path a = TestFiles.random(tmp.resolve("phone/a.bin"), 2_000_000, 4);
        try (QrBeamEngine engine = engine()) {
            CodeHandle handle = engine.receiveShowingCode(tmp.resolve("out"), p -> {});
            try (TestScanner first =
                    new TestScanner(handle.pairingCode(), List.of(a), new TestScanner.Identity()).stopAfter(1)) {
                awaitState(handle, TransferState.TRANSFERRING);
                try (TestScanner second =
                        new TestScanner(handle.pairingCode(), List.of(a), new TestScanner.Identity())) {
                    assertThat(second.outcome().get(20, TimeUnit.SECONDS)).isEqualTo("code-used");
                }
            }
            handle.cancel();
        }
    }

    @Test
    void tamperedChunkIsRefusedAndNothingIsSaved() throws Exception {
        Path a = TestFiles.random(tmp.resolve("phone/a.bin"), 300_000, 5);
        Path out = tmp.resolve("out");
        try (QrBeamEngine engine =
                new QrBeamEngine(config().withChunkSize(64 * 1024), new WireJson(), new SecureRandom())) {
            CodeHandle handle = engine.receiveShowingCode(out, p -> {});
            try (TestScanner phone =
                    new TestScanner(handle.pairingCode(), List.of(a), new TestScanner.Identity()).tamper(2)) {
                TransferProgress end = handle.completion().get(60, TimeUnit.SECONDS);
                assertThat(end.state()).isEqualTo(TransferState.FAILED);
                assertThat(end.failure().code()).isEqualTo(FailureCode.INTEGRITY);
                assertThat(end.failure().message()).contains("chunk 2 failed verification");
                assertThat(phone.outcome().get(10, TimeUnit.SECONDS)).startsWith("failure: chunk 2");
            }
        }
        assertThat(out.resolve("a.bin")).doesNotExist();
        assertThat(leftovers(out)).isEmpty();
    }

    @Test
    void reloadedPageResumesWithOnlyTheMissingChunks() throws Exception {
        Path a = TestFiles.random(tmp.resolve("phone/a.bin"), 1_000_000, 6);
        Path b = TestFiles.random(tmp.resolve("phone/b.bin"), 200_000, 7);
        Path out = tmp.resolve("out");
        int chunk = 64 * 1024;
        long total = (1_000_000 + chunk - 1) / chunk + (200_000 + chunk - 1) / chunk;
        try (QrBeamEngine engine =
                new QrBeamEngine(config().withChunkSize(chunk), new WireJson(), new SecureRandom())) {
            CodeHandle handle = engine.receiveShowingCode(out, p -> {});
            TestScanner.Identity page = new TestScanner.Identity();
            try (TestScanner before = new TestScanner(handle.pairingCode(), List.of(a, b), page).stopAfter(6)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (handle.progress().bytesDone() < 6L * chunk && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(handle.progress().bytesDone()).isEqualTo(6L * chunk);
            } // the page is gone: reload or locked screen
            try (TestScanner after = new TestScanner(handle.pairingCode(), List.of(a, b), page)) {
                assertThat(after.outcome().get(60, TimeUnit.SECONDS)).isEqualTo("done");
                assertThat(after.chunksSent()).isEqualTo(total - 6);
                assertThat(handle.completion().get(30, TimeUnit.SECONDS).state())
                        .isEqualTo(TransferState.DONE);
            }
        }
        assertThat(TestFiles.sha256(out.resolve("a.bin"))).isEqualTo(TestFiles.sha256(a));
        assertThat(TestFiles.sha256(out.resolve("b.bin"))).isEqualTo(TestFiles.sha256(b));
    }

    @Test
    void aManifestWithAnotherChunkSizeThanOfferedEndsTheTransfer() throws Exception {
        Path a = TestFiles.random(tmp.resolve("phone/a.bin"), 100_000, 8);
        try (QrBeamEngine engine = engine()) {
            CodeHandle handle = engine.receiveShowingCode(tmp.resolve("out"), p -> {});
            try (TestScanner phone = new TestScanner(handle.pairingCode(), List.of(a), new TestScanner.Identity())
                    .manifestChunkSize(8192)) {
                TransferProgress end = handle.completion().get(30, TimeUnit.SECONDS);
                assertThat(end.failure().code()).isEqualTo(FailureCode.PROTOCOL);
                assertThat(end.failure().message()).contains("uses chunk size 8192; this receiver asked for 1048576");
                assertThat(phone.outcome().get(10, TimeUnit.SECONDS))
                        .startsWith("failure: refused the sender's manifest");
            }
        }
    }

    @Test
    void aCodeNobodyScansExpires() throws Exception {
        try (QrBeamEngine engine =
                new QrBeamEngine(config().withExpiry(Duration.ofSeconds(1)), new WireJson(), new SecureRandom())) {
            CodeHandle handle = engine.receiveShowingCode(tmp.resolve("out"), p -> {});
            TransferProgress end = handle.completion().get(30, TimeUnit.SECONDS);
            assertThat(end.state()).isEqualTo(TransferState.FAILED);
            assertThat(end.failure().code()).isEqualTo(FailureCode.CODE_EXPIRED);
        }
    }

    /** A desktop given another desktop's receive code (both wait to receive) stops with a sentence saying so. */
    @Test
    void aDesktopThatScansAReceiveCodeIsToldItHasNothingToReceive() throws Exception {
        try (QrBeamEngine shower = engine();
                QrBeamEngine scanner = new QrBeamEngine(
                        EngineConfig.defaults().withLoopback(true).withStateDir(tmp.resolve("state-scanner")),
                        new WireJson(),
                        new SecureRandom())) {
            CodeHandle shown = shower.receiveShowingCode(tmp.resolve("out"), p -> {});
            TransferProgress end = scanner.receive(shown.pairingCode(), tmp.resolve("other"), p -> {})
                    .completion()
                    .get(30, TimeUnit.SECONDS);
            assertThat(end.failure().code()).isEqualTo(FailureCode.PROTOCOL);
            assertThat(end.failure().message()).contains("waits to receive files");
            shown.cancel();
        }
    }

    /** Review finding: quitting the app (or Ctrl-C) mid-receive left the .part files of a receive nobody can resume. */
    @Test
    void closingTheEngineMidReceiveDeletesThePartFilesOfThisCodeLessReceive() throws Exception {
        Path a = TestFiles.random(tmp.resolve("phone/a.bin"), 1_000_000, 8);
        Path out = tmp.resolve("out");
        int chunk = 64 * 1024;
        QrBeamEngine engine = new QrBeamEngine(config().withChunkSize(chunk), new WireJson(), new SecureRandom());
        CodeHandle handle;
        try {
            handle = engine.receiveShowingCode(out, p -> {});
            try (TestScanner phone =
                    new TestScanner(handle.pairingCode(), List.of(a), new TestScanner.Identity()).stopAfter(6)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (handle.progress().bytesDone() < 6L * chunk && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(handle.progress().bytesDone()).isEqualTo(6L * chunk);
                assertThat(leftovers(out)).isNotEmpty();
            }
        } finally {
            engine.close();
        }
        assertThat(handle.completion().get(30, TimeUnit.SECONDS).state()).isEqualTo(TransferState.CANCELLED);
        assertThat(leftovers(out)).isEmpty();
    }

    private static void awaitState(CodeHandle h, TransferState s) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (h.progress().state() != s && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(h.progress().state()).isEqualTo(s);
    }

    private static List<Path> leftovers(Path out) throws Exception {
        if (!Files.exists(out)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(out)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".part"))
                    .toList();
        }
    }

    private EngineConfig config() {
        return EngineConfig.defaults().withLoopback(true).withStateDir(tmp.resolve("state"));
    }

    private QrBeamEngine engine() {
        return new QrBeamEngine(config(), new WireJson(), new SecureRandom());
    }
}
