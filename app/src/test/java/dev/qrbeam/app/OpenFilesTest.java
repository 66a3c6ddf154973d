package dev.qrbeam.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.app.platform.AppPaths;
import dev.qrbeam.app.platform.FxUpdates;
import dev.qrbeam.app.platform.SingleInstance;
import dev.qrbeam.app.shell.Page;
import dev.qrbeam.app.support.AppWindow;
import dev.qrbeam.app.support.Ui;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/** Files reaching the app from outside the window go straight to Send and get a code. */
@Timeout(60)
class OpenFilesTest {
    @TempDir
    Path tmp;

    @RegisterExtension
    final AppWindow app = new AppWindow();

    private Ui.Window window;
    private final FxRobot robot = new FxRobot();

    @BeforeEach
    void open() throws Exception {
        window = app.open(tmp);
        Ui.fxRun(() -> window.app().shell().show(Page.HISTORY));
    }

    private int listed() throws Exception {
        ListView<?> list = Ui.find(window, "send-file-list");
        return Ui.fx(() -> list.getItems().size());
    }

    @Test
    void aSecondLaunchHandsItsFilesToTheRunningWindow() throws Exception {
        Path file = Files.writeString(tmp.resolve("from-second-launch.txt"), "hi");
        AppPaths paths = new AppPaths(app.home());
        try (SingleInstance first = new SingleInstance(paths);
                SingleInstance second = new SingleInstance(paths)) {
            assertThat(first.becomePrimary(
                            files -> FxUpdates.fx(() -> window.app().openFiles(files))))
                    .isTrue();
            assertThat(second.becomePrimary(f -> {})).isFalse();
            assertThat(second.handOff(List.of(file))).isTrue();
            Ui.waitFor(30, () -> !window.app().send().shownCode().isEmpty(), window);
        }
        assertThat(window.app().shell().current()).isEqualTo(Page.SEND);
        assertThat(Ui.decodeQr(Ui.find(window, "send-qr")))
                .contains(window.app().send().shownCode());
        assertThat(listed()).isEqualTo(1);
    }

    @Test
    void filesPastedWithShortcutVGoToSend() throws Exception {
        Path file = Files.writeString(tmp.resolve("pasted.txt"), "hi");
        Ui.fxRun(() -> {
            window.app().shell().show(Page.SEND);
            ClipboardContent content = new ClipboardContent();
            content.putFiles(List.of(file.toFile()));
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        });
        Node page = Ui.find(window, "send-page");
        robot.clickOn(page).press(KeyCode.CONTROL, KeyCode.V).release(KeyCode.V, KeyCode.CONTROL);
        Ui.waitFor(30, () -> !window.app().send().shownCode().isEmpty(), window);
        assertThat(listed()).isEqualTo(1);
    }

    @Test
    void removingTheLastFileWithdrawsTheCode() throws Exception {
        Path a = Files.writeString(tmp.resolve("a.txt"), "a");
        Ui.fxRun(() -> window.app().openFiles(List.of(a)));
        Ui.waitFor(30, () -> !window.app().send().shownCode().isEmpty(), window);
        String withdrawn = window.app().send().shownCode();
        robot.clickOn((Node) Ui.find(window, "send-clear"));
        Node dropZone = Ui.find(window, "send-drop-zone");
        Ui.waitFor(10, dropZone::isVisible, window);
        assertThat(listed()).isZero();
        assertThat(new File(tmp.toFile(), "a.txt")).exists();

        // the withdrawn code no longer admits anyone: the receiver gets a sentence, not a transfer
        Path dest = tmp.resolve("downloads");
        Ui.fxRun(() -> {
            window.app().receive().setDestination(dest);
            window.app().shell().show(Page.RECEIVE);
            window.app().receive().receiveCode(withdrawn);
        });
        javafx.scene.control.Label error = Ui.find(window, "receive-error");
        Ui.waitFor(30, error::isVisible, window);
        assertThat(Ui.<String>fx(error::getText)).doesNotStartWith("!").endsWith(".");
        assertThat((Node) Ui.find(window, "receive-transfer")).matches(n -> !n.isVisible());
        assertThat(window.app().historyStore().entries()).isEmpty();
    }
}
