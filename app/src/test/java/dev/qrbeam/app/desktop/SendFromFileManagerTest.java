package dev.qrbeam.app.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.app.platform.AppPaths;
import dev.qrbeam.app.platform.FxUpdates;
import dev.qrbeam.app.platform.SingleInstance;
import dev.qrbeam.app.shell.Page;
import dev.qrbeam.app.support.Engines;
import dev.qrbeam.app.support.Ui;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * "Send with QRBeam" from a file manager while the app runs: the launch hands its files over (the real
 * single-instance hand-over), they show on Send, and a code is made only after the user's click.
 */
@Timeout(90)
class SendFromFileManagerTest {
    @TempDir
    Path tmp;

    private Ui.Window window;
    private final FxRobot robot = new FxRobot();

    @BeforeEach
    void open() throws Exception {
        Path home = tmp.resolve("home");
        window = Ui.open(home, Engines.embedded().factory(home), 0, DesktopServices.none());
        Ui.fxRun(() -> window.app().shell().show(Page.HISTORY));
    }

    @AfterEach
    void close() throws Exception {
        window.close();
    }

    @Test
    void handedOverFilesWaitForTheUsersClickThenGetACode() throws Exception {
        Path a = Files.writeString(tmp.resolve("report.pdf"), "pdf");
        Path folder = Files.createDirectories(tmp.resolve("Holiday photos"));
        Files.writeString(folder.resolve("beach.jpg"), "jpg");
        AppPaths paths = new AppPaths(tmp.resolve("home"));
        try (SingleInstance running = new SingleInstance(paths);
                SingleInstance launched = new SingleInstance(paths)) {
            assertThat(new InstanceHandOver(running, 0)
                            .start(
                                    List.of(),
                                    f -> FxUpdates.fx(() -> window.app().offerFiles(f))))
                    .isEqualTo(InstanceHandOver.Result.PRIMARY);
            assertThat(new InstanceHandOver(launched, 5000).start(List.of(a, folder), f -> {}))
                    .isEqualTo(InstanceHandOver.Result.HANDED_OFF);
        }
        Node bar = Ui.find(window, "incoming-bar");
        Ui.waitFor(20, bar::isVisible, window);
        assertThat(window.app().shell().current()).isEqualTo(Page.SEND);
        Label text = Ui.find(window, "incoming-text");
        assertThat(Ui.fx(text::getText))
                .isEqualTo("Send these 2 items from another program? report.pdf, Holiday photos");
        assertThat(window.app().send().shownCode())
                .as("no code before the click")
                .isEmpty();
        ListView<?> list = Ui.find(window, "send-file-list");
        assertThat(Ui.fx(() -> list.getItems().size())).isZero();

        robot.clickOn((Node) Ui.find(window, "incoming-confirm"));
        Ui.waitFor(30, () -> !window.app().send().shownCode().isEmpty(), window);
        assertThat(Ui.decodeQr(Ui.find(window, "send-qr")))
                .contains(window.app().send().shownCode());
        assertThat(Ui.fx(() -> list.getItems().size())).isEqualTo(2);
        assertThat(Ui.fx(bar::isVisible)).isFalse();
    }

    @Test
    void dismissDropsTheHandedOverFilesAndMakesNoCode() throws Exception {
        Path a = Files.writeString(tmp.resolve("secret.txt"), "do not send");
        Ui.fxRun(() -> window.app().offerFiles(List.of(a)));
        Node bar = Ui.find(window, "incoming-bar");
        Ui.waitFor(20, bar::isVisible, window);
        robot.clickOn((Node) Ui.find(window, "incoming-dismiss"));
        Ui.waitFor(10, () -> !bar.isVisible());
        assertThat(window.app().send().shownCode()).isEmpty();
        assertThat(window.app().pendingFiles().files()).isEmpty();
    }

    /**
     * The question named no file in the installed app: the bar listened on a read-only wrapper made per call,
     * which the garbage collector took, so later hand-overs never updated the text (nor focused "Send").
     */
    @Test
    void theQuestionStillNamesTheFilesAfterAGarbageCollection() throws Exception {
        java.lang.ref.WeakReference<Object> sentinel = new java.lang.ref.WeakReference<>(new Object());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (sentinel.get() != null && System.nanoTime() < deadline) {
            System.gc();
        }
        Path a = Files.writeString(tmp.resolve("after-gc.txt"), "x");
        Ui.fxRun(() -> window.app().offerFiles(List.of(a)));
        Label text = Ui.find(window, "incoming-text");
        Ui.waitFor(10, () -> text.getText().endsWith("after-gc.txt"), window);
        assertThat(Ui.fx(text::getText)).isEqualTo("Send this item from another program? after-gc.txt");
    }

    /**
     * Windows Explorer starts one process per selected file: launches racing at once end in one window
     * holding every file, not a window each.
     */
    @Test
    void launchesStartedTogetherEndInOneWindowWithEveryFile() throws Exception {
        AppPaths paths = new AppPaths(tmp.resolve("race-home"));
        int launches = 6;
        List<Path> received = java.util.Collections.synchronizedList(new ArrayList<>());
        List<SingleInstance> instances = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(launches);
        try {
            List<Future<InstanceHandOver.Result>> results = new ArrayList<>();
            for (int i = 0; i < launches; i++) {
                SingleInstance s = new SingleInstance(paths);
                instances.add(s);
                Path file = Files.writeString(tmp.resolve("file-" + i + ".txt"), "x");
                Callable<InstanceHandOver.Result> launch =
                        () -> new InstanceHandOver(s, 10_000).start(List.of(file), received::addAll);
                results.add(pool.submit(launch));
            }
            int primaries = 0;
            int handedOff = 0;
            for (Future<InstanceHandOver.Result> r : results) {
                switch (r.get()) {
                    case PRIMARY -> primaries++;
                    case HANDED_OFF -> handedOff++;
                    case ALONE -> {}
                }
            }
            assertThat(primaries).isEqualTo(1);
            assertThat(handedOff).isEqualTo(launches - 1);
            Ui.waitFor(10, () -> received.size() == launches - 1);
        } finally {
            pool.shutdownNow();
            instances.forEach(SingleInstance::close);
        }
    }
}
