package dev.qrbeam.app.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.app.desktop.DesktopServices;
import dev.qrbeam.app.notify.LibnotifyNotifier;
import dev.qrbeam.app.notify.Notifier;
import dev.qrbeam.app.support.Engines;
import dev.qrbeam.app.support.HeadlessTray;
import dev.qrbeam.app.support.NotificationDaemon;
import dev.qrbeam.app.support.Ui;
import dev.qrbeam.app.theme.OsThemeWatcher;
import dev.qrbeam.app.tray.TrayPort;
import dev.qrbeam.core.api.TransferState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Node;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * Closing the sending window while a transfer runs (real engine, real relay behind a throttling proxy on
 * 127.0.0.1, a second window receiving): the question, and what each answer does.
 */
@Timeout(150)
class CloseDuringTransferTest {
    @TempDir
    Path tmp;

    private final FxRobot robot = new FxRobot();
    private final AtomicInteger exits = new AtomicInteger();
    private final HeadlessTray tray = new HeadlessTray();
    private Engines engines;
    private Ui.Window sender;
    private Ui.Window receiver;

    private void open(TrayPort trayPort, Notifier notifier) throws Exception {
        engines = Engines.throttled();
        DesktopServices desktop = new DesktopServices(notifier, trayPort, OsThemeWatcher.NONE, exits::incrementAndGet);
        sender = Ui.open(tmp.resolve("sender-home"), engines.factory(tmp.resolve("sender-home")), 0, desktop);
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

    /** Starts a slowed-down 24 MB transfer and waits until data moves. */
    private Path startSlowTransfer() throws Exception {
        byte[] data = new byte[24_000_000];
        new Random(7).nextBytes(data);
        Path big = Files.write(Files.createDirectories(tmp.resolve("out")).resolve("big.bin"), data);
        Path dest = tmp.resolve("downloads");
        Ui.fxRun(() -> receiver.app().receive().setDestination(dest));
        engines.slow();
        Ui.dropFiles(Ui.find(sender, "send-drop-zone"), List.of(big));
        Ui.waitFor(30, () -> !sender.app().send().shownCode().isEmpty());
        String code = Ui.decodeQr(Ui.find(sender, "send-qr")).orElseThrow();
        Ui.fxRun(() -> receiver.app().shell().show(dev.qrbeam.app.shell.Page.RECEIVE));
        Ui.fxRun(() -> receiver.stage().toFront());
        TextField field = Ui.find(receiver, "receive-code");
        robot.clickOn(field).write(code).type(KeyCode.ENTER);
        Ui.waitFor(
                60,
                () -> receiver.app().receive().lastProgress() != null
                        && receiver.app().receive().lastProgress().bytesDone() > 0
                        && sender.app().activity().anyRunning(),
                sender,
                receiver);
        return dest;
    }

    private WindowLifecycle lifecycle() {
        return sender.app().windowDesktop().lifecycle();
    }

    /** The window's close button, as the window manager sends it. */
    private void pressClose() throws Exception {
        Ui.fxRun(() -> sender.stage().fireEvent(new WindowEvent(sender.stage(), WindowEvent.WINDOW_CLOSE_REQUEST)));
    }

    private void answer(String buttonId) throws Exception {
        Ui.waitFor(
                10, () -> lifecycle().asking() != null && lifecycle().asking().isShowing());
        Node button = Ui.fx(() -> lifecycle().asking().getDialogPane().lookup("#" + buttonId));
        robot.clickOn(button);
        Ui.waitFor(10, () -> lifecycle().asking() == null);
    }

    private TransferState received() {
        var p = receiver.app().receive().lastProgress();
        return p == null ? null : p.state();
    }

    @Test
    void keepRunningHidesTheWindowIntoTheTrayAndTheTransferCompletes() throws Exception {
        open(tray, Notifier.NONE);
        Path dest = startSlowTransfer();
        pressClose();
        String body = Ui.fx(() -> lifecycle().asking().getContentText());
        assertThat(body).contains("system tray");
        answer(CloseDialog.KEEP_ID);

        assertThat(Ui.fx(() -> sender.stage().isShowing())).as("window hidden").isFalse();
        assertThat(lifecycle().mode()).isEqualTo(WindowLifecycle.Mode.TRAY);
        assertThat(tray.shown()).as("tray icon up").isNotNull();
        Ui.waitFor(20, () -> tray.shown().statusProperty().get().matches("Sending · \\d+ % of 24\\.0 MB"));

        engines.release();
        Ui.waitFor(90, () -> received() == TransferState.DONE, receiver);
        assertThat(dest.resolve("big.bin"))
                .hasSameBinaryContentAs(tmp.resolve("out").resolve("big.bin"));
        Ui.waitFor(
                20,
                () -> tray.shown() != null
                        && tray.shown().statusProperty().get().startsWith("Sent 1 file"));
        assertThat(exits.get()).as("the app kept running").isZero();

        Ui.fxRun(() -> tray.shown().show());
        assertThat(Ui.fx(() -> sender.stage().isShowing()))
                .as("Show brings the window back")
                .isTrue();
        assertThat(tray.shown()).as("tray icon gone with the window back").isNull();
        assertThat(lifecycle().mode()).isEqualTo(WindowLifecycle.Mode.WINDOW);
    }

    @Test
    void cancelInTheQuestionCancelsTheTransferOnBothSidesAndQuits() throws Exception {
        open(tray, Notifier.NONE);
        Path dest = startSlowTransfer();
        pressClose();
        answer(CloseDialog.CANCEL_ID);
        Ui.waitFor(60, () -> received() == TransferState.CANCELLED, receiver);
        Ui.waitFor(20, () -> exits.get() == 1);
        assertThat(Ui.fx(() -> sender.stage().isShowing())).isFalse();
        assertThat(dest.resolve("big.bin")).doesNotExist();
        assertThat(tray.shown()).isNull();
    }

    @Test
    void goBackChangesNothing() throws Exception {
        open(tray, Notifier.NONE);
        startSlowTransfer();
        pressClose();
        answer(CloseDialog.BACK_ID);
        assertThat(Ui.fx(() -> sender.stage().isShowing())).isTrue();
        assertThat(lifecycle().mode()).isEqualTo(WindowLifecycle.Mode.WINDOW);
        assertThat(tray.shown()).isNull();
        assertThat(received()).isIn(TransferState.PAIRING, TransferState.TRANSFERRING);
        engines.release();
        Ui.waitFor(90, () -> received() == TransferState.DONE, receiver);
        assertThat(exits.get()).isZero();
    }

    @Test
    void withoutATrayTheQuestionSaysSoAndKeepRunningMinimisesTheWindow() throws Exception {
        open(TrayPort.NONE, Notifier.NONE);
        startSlowTransfer();
        pressClose();
        String body = Ui.fx(() -> lifecycle().asking().getContentText());
        assertThat(body).contains("no system tray").contains("minimised");
        answer(CloseDialog.KEEP_ID);
        assertThat(lifecycle().mode()).isEqualTo(WindowLifecycle.Mode.MINIMISED);
        assertThat(Ui.fx(() -> sender.stage().isIconified())).isTrue();
        engines.release();
        Ui.waitFor(90, () -> received() == TransferState.DONE, receiver);
        assertThat(exits.get()).isZero();
    }

    @Test
    void quitFromTheTrayWhileTheTransferRunsAsksOnceThenStopsIt() throws Exception {
        open(tray, Notifier.NONE);
        startSlowTransfer();
        pressClose();
        answer(CloseDialog.KEEP_ID);
        Ui.fxRun(() -> tray.shown().quit());
        answer(QuitDialog.QUIT_ID);
        Ui.waitFor(60, () -> received() == TransferState.CANCELLED, receiver);
        Ui.waitFor(20, () -> exits.get() == 1);
        assertThat(tray.shown()).isNull();
    }

    @Test
    void closingWithNothingRunningQuitsWithoutAsking() throws Exception {
        open(tray, Notifier.NONE);
        pressClose();
        Ui.waitFor(10, () -> exits.get() == 1);
        assertThat(lifecycle().asking()).isNull();
        assertThat(Ui.fx(() -> sender.stage().isShowing())).isFalse();
    }

    @Test
    void aTransferFinishingInTheBackgroundRaisesOneDesktopNotification() throws Exception {
        try (NotificationDaemon daemon = NotificationDaemon.start(tmp.resolve("bus"))) {
            open(tray, new LibnotifyNotifier("notify-send", daemon.environment(), null));
            startSlowTransfer();
            pressClose();
            answer(CloseDialog.KEEP_ID);
            engines.release();
            Ui.waitFor(90, () -> received() == TransferState.DONE, receiver);
            daemon.waitUntil(30, () -> daemon.calls().contains("string \"Files sent\""));
            assertThat(daemon.calls()).contains("The other computer has all 1 file (24.0 MB), verified.");
            daemon.waitUntil(10, () -> daemon.displayed() >= 1);
            daemon.click();
            Ui.waitFor(20, () -> sender.stage().isShowing());
            assertThat(lifecycle().mode()).isEqualTo(WindowLifecycle.Mode.WINDOW);
            assertThat(daemon.calls().split("string \"Files sent\"", -1))
                    .as("one notification for the outcome")
                    .hasSize(2);
            assertThat(daemon.calls().split("string \"Receiver connected\"", -1).length)
                    .as("at most one for the receiver")
                    .isLessThanOrEqualTo(2);
        }
    }
}
