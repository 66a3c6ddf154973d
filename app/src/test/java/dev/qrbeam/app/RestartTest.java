package dev.qrbeam.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.app.history.Direction;
import dev.qrbeam.app.history.HistoryEntry;
import dev.qrbeam.app.history.Outcome;
import dev.qrbeam.app.settings.RelayChoice;
import dev.qrbeam.app.shell.Page;
import dev.qrbeam.app.support.Engines;
import dev.qrbeam.app.support.Ui;
import dev.qrbeam.app.theme.ThemeMode;
import dev.qrbeam.core.api.TransferState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/** What a user set and did is still there after the app restarts. */
@Timeout(120)
class RestartTest {
    @TempDir
    Path tmp;

    private final FxRobot robot = new FxRobot();
    private final List<Ui.Window> open = new ArrayList<>();
    private final List<Engines> relays = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (Ui.Window w : open) {
            w.close();
        }
        relays.forEach(Engines::close);
    }

    private Ui.Window window(String name, Engines engines, double x) throws Exception {
        Path home = tmp.resolve(name);
        Ui.Window w = Ui.open(home, engines.factory(home), x);
        open.add(w);
        engines.configure(w);
        return w;
    }

    private Path file(String name, int size) throws Exception {
        byte[] data = new byte[size];
        new Random(7).nextBytes(data);
        Files.createDirectories(tmp.resolve("src"));
        return Files.write(tmp.resolve("src").resolve(name), data);
    }

    /** Two windows on a throttled relay, a 24 MB file half-way: the receiver has bytes, the transfer runs on. */
    private record SlowTransfer(
            Engines engines, Ui.Window sender, Ui.Window receiver, Path dest, Path src, String code) {}

    private SlowTransfer slowTransfer() throws Exception {
        Engines engines = Engines.throttled();
        relays.add(engines);
        Ui.Window sender = window("sender", engines, 0);
        Ui.Window receiver = window("receiver", engines, 1080);
        Path dest = tmp.resolve("downloads");
        Path src = file("movie.mkv", 24_000_000);
        engines.slow();
        Ui.fxRun(() -> receiver.app().receive().setDestination(dest));
        Ui.dropFiles(Ui.find(sender, "send-drop-zone"), List.of(src));
        Ui.waitFor(30, () -> !sender.app().send().shownCode().isEmpty());
        String code = Ui.fx(() -> sender.app().send().shownCode());
        Ui.fxRun(() -> receiver.app().receive().receiveCode(code));
        Ui.waitFor(
                60,
                () -> receiver.app().receive().lastProgress() != null
                        && receiver.app().receive().lastProgress().bytesDone() > 0,
                sender,
                receiver);
        return new SlowTransfer(engines, sender, receiver, dest, src, code);
    }

    /** Closes {@code w} mid-transfer, lets the relay run at full speed, and opens the same app (same home) again. */
    private Ui.Window quitAndRestart(Ui.Window w, String name, Engines engines, double x) throws Exception {
        w.close();
        open.remove(w);
        engines.release();
        return window(name, engines, x);
    }

    /** Clicks History's Resume of {@code entry}, as a user would. */
    private void clickResume(Ui.Window w, HistoryEntry entry) throws Exception {
        Ui.fxRun(() -> w.app().shell().show(Page.HISTORY));
        Ui.fxRun(() -> w.stage().toFront());
        Node resume = Ui.find(w, "history-resume-" + entry.id());
        robot.clickOn(resume);
    }

    @Test
    void settingsAndHistorySurviveARestart() throws Exception {
        Engines engines = Engines.embedded();
        Ui.Window sender = window("sender", engines, 0);
        Ui.Window receiver = window("receiver", engines, 1080);
        Path dest = tmp.resolve("my downloads");
        Path src = file("report.pdf", 300_000);
        Ui.fxRun(() -> receiver.app().receive().setDestination(dest));
        Ui.dropFiles(Ui.find(sender, "send-drop-zone"), List.of(src));
        Ui.waitFor(30, () -> !sender.app().send().shownCode().isEmpty());
        Ui.fxRun(() -> receiver.app().receive().receiveCode(sender.app().send().shownCode()));
        Ui.waitFor(
                60,
                () -> receiver.app().receive().lastProgress() != null
                        && receiver.app().receive().lastProgress().state() == TransferState.DONE,
                sender,
                receiver);

        // change settings through the Settings page, as a user would
        Ui.fxRun(() -> sender.stage().toFront());
        robot.clickOn((Node) Ui.find(sender, "nav-settings"));
        robot.clickOn((Node) Ui.find(sender, "settings-relay-url"));
        robot.clickOn((Node) Ui.find(sender, "settings-relay-url-field"))
                .write("wss://relay.example.org/prod")
                .type(KeyCode.ENTER);
        ComboBox<ThemeMode> theme = Ui.find(sender, "settings-theme");
        Ui.fxRun(() -> theme.setValue(ThemeMode.DARK));
        Ui.waitFor(
                10,
                () -> sender.app().settings().current().relay() == RelayChoice.URL
                        && sender.app().settings().current().theme() == ThemeMode.DARK);
        Ui.waitFor(
                10,
                () -> sender.app().historyStore().entries().size() == 1
                        && receiver.app().historyStore().entries().size() == 1);
        sender.close();
        receiver.close();
        open.clear();

        Ui.Window sender2 = window("sender", engines, 0);
        Ui.Window receiver2 = window("receiver", engines, 1080);
        Ui.fxRun(() -> sender2.app().shell().show(Page.SETTINGS));
        RadioButton url = Ui.find(sender2, "settings-relay-url");
        TextField urlField = Ui.find(sender2, "settings-relay-url-field");
        assertThat(Ui.fx(url::isSelected)).isTrue();
        assertThat(Ui.<String>fx(urlField::getText)).isEqualTo("wss://relay.example.org/prod");
        assertThat(Ui.fx(((ComboBox<ThemeMode>) Ui.find(sender2, "settings-theme"))::getValue))
                .isEqualTo(ThemeMode.DARK);
        Ui.fxRun(() -> receiver2.app().shell().show(Page.RECEIVE));
        Label destination = Ui.find(receiver2, "receive-destination");
        assertThat(Ui.<String>fx(destination::getText)).isEqualTo(dest.toString());

        Ui.fxRun(() -> sender2.app().shell().show(Page.HISTORY));
        TableView<HistoryEntry> sent = Ui.find(sender2, "history-table");
        List<HistoryEntry> rows = Ui.fx(() -> List.copyOf(sent.getItems()));
        assertThat(rows).singleElement().satisfies(e -> {
            assertThat(e.direction()).isEqualTo(Direction.SENT);
            assertThat(e.outcome()).isEqualTo(Outcome.DONE);
            assertThat(e.files()).containsExactly("report.pdf");
            assertThat(e.totalBytes()).isEqualTo(300_000);
        });
        assertThat(receiver2.app().historyStore().entries()).singleElement().satisfies(e -> {
            assertThat(e.direction()).isEqualTo(Direction.RECEIVED);
            assertThat(e.outcome()).isEqualTo(Outcome.DONE);
            assertThat(e.resumeCode()).isNull();
        });
    }

    @Test
    void anInterruptedReceiveIsResumedFromHistoryAfterARestart() throws Exception {
        SlowTransfer t = slowTransfer();
        Engines engines = t.engines();
        Ui.Window sender = t.sender();
        Ui.Window receiver = t.receiver();
        Path dest = t.dest();
        Path src = t.src();
        Ui.waitFor(10, () -> !receiver.app().historyStore().entries().isEmpty());

        Ui.Window again = quitAndRestart(receiver, "receiver", engines, 1080); // the receiving app quits mid-transfer
        HistoryEntry interrupted = again.app().historyStore().entries().get(0);
        assertThat(interrupted.resumable()).isTrue();
        clickResume(again, interrupted);

        Ui.waitFor(
                90,
                () -> again.app().receive().lastProgress() != null
                        && again.app().receive().lastProgress().state().isTerminal(),
                sender,
                again);
        assertThat(again.app().receive().lastProgress().state()).isEqualTo(TransferState.DONE);
        assertThat(dest.resolve("movie.mkv")).hasSameBinaryContentAs(src);
        Ui.waitFor(
                10,
                () -> again.app().historyStore().entries().size() == 1
                        && again.app().historyStore().entries().get(0).outcome() == Outcome.DONE);
    }

    @Test
    void anInterruptedSendIsResumedFromHistoryAfterARestart() throws Exception {
        SlowTransfer t = slowTransfer();
        Engines engines = t.engines();
        Ui.Window sender = t.sender();
        Ui.Window receiver = t.receiver();
        Path dest = t.dest();
        Path src = t.src();
        String code = t.code();
        Ui.waitFor(10, () -> !sender.app().historyStore().entries().isEmpty());

        Ui.Window again = quitAndRestart(sender, "sender", engines, 0); // the sending app quits mid-transfer
        HistoryEntry interrupted = again.app().historyStore().entries().get(0);
        assertThat(interrupted.direction()).isEqualTo(Direction.SENT);
        assertThat(interrupted.resumable()).isTrue();
        clickResume(again, interrupted);

        Ui.waitFor(
                30,
                () -> again.app().shell().current() == Page.SEND
                        && code.equals(again.app().send().shownCode()),
                again);
        Ui.waitFor(
                90,
                () -> receiver.app().receive().lastProgress() != null
                        && receiver.app().receive().lastProgress().state().isTerminal(),
                again,
                receiver);
        assertThat(receiver.app().receive().lastProgress().state()).isEqualTo(TransferState.DONE);
        assertThat(dest.resolve("movie.mkv")).hasSameBinaryContentAs(src);
        Ui.waitFor(
                10,
                () -> again.app().historyStore().entries().size() == 1
                        && again.app().historyStore().entries().get(0).outcome() == Outcome.DONE,
                again);
    }
}
