package dev.qrbeam.core.phone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.core.api.CodeHandle;
import dev.qrbeam.core.api.EngineConfig;
import dev.qrbeam.core.api.TransferProgress;
import dev.qrbeam.core.api.TransferState;
import dev.qrbeam.core.engine.QrBeamEngine;
import dev.qrbeam.core.testing.TestFiles;
import dev.qrbeam.protocol.json.WireJson;
import dev.qrbeam.relay.Relay;
import dev.qrbeam.relay.RelayHandle;
import dev.qrbeam.relay.core.RelayLimits;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A phone browser (headless Chromium, phone viewport) opening a code-less desktop {@code receive} code and sending
 * files (docs/protocol-transfer.md §6b): the page picks, hashes, sends the manifest and streams chunks; the desktop
 * verifies and places them.
 */
@Timeout(300)
class PhoneSendTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path tmp;

    @Test
    void phoneUploadsTwoFilesToACodeLessReceiveByteIdentical() throws Exception {
        Path photo = TestFiles.random(tmp.resolve("phone/IMG_2041.jpg"), 3_500_000, 1);
        Path note = TestFiles.random(tmp.resolve("phone/note ü.txt"), 10, 2);
        Path out = tmp.resolve("out");
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, RelayLimits.defaults());
                QrBeamEngine desk = engine(relay.uri());
                PhoneBrowser phone = new PhoneBrowser(tmp.resolve("browser"))) {
            CodeHandle receive = openCode(desk, phone, out);
            assertThat(phone.address()).doesNotContain("#");
            send(phone, photo, note);
            assertThat(phone.awaitState(WAIT, "done", "error")).isEqualTo("done");
            assertThat(phone.status()).contains("received and verified");
            TransferProgress p = receive.completion().get(30, TimeUnit.SECONDS);
            assertThat(p.state()).isEqualTo(TransferState.DONE);
            assertThat(TestFiles.sha256(out.resolve("IMG_2041.jpg"))).isEqualTo(TestFiles.sha256(photo));
            assertThat(TestFiles.sha256(out.resolve("note ü.txt"))).isEqualTo(TestFiles.sha256(note));
            try (var s = Files.list(out)) {
                assertThat(s.map(f -> f.getFileName().toString()).toList())
                        .containsExactlyInAnyOrder("IMG_2041.jpg", "note ü.txt"); // no .part left behind
            }
        }
    }

    @Test
    void reloadMidUploadContinuesAndSendsOnlyTheRest() throws Exception {
        long size = 80_000_000;
        Path video = TestFiles.random(tmp.resolve("phone/clip.mov"), size, 3);
        Path out = tmp.resolve("out");
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, RelayLimits.defaults());
                QrBeamEngine desk = engine(relay.uri());
                PhoneBrowser phone = new PhoneBrowser(tmp.resolve("browser"))) {
            CodeHandle receive = openCode(desk, phone, out);
            send(phone, video);
            PhoneBrowser.await(WAIT, () -> receive.progress().bytesDone() > 10_000_000, () -> "10 MB at the desktop");
            long before = receive.progress().bytesDone();
            assertThat(before).isLessThan(size);
            phone.reload();
            assertThat(phone.awaitState(WAIT, "pick", "error")).isEqualTo("pick");
            assertThat(phone.status()).contains("reloaded").contains("clip.mov");
            send(phone, video);
            assertThat(phone.awaitState(WAIT, "done", "error")).isEqualTo("done");
            assertThat(receive.completion().get(30, TimeUnit.SECONDS).state()).isEqualTo(TransferState.DONE);
            assertThat(TestFiles.sha256(out.resolve("clip.mov"))).isEqualTo(TestFiles.sha256(video));
            long sentAfterReload = Long.parseLong(phone.attribute("data-sent"));
            System.out.printf(
                    "reload: the desktop had %d of %d bytes; the reloaded page sent %d%n",
                    before, size, sentAfterReload);
            assertThat(sentAfterReload).isPositive().isLessThanOrEqualTo(size - before); // only what was missing
        }
    }

    @Test
    void aConnectionCutMidUploadResumesLikeAScreenLock() throws Exception {
        Path f = TestFiles.random(tmp.resolve("phone/long.bin"), 40_000_000, 8);
        throughProxy(f, (proxy, phone, receive, out) -> {
            PhoneBrowser.await(WAIT, () -> receive.progress().bytesDone() > 0, () -> "the first bytes at the desktop");
            proxy.cutAll(); // the phone's and the desktop's connections drop mid-file, as when a phone's screen locks
            assertThat(phone.awaitState(WAIT, "done", "error")).isEqualTo("done");
            assertThat(proxy.cuts()).isEqualTo(1);
            assertThat(receive.completion().get(30, TimeUnit.SECONDS).state()).isEqualTo(TransferState.DONE);
            assertThat(TestFiles.sha256(out.resolve("long.bin"))).isEqualTo(TestFiles.sha256(f));
        });
    }

    @Test
    void aTamperedChunkFromThePhoneIsRefusedAndSentAgain() throws Exception {
        Path f = TestFiles.random(tmp.resolve("phone/big.bin"), 6_000_000, 9);
        throughProxy(
                f,
                (proxy, phone, receive, out) -> {
                    assertThat(phone.awaitState(WAIT, "done", "error")).isEqualTo("done");
                    assertThat(proxy.corruptedBuffers()).isEqualTo(1);
                    assertThat(Integer.parseInt(phone.attribute("data-resent"))).isGreaterThanOrEqualTo(1);
                    assertThat(receive.completion().get(30, TimeUnit.SECONDS).state())
                            .isEqualTo(TransferState.DONE);
                    assertThat(TestFiles.sha256(out.resolve("big.bin"))).isEqualTo(TestFiles.sha256(f));
                },
                1);
    }

    @Test
    void chunksThatKeepFailingEndInAnErrorOnBothSidesAndNothingIsPlaced() throws Exception {
        Path f = TestFiles.random(tmp.resolve("phone/big.bin"), 3_000_000, 10);
        throughProxy(
                f,
                (proxy, phone, receive, out) -> {
                    assertThat(phone.awaitState(WAIT, "error", "done")).isEqualTo("error");
                    assertThat(phone.status()).containsAnyOf("failed verification", "kept refusing");
                    assertThat(receive.completion().get(30, TimeUnit.SECONDS).state())
                            .isEqualTo(TransferState.FAILED);
                    assertThat(Files.exists(out.resolve("big.bin"))).isFalse();
                },
                Long.MAX_VALUE);
    }

    /** A step with the phone and the desktop both behind one {@link dev.qrbeam.core.testing.FaultProxy}, sending. */
    @FunctionalInterface
    private interface ProxiedStep {
        void run(dev.qrbeam.core.testing.FaultProxy proxy, PhoneBrowser phone, CodeHandle receive, Path out)
                throws Exception;
    }

    private void throughProxy(Path f, ProxiedStep step) throws Exception {
        throughProxy(f, step, 0);
    }

    /** Opens a code-less receive behind a fault proxy that corrupts {@code corruptions} chunk buffers; picks and sends {@code f}. */
    private void throughProxy(Path f, ProxiedStep step, long corruptions) throws Exception {
        Path out = tmp.resolve("out");
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, RelayLimits.defaults());
                dev.qrbeam.core.testing.FaultProxy proxy = new dev.qrbeam.core.testing.FaultProxy(relay.address());
                QrBeamEngine desk = engine(URI.create("ws://127.0.0.1:" + proxy.port() + "/"));
                PhoneBrowser phone = new PhoneBrowser(tmp.resolve("browser"))) {
            CodeHandle receive = openCode(desk, phone, out);
            proxy.corruptLargeDownstream(corruptions); // chunks reach the desktop downstream through the proxy
            send(phone, f);
            step.run(proxy, phone, receive, out);
        }
    }

    @Test
    void otherFilesPickedAfterAReloadAreRefusedWithTheNamesToPick() throws Exception {
        Path a = TestFiles.random(tmp.resolve("phone/a.bin"), 40_000_000, 4);
        Path other = TestFiles.random(tmp.resolve("phone/other.bin"), 1_000, 5);
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, RelayLimits.defaults());
                QrBeamEngine desk = engine(relay.uri());
                PhoneBrowser phone = new PhoneBrowser(tmp.resolve("browser"))) {
            CodeHandle receive = openCode(desk, phone, tmp.resolve("out"));
            send(phone, a);
            PhoneBrowser.await(WAIT, () -> receive.progress().bytesDone() > 0, () -> "the first bytes at the desktop");
            phone.reload();
            assertThat(phone.awaitState(WAIT, "pick", "error")).isEqualTo("pick");
            send(phone, other);
            PhoneBrowser.await(WAIT, () -> phone.status().contains("Pick exactly these again: a.bin"), phone::status);
            assertThat(phone.state()).isEqualTo("pick");
            assertThat(Files.exists(tmp.resolve("out/other.bin"))).isFalse();
        }
    }

    @Test
    void wrongSecretGivesAClearErrorAndTheCodeStillWorks() throws Exception {
        Path f = TestFiles.random(tmp.resolve("phone/x.bin"), 100_000, 6);
        Path out = tmp.resolve("out");
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, RelayLimits.defaults());
                QrBeamEngine desk = engine(relay.uri());
                PhoneBrowser phone = new PhoneBrowser(tmp.resolve("browser"))) {
            CodeHandle receive = desk.receiveShowingCode(out, p -> {});
            String code = receive.pairingCode();
            int hash = code.indexOf('#');
            char c = code.charAt(hash + 5);
            phone.open(code.substring(0, hash + 5) + (c == 'A' ? 'B' : 'A') + code.substring(hash + 6));
            assertThat(phone.awaitState(WAIT, "error", "pick")).isEqualTo("error");
            assertThat(phone.status()).contains("could not verify this code");
            assertThat(phone.all("[data-action=send]").get(0).isDisplayed()).isFalse();
            phone.open("about:blank");
            phone.open(code);
            assertThat(phone.awaitState(WAIT, "pick", "error")).isEqualTo("pick");
            send(phone, f);
            assertThat(phone.awaitState(WAIT, "done", "error")).isEqualTo("done");
            assertThat(TestFiles.sha256(out.resolve("x.bin"))).isEqualTo(TestFiles.sha256(f));
        }
    }

    /**
     * 300 MB from the phone into a desktop receiver running in its own JVM with {@code -Xmx64m}: it can only finish
     * if it streams (the file is almost five times its whole heap). It prints the peak heap it sampled.
     */
    @Test
    @Timeout(600)
    void a300MbUploadKeepsTheDesktopHeapFlat() throws Exception {
        long size = 300_000_000;
        Path big = TestFiles.random(tmp.resolve("phone/big.mp4"), size, 7);
        Path out = tmp.resolve("out");
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, RelayLimits.defaults());
                PhoneBrowser phone = new PhoneBrowser(tmp.resolve("browser"))) {
            Process desk = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx64m",
                            "-cp",
                            System.getProperty("java.class.path"),
                            PhoneUploadReceiver.class.getName(),
                            relay.uri().toString(),
                            out.toString(),
                            tmp.resolve("state").toString())
                    .redirectErrorStream(true)
                    .start();
            List<String> lines = new ArrayList<>();
            CompletableFuture<String> code = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r =
                        new BufferedReader(new InputStreamReader(desk.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        synchronized (lines) {
                            lines.add(line);
                        }
                        if (line.startsWith("code: ")) {
                            code.complete(line.substring(6));
                        }
                    }
                } catch (java.io.IOException e) {
                    code.completeExceptionally(e);
                }
                code.completeExceptionally(new AssertionError("the receiver printed no code: " + lines));
            });
            reader.start();
            try {
                phone.open(code.get(60, TimeUnit.SECONDS));
                assertThat(phone.awaitState(WAIT, "pick", "error")).isEqualTo("pick");
                send(phone, big);
                assertThat(phone.awaitState(Duration.ofMinutes(8), "done", "error"))
                        .isEqualTo("done");
                assertThat(desk.waitFor(60, TimeUnit.SECONDS)).isTrue();
                reader.join(10_000);
                synchronized (lines) {
                    System.out.println("desktop receiver (-Xmx64m): "
                            + lines.stream().filter(l -> l.startsWith("heap")).toList());
                    assertThat(lines).contains("state: DONE");
                }
                assertThat(desk.exitValue()).isZero();
                assertThat(TestFiles.sha256(out.resolve("big.mp4"))).isEqualTo(TestFiles.sha256(big));
            } finally {
                desk.destroy();
            }
        }
    }

    /** Writes docs screenshots of the send screens (light and dark) when run with {@code -Dqrbeam.screenshots=<dir>}. */
    @Test
    void screenshots() throws Exception {
        String dir = System.getProperty("qrbeam.screenshots");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                dir != null, "set -Dqrbeam.screenshots=<dir> to write screenshots");
        Path shots = Path.of(dir).toAbsolutePath();
        Path photo = TestFiles.random(tmp.resolve("phone/IMG_2041.HEIC"), 3_100_000, 11);
        Path video = TestFiles.random(tmp.resolve("phone/Beach day.mov"), 150_000_000, 12);
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, RelayLimits.defaults());
                QrBeamEngine desk = engine(relay.uri());
                PhoneBrowser phone = new PhoneBrowser(tmp.resolve("browser"), PhoneBrowser.IPHONE_UA)) {
            CodeHandle receive = openCode(desk, phone, tmp.resolve("out"));
            phone.darkMode(false);
            phone.screenshot(shots.resolve("phone-send-pick-light.png"));
            phone.pick(photo, video);
            phone.screenshot(shots.resolve("phone-send-picked-light.png"));
            phone.darkMode(true);
            phone.screenshot(shots.resolve("phone-send-picked-dark.png"));
            phone.click("[data-action=send]");
            PhoneBrowser.await(WAIT, () -> phone.status().contains("/s"), phone::status);
            phone.screenshot(shots.resolve("phone-send-sending-dark.png"));
            phone.darkMode(false);
            phone.screenshot(shots.resolve("phone-send-sending-light.png"));
            assertThat(phone.awaitState(Duration.ofMinutes(5), "done", "error")).isEqualTo("done");
            phone.screenshot(shots.resolve("phone-send-done-light.png"));
        }
    }

    /** Shows a code-less receive into {@code out} and opens its code on the phone, which then waits for files. */
    private static CodeHandle openCode(QrBeamEngine desk, PhoneBrowser phone, Path out) throws Exception {
        CodeHandle receive = desk.receiveShowingCode(out, p -> {});
        phone.open(receive.pairingCode());
        assertThat(phone.awaitState(WAIT, "pick", "error")).isEqualTo("pick");
        return receive;
    }

    /** Picks {@code files} on the phone and taps Send. */
    private static void send(PhoneBrowser phone, Path... files) {
        phone.pick(files);
        phone.click("[data-action=send]");
    }

    private QrBeamEngine engine(URI relay) {
        return new QrBeamEngine(
                EngineConfig.defaults().withRelay(relay).withStateDir(tmp.resolve("state")),
                new WireJson(),
                new SecureRandom());
    }
}
