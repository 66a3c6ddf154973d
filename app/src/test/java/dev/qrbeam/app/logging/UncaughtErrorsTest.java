package dev.qrbeam.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.app.support.AppWindow;
import dev.qrbeam.app.support.Ui;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** An exception nobody caught is logged into the data folder's log file and the window says so in a sentence. */
@Timeout(60)
class UncaughtErrorsTest {
    @TempDir
    Path tmp;

    @RegisterExtension
    final AppWindow app = new AppWindow();

    private Ui.Window window;

    @Test
    void anExceptionThrownByAButtonHandlerIsShownAndLogged() throws Exception {
        window = app.open(tmp);
        Path home = app.home();
        HBox bar = Ui.find(window, "app-problem");
        assertThat(Ui.fx(bar::isVisible)).isFalse();
        Button clear = Ui.find(window, "send-clear");
        Ui.fxRun(() -> clear.addEventHandler(ActionEvent.ACTION, e -> {
            throw new IllegalStateException("handler broke: marker-7f3a");
        }));

        Platform.runLater(clear::fire); // as a click does: the exception leaves the FX event dispatch uncaught

        Ui.waitFor(20, bar::isVisible, window);
        Label text = Ui.find(window, "app-problem-text");
        Path log = AppLog.fileIn(home);
        assertThat(Ui.<String>fx(text::getText))
                .startsWith("Something unexpected went wrong inside QRBeam")
                .contains(log.toString());
        Ui.waitFor(20, () -> logContains(log, "marker-7f3a"));
        assertThat(Files.readString(log))
                .contains("uncaught exception on thread JavaFX Application Thread")
                .contains("java.lang.IllegalStateException: handler broke: marker-7f3a")
                .contains("at dev.qrbeam.app.logging.UncaughtErrorsTest");
    }

    @Test
    void anExceptionOnAnotherThreadIsShownAndLogged() throws Exception {
        window = app.open(tmp);
        Path home = app.home();
        HBox bar = Ui.find(window, "app-problem");
        Thread worker = new Thread(
                () -> {
                    throw new IllegalArgumentException("worker broke: marker-91c2");
                },
                "qrbeam-test-worker");
        worker.start();
        worker.join(10_000);

        Ui.waitFor(20, bar::isVisible, window);
        Path log = AppLog.fileIn(home);
        Ui.waitFor(20, () -> logContains(log, "marker-91c2"));
        assertThat(Files.readString(log)).contains("uncaught exception on thread qrbeam-test-worker");
        Button dismiss = Ui.find(window, "app-problem-dismiss");
        Ui.fxRun(dismiss::fire);
        assertThat(Ui.fx(bar::isVisible)).isFalse();
    }

    private static boolean logContains(Path log, String text) {
        try {
            return Files.exists(log) && Files.readString(log).contains(text);
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
