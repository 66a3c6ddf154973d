package dev.qrbeam.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.app.history.Outcome;
import dev.qrbeam.app.support.Engines;
import dev.qrbeam.app.support.Ui;
import dev.qrbeam.core.api.TransferState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/** Send in one window, receive in a second window of the same JVM, through the test engines. */
@Timeout(120)
class TransferFlowTest {
    @TempDir
    Path tmp;

    private Engines engines;
    private Ui.Window sender;
    private Ui.Window receiver;
    private final FxRobot robot = new FxRobot();

    private void open(Engines e) throws Exception {
        engines = e;
        sender = Ui.open(tmp.resolve("sender-home"), engines.factory(tmp.resolve("sender-home")), 0);
        receiver = Ui.open(tmp.resolve("receiver-home"), engines.factory(tmp.resolve("receiver-home")), 1080);
        engines.configure(sender);
        engines.configure(receiver);
    }

    @AfterEach
    void close() throws Exception {
        if (engines != null) {
            engines.release();
        }
        if (sender != null) {
            sender.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        if (engines != null) {
            engines.close();
        }
    }

    private Path file(String name, int size) throws Exception {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        Path p = tmp.resolve("out").resolve(name);
        Files.createDirectories(p.getParent());
        return Files.write(p, data);
    }

    /** Drops files on Send, reads the code off the QR node, types it into Receive and presses Enter. */
    private Path startTransfer(List<Path> files) throws Exception {
        Path dest = tmp.resolve("downloads");
        Ui.fxRun(() -> receiver.app().receive().setDestination(dest));
        Ui.dropFiles(Ui.find(sender, "send-drop-zone"), files);
        Ui.waitFor(30, () -> !sender.app().send().shownCode().isEmpty());
        String code = Ui.decodeQr(Ui.find(sender, "send-qr")).orElseThrow();
        Ui.fxRun(() -> receiver.app().shell().show(dev.qrbeam.app.shell.Page.RECEIVE));
        Ui.fxRun(() -> receiver.stage().toFront());
        TextField field = Ui.find(receiver, "receive-code");
        robot.clickOn(field).write(code).type(KeyCode.ENTER);
        return dest;
    }

    private static String text(Ui.Window w, String id) throws Exception {
        Label l = Ui.find(w, id);
        return Ui.fx(l::getText);
    }

    @Test
    void codeFromTheQrReceivesByteIdenticalFilesAndBothSidesShowDone() throws Exception {
        open(Engines.embedded());
        Path a = file("photo.jpg", 700_000);
        Path b = file("notes.txt", 1234);
        Path dest = startTransfer(List.of(a, b));

        Ui.waitFor(
                60,
                () -> state(receiver) == TransferState.DONE && "Done".equals(safeText(sender, "send-state")),
                sender,
                receiver);
        assertThat(dest.resolve("photo.jpg")).hasSameBinaryContentAs(a);
        assertThat(dest.resolve("notes.txt")).hasSameBinaryContentAs(b);
        assertThat(text(receiver, "receive-state")).isEqualTo("Done");
        assertThat(text(sender, "send-state")).isEqualTo("Done");
        assertThat(text(receiver, "receive-summary")).startsWith("Received 2 files");
        assertThat(text(sender, "send-summary")).startsWith("Sent 2 files");
        Node openFolder = Ui.find(receiver, "receive-open-folder");
        assertThat(Ui.fx(openFolder::isVisible)).isTrue();
        Ui.fxRun(() -> receiver.stage().toFront());
        robot.clickOn(openFolder);
        robot.clickOn((Node) Ui.find(receiver, "receive-show-file"));
        Ui.waitFor(10, () -> receiver.opener().opened.size() == 2);
        assertThat(receiver.opener().opened.get(0)).isEqualTo(dest.toAbsolutePath());
        assertThat(receiver.opener().opened.get(1)).isIn(dest.resolve("photo.jpg"), dest.resolve("notes.txt"));
        Ui.waitFor(
                10,
                () -> receiver.app().historyStore().entries().stream().anyMatch(e -> e.outcome() == Outcome.DONE)
                        && sender.app().historyStore().entries().stream().anyMatch(e -> e.outcome() == Outcome.DONE));
    }

    @Test
    void aPictureOfTheQrCodeOpenedInReceiveStartsTheTransfer() throws Exception {
        open(Engines.embedded());
        Path a = file("scan-me.bin", 200_000);
        Path dest = tmp.resolve("downloads");
        Ui.fxRun(() -> receiver.app().receive().setDestination(dest));
        Ui.dropFiles(Ui.find(sender, "send-drop-zone"), List.of(a));
        Ui.waitFor(30, () -> !sender.app().send().shownCode().isEmpty());
        Node qr = Ui.find(sender, "send-qr");
        Path picture = tmp.resolve("photo-of-screen.png");
        javax.imageio.ImageIO.write(
                javafx.embed.swing.SwingFXUtils.fromFXImage(Ui.fx(() -> qr.snapshot(null, null)), null),
                "png",
                picture.toFile());
        Ui.fxRun(() -> receiver.app().shell().show(dev.qrbeam.app.shell.Page.RECEIVE));
        Ui.fxRun(() -> receiver.app().receive().decodeImage(picture));
        Ui.waitFor(60, () -> state(receiver) == TransferState.DONE, sender, receiver);
        assertThat(dest.resolve("scan-me.bin")).hasSameBinaryContentAs(a);
    }

    @Test
    void cancelOnTheSenderShowsCancelledOnBothAndLeavesNoCompleteFile() throws Exception {
        cancelMidTransfer(true);
    }

    @Test
    void cancelOnTheReceiverShowsCancelledOnBothAndLeavesNoCompleteFile() throws Exception {
        cancelMidTransfer(false);
    }

    private void cancelMidTransfer(boolean onSender) throws Exception {
        open(Engines.throttled());
        Ui.Window side = onSender ? sender : receiver;
        String button = onSender ? "send-cancel" : "receive-cancel";
        Path big = file("big.bin", 24_000_000);
        engines.slow();
        Path dest = startTransfer(List.of(big));
        Ui.waitFor(
                60,
                () -> receiver.app().receive().lastProgress() != null
                        && receiver.app().receive().lastProgress().bytesDone() > 0,
                sender,
                receiver);
        Ui.fxRun(() -> side.stage().toFront());
        Node b = Ui.find(side, button);
        robot.clickOn(b);
        Ui.waitFor(
                60,
                () -> state(receiver) == TransferState.CANCELLED && "Cancelled".equals(safeText(sender, "send-state")),
                sender,
                receiver);
        assertThat(text(receiver, "receive-state")).isEqualTo("Cancelled");
        assertThat(text(onSender ? receiver : sender, onSender ? "receive-summary" : "send-failure"))
                .isEqualTo("The other side cancelled the transfer.");
        assertThat(dest.resolve("big.bin")).doesNotExist();
        if (Files.exists(dest)) {
            try (Stream<Path> all = Files.walk(dest)) {
                assertThat(all.filter(Files::isRegularFile)
                                .filter(p -> p.getFileName().toString().equals("big.bin")))
                        .isEmpty();
            }
        }
        Node openFolder = Ui.find(receiver, "receive-open-folder");
        assertThat(Ui.fx(openFolder::isVisible)).isFalse();
    }

    private static TransferState state(Ui.Window w) {
        var p = w.app().receive().lastProgress();
        return p == null ? null : p.state();
    }

    private static String safeText(Ui.Window w, String id) {
        Label l = (Label) w.stage().getScene().lookup("#" + id);
        return l == null ? null : l.getText();
    }
}
