package dev.qrbeam.core.phone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.core.api.EngineConfig;
import dev.qrbeam.core.api.SendHandle;
import dev.qrbeam.core.api.TransferProgress;
import dev.qrbeam.core.api.TransferState;
import dev.qrbeam.core.engine.QrBeamEngine;
import dev.qrbeam.core.testing.FaultProxy;
import dev.qrbeam.core.testing.TestFiles;
import dev.qrbeam.protocol.json.WireJson;
import dev.qrbeam.relay.Relay;
import dev.qrbeam.relay.RelayHandle;
import dev.qrbeam.relay.core.RelayLimits;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A phone browser (headless Chromium, phone viewport) opening a desktop {@code send} code. */
@Timeout(180)
class PhoneReceiveTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path tmp;

    @Test
    void phoneDownloadsEveryFileByteIdentical() throws Exception {
        Path a = TestFiles.random(tmp.resolve("src/photos/a.bin"), 3_500_000, 1);
        Path b = TestFiles.random(tmp.resolve("src/photos/b.txt"), 10, 2);
        Path empty = Files.write(tmp.resolve("src/photos/empty.dat"), new byte[0]);
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, RelayLimits.defaults());
                QrBeamEngine sender = engine(relay.uri(), "s");
                PhoneBrowser phone = new PhoneBrowser(tmp.resolve("browser"))) {
            SendHandle send = sender.send(List.of(tmp.resolve("src/photos")), p -> {});
            phone.open(send.pairingCode());
            assertThat(phone.awaitState(WAIT, "ready", "error")).isEqualTo("ready");
            assertThat(phone.address()).doesNotContain("#"); // the secret left the address bar
            assertThat(phone.all("[data-action=download]")).hasSize(3);
            phone.click("[data-action=download-all]");
            assertThat(phone.awaitState(WAIT, "done", "error")).isEqualTo("done");
            TransferProgress s = send.completion().get(30, TimeUnit.SECONDS);
            assertThat(s.state()).isEqualTo(TransferState.DONE);
            for (Path f : List.of(a, b, empty)) {
                Path got = phone.awaitDownload(f.getFileName().toString(), WAIT);
                assertThat(TestFiles.sha256(got)).isEqualTo(TestFiles.sha256(f));
            }
        }
    }

    @Test
    void phoneReceivesFromTheSendersBuiltInRelay() throws Exception {
        Path f = TestFiles.random(tmp.resolve("src/clip.mov"), 2_500_000, 10);
        try (QrBeamEngine sender = new QrBeamEngine(
                        EngineConfig.defaults().withLoopback(true).withStateDir(tmp.resolve("state-s")),
                        new WireJson(),
                        new SecureRandom());
                PhoneBrowser phone = new PhoneBrowser(tmp.resolve("browser"))) {
            SendHandle send = sender.send(List.of(f), p -> {});
            assertThat(sender.embeddedRelay()).isNotNull();
            phone.open(send.pairingCode());
            assertThat(phone.awaitState(WAIT, "ready", "error")).isEqualTo("ready");
            phone.click("[data-action=download-all]");
            assertThat(phone.awaitState(WAIT, "done", "error")).isEqualTo("done");
            assertThat(send.completion().get(30, TimeUnit.SECONDS).state()).isEqualTo(TransferState.DONE);
            assertThat(TestFiles.sha256(phone.awaitDownload("clip.mov", WAIT))).isEqualTo(TestFiles.sha256(f));
        }
    }

    @Test
    void aFileOverThePhonesLimitIsRefusedAndCanBeDownloadedDirectlyFromTheBuiltInRelay() throws Exception {
        Path small = TestFiles.random(tmp.resolve("src/notes.txt"), 1_000, 11);
        Path big = TestFiles.random(tmp.resolve("src/film.mp4"), 201_000_000, 12);
        try (QrBeamEngine sender = new QrBeamEngine(
                        EngineConfig.defaults().withLoopback(true).withStateDir(tmp.resolve("state-s")),
                        new WireJson(),
                        new SecureRandom());
                PhoneBrowser phone = new PhoneBrowser(tmp.resolve("browser"), PhoneBrowser.IPHONE_UA)) {
            SendHandle send = sender.send(List.of(small, big), p -> {});
            phone.open(send.pairingCode());
            assertThat(phone.awaitState(WAIT, "ready", "error")).isEqualTo("ready");
            PhoneBrowser.await(
                    WAIT, () -> !phone.all("[data-action=download-direct]").isEmpty(), () -> "a direct offer");
            assertThat(phone.all("[data-action=download]").get(1).isEnabled()).isFalse(); // refused before starting
            assertThat(phone.all(".note.error").get(0).getText())
                    .contains("Too large")
                    .contains("not end-to-end encrypted");
            phone.click("[data-action=download-all]");
            phone.click("[data-action=download-direct]");
            assertThat(phone.awaitState(WAIT, "done", "error")).isEqualTo("done");
            assertThat(TestFiles.sha256(phone.awaitDownload("notes.txt", WAIT))).isEqualTo(TestFiles.sha256(small));
            assertThat(TestFiles.sha256(phone.awaitDownload("film.mp4", WAIT))).isEqualTo(TestFiles.sha256(big));
            assertThat(send.completion().get(60, TimeUnit.SECONDS).state()).isEqualTo(TransferState.DONE);
        }
    }

    @Test
    void downloadAllWithAFileOverTheLimitSaysWhyAndEndsInsteadOfStayingReady() throws Exception {
        Path small = TestFiles.random(tmp.resolve("src/notes.txt"), 1_000, 14);
        TestFiles.random(tmp.resolve("src/film.mp4"), 201_000_000, 15);
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, RelayLimits.defaults()); // standalone: no direct downloads
                QrBeamEngine sender = engine(relay.uri(), "s");
                PhoneBrowser phone = new PhoneBrowser(tmp.resolve("browser"), PhoneBrowser.IPHONE_UA)) {
            SendHandle send = sender.send(List.of(small, tmp.resolve("src/film.mp4")), p -> {});
            phone.open(send.pairingCode());
            assertThat(phone.awaitState(WAIT, "ready", "error")).isEqualTo("ready");
            phone.click("[data-action=download-all]");
            assertThat(phone.awaitState(WAIT, "error", "done")).isEqualTo("error");
            assertThat(phone.status())
                    .contains("Received and verified: notes.txt")
                    .contains("Not received: film.mp4 (201 MB) is too large")
                    .contains("limit 200 MB");
            assertThat(TestFiles.sha256(phone.awaitDownload("notes.txt", WAIT))).isEqualTo(TestFiles.sha256(small));
            TransferProgress end = send.completion().get(30, TimeUnit.SECONDS); // told, it does not wait for ever
            assertThat(end.state()).isEqualTo(TransferState.FAILED);
            assertThat(end.failure().message()).contains("too large");
        }
    }

    @Test
    void wrongSecretGivesAClearErrorAndDoesNotUseUpTheCode() throws Exception {
        TestFiles.random(tmp.resolve("src/x.bin"), 100_000, 3);
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, RelayLimits.defaults());
                QrBeamEngine sender = engine(relay.uri(), "s");
                PhoneBrowser phone = new PhoneBrowser(tmp.resolve("browser"))) {
            SendHandle send = sender.send(List.of(tmp.resolve("src/x.bin")), p -> {});
            String code = send.pairingCode();
            int hash = code.indexOf('#');
            char c = code.charAt(hash + 5);
            String wrong = code.substring(0, hash + 5) + (c == 'A' ? 'B' : 'A') + code.substring(hash + 6);
            phone.open(wrong);
            assertThat(phone.awaitState(WAIT, "error", "ready")).isEqualTo("error");
            assertThat(phone.status()).contains("could not verify this code");
            // the right code still works afterwards: a failed handshake used up nothing
            phone.open("about:blank");
            phone.open(code);
            assertThat(phone.awaitState(WAIT, "ready", "error")).isEqualTo("ready");
            phone.click("[data-action=download]");
            assertThat(phone.awaitState(WAIT, "done", "error")).isEqualTo("done");
            assertThat(TestFiles.sha256(phone.awaitDownload("x.bin", WAIT)))
                    .isEqualTo(TestFiles.sha256(tmp.resolve("src/x.bin")));
        }
    }

    @Test
    void tamperedChunkIsRefusedAndSentAgain() throws Exception {
        Path f = TestFiles.random(tmp.resolve("src/big.bin"), 6_000_000, 4);
        TamperRun run = downloadThroughTamperingProxy(f, 1);
        assertThat(run.state()).isEqualTo("done");
        assertThat(run.corrupted()).isEqualTo(1);
        assertThat(Integer.parseInt(run.refused())).isGreaterThanOrEqualTo(1);
        assertThat(TestFiles.sha256(run.downloads().resolve("big.bin"))).isEqualTo(TestFiles.sha256(f));
    }

    @Test
    void chunksThatKeepFailingEndInAnErrorAndNothingIsSaved() throws Exception {
        Path f = TestFiles.random(tmp.resolve("src/big.bin"), 3_000_000, 5);
        TamperRun run = downloadThroughTamperingProxy(f, Long.MAX_VALUE);
        assertThat(run.state()).isEqualTo("error");
        assertThat(run.status()).contains("integrity check");
        try (var s = Files.list(run.downloads())) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    void aConnectionCutMidDownloadResumesAsTheSameReceiver() throws Exception {
        Path f = TestFiles.random(tmp.resolve("src/long.bin"), 40_000_000, 13);
        throughProxy(f, (proxy, phone, send) -> {
            phone.click("[data-action=download]");
            PhoneBrowser.await(
                    WAIT,
                    () -> Double.parseDouble(phone.all("progress").get(0).getAttribute("value")) > 0,
                    () -> "the first chunks");
            proxy.cutAll(); // both the phone's and the sender's connections drop mid-file
            assertThat(phone.awaitState(WAIT, "done", "error")).isEqualTo("done");
            assertThat(proxy.cuts()).isGreaterThanOrEqualTo(1);
            assertThat(TestFiles.sha256(phone.awaitDownload("long.bin", WAIT))).isEqualTo(TestFiles.sha256(f));
            assertThat(send.completion().get(30, TimeUnit.SECONDS).state()).isEqualTo(TransferState.DONE);
            return null;
        });
    }

    /** What a phone saw downloading {@code f} through a proxy that flips a bit in {@code corruptions} chunk buffers. */
    private record TamperRun(String state, long corrupted, String refused, String status, Path downloads) {}

    private TamperRun downloadThroughTamperingProxy(Path f, long corruptions) throws Exception {
        return throughProxy(f, (proxy, phone, send) -> {
            proxy.corruptLargeDownstream(corruptions);
            phone.click("[data-action=download]");
            String state = phone.awaitState(WAIT, "done", "error");
            if (state.equals("done")) {
                phone.awaitDownload(f.getFileName().toString(), WAIT);
            }
            return new TamperRun(
                    state,
                    proxy.corruptedBuffers(),
                    phone.attribute("data-refused"),
                    phone.status(),
                    phone.downloads());
        });
    }

    /** A step of a test run with the phone and the sender both behind one {@link FaultProxy}. */
    @FunctionalInterface
    private interface ProxiedStep<T> {
        T run(FaultProxy proxy, PhoneBrowser phone, SendHandle send) throws Exception;
    }

    /** Sends {@code f} with the relay behind a fault proxy, opens the code on the phone, then runs {@code step}. */
    private <T> T throughProxy(Path f, ProxiedStep<T> step) throws Exception {
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, RelayLimits.defaults());
                FaultProxy proxy = new FaultProxy(relay.address());
                QrBeamEngine sender = engine(URI.create("ws://127.0.0.1:" + proxy.port() + "/"), "s");
                PhoneBrowser phone = new PhoneBrowser(tmp.resolve("browser"))) {
            SendHandle send = sender.send(List.of(f), p -> {});
            phone.open(send.pairingCode());
            assertThat(phone.awaitState(WAIT, "ready", "error")).isEqualTo("ready");
            return step.run(proxy, phone, send);
        }
    }

    /** Writes docs screenshots (light and dark) when run with {@code -Dqrbeam.screenshots=<dir>}. */
    @Test
    void screenshots() throws Exception {
        String dir = System.getProperty("qrbeam.screenshots");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                dir != null, "set -Dqrbeam.screenshots=<dir> to write screenshots");
        Path out = Path.of(dir).toAbsolutePath();
        TestFiles.random(tmp.resolve("src/Holiday/IMG_2041.jpg"), 4_200_000, 6);
        TestFiles.random(tmp.resolve("src/Holiday/notes.txt"), 2_000, 8);
        TestFiles.random(tmp.resolve("src/Holiday/beach.mov"), 201_000_000, 7);
        try (QrBeamEngine sender = new QrBeamEngine(
                        EngineConfig.defaults().withLoopback(true).withStateDir(tmp.resolve("state-s")),
                        new WireJson(),
                        new SecureRandom());
                PhoneBrowser phone = new PhoneBrowser(tmp.resolve("browser"), PhoneBrowser.IPHONE_UA)) {
            SendHandle send = sender.send(List.of(tmp.resolve("src/Holiday")), p -> {});
            phone.open(send.pairingCode());
            assertThat(phone.awaitState(WAIT, "ready", "error")).isEqualTo("ready");
            PhoneBrowser.await(
                    WAIT, () -> !phone.all("[data-action=download-direct]").isEmpty(), () -> "a direct offer");
            phone.darkMode(false);
            phone.screenshot(out.resolve("phone-receive-light.png"));
            phone.darkMode(true);
            phone.screenshot(out.resolve("phone-receive-dark.png"));
            phone.click("[data-action=download]:not([disabled])");
            PhoneBrowser.await(
                    WAIT,
                    () -> phone.all(".note:not(.error)").stream().anyMatch(e -> e.isDisplayed()),
                    () -> "a received file");
            phone.screenshot(out.resolve("phone-receive-one-saved-dark.png"));
            phone.darkMode(false);
            phone.open("about:blank");
            String code = send.pairingCode();
            phone.open(code.substring(0, code.indexOf('#') + 1) + "A".repeat(43));
            phone.awaitState(WAIT, "error");
            phone.screenshot(out.resolve("phone-error-light.png"));
        }
    }

    private QrBeamEngine engine(URI relay, String name) {
        return new QrBeamEngine(
                EngineConfig.defaults().withRelay(relay).withStateDir(tmp.resolve("state-" + name)),
                new WireJson(),
                new SecureRandom());
    }
}
