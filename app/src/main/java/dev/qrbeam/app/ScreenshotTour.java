package dev.qrbeam.app;

import dev.qrbeam.app.lifecycle.CloseDialog;
import dev.qrbeam.app.lifecycle.WindowLifecycle;
import dev.qrbeam.app.shell.Page;
import dev.qrbeam.core.api.TransferProgress;
import dev.qrbeam.core.api.TransferState;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;

/**
 * {@code --screenshot-demo=<dir>}: drives the real window through send, receive, a transfer and History
 * (sending to itself through the loopback relay) and writes send-qr.png, receive.png, transfer.png and
 * history.png (and settings.png) into {@code dir}, then quits. Mid-transfer it also closes the window and
 * snapshots the question (close-dialog.png), keeps the transfer running in the background, and lets
 * app/screenshots.sh photograph the tray menu. Used by {@code app/screenshots.sh} under Xvfb.
 */
final class ScreenshotTour {
    private static final double POLL_SECONDS = 0.05;

    private final AppComposition app;
    private final Stage stage;
    private final Path out;
    private Path work;

    ScreenshotTour(AppComposition app, Stage stage, Path out) {
        this.app = app;
        this.stage = stage;
        this.out = out;
    }

    void start() {
        try {
            Files.createDirectories(out);
            work = Files.createTempDirectory("qrbeam-tour");
            Path photos = Files.createDirectories(work.resolve("send").resolve("Holiday photos"));
            sparse(photos.resolve("beach.jpg"), 180_000_000L);
            sparse(photos.resolve("sunset.jpg"), 140_000_000L);
            sparse(work.resolve("send").resolve("Project plan.pdf"), 90_000_000L);
            Files.writeString(work.resolve("send").resolve("notes.txt"), "Meeting notes\n", StandardCharsets.UTF_8);
            app.receive().setDestination(Files.createDirectories(work.resolve("Downloads")));
            app.openFiles(List.of(
                    photos,
                    work.resolve("send").resolve("Project plan.pdf"),
                    work.resolve("send").resolve("notes.txt")));
        } catch (IOException e) {
            fail(e);
            return;
        }
        when(() -> !app.send().shownCode().isEmpty(), () -> {
            shot("send-qr.png");
            String code = app.send().shownCode();
            app.shell().show(Page.RECEIVE);
            app.receive().showCode(code);
            later(() -> {
                shot("receive.png");
                app.receive().receiveCode(code);
                when(() -> progressed(app.receive().lastProgress()), () -> {
                    shot("transfer.png");
                    closeDuringTransfer(() -> when(
                            () -> done(app.receive().lastProgress()),
                            () -> trayMenu(() -> later(() -> {
                                app.shell().show(Page.HISTORY);
                                later(() -> {
                                    shot("history.png");
                                    app.shell().show(Page.SETTINGS);
                                    later(() -> {
                                        shot("settings.png");
                                        Platform.exit();
                                    });
                                });
                            }))));
                });
            });
        });
    }

    /**
     * Closes the window mid-transfer: snapshots the question (close-dialog.png) and answers "keep running in
     * background", so the transfer finishes under the tray icon (or minimised without a tray).
     */
    private void closeDuringTransfer(Runnable then) {
        WindowLifecycle lifecycle = app.windowDesktop().lifecycle();
        if (!app.activity().anyRunning()) {
            System.err.println("screenshot tour: the transfer ended before the close question could be shown");
            then.run();
            return;
        }
        lifecycle.requestClose();
        Alert question = lifecycle.asking();
        later(() -> {
            try {
                ImageIO.write(
                        SwingFXUtils.fromFXImage(
                                question.getDialogPane().getScene().snapshot(null), null),
                        "png",
                        out.resolve("close-dialog.png").toFile());
                System.out.println("screenshot: " + out.resolve("close-dialog.png"));
            } catch (IOException e) {
                fail(e);
                return;
            }
            ((Button) question.getDialogPane().lookup("#" + CloseDialog.KEEP_ID)).fire();
            then.run();
        });
    }

    /**
     * With {@code -Dqrbeam.screenshot.tray=<dir>} (app/screenshots.sh with a tray host): writes
     * {@code <dir>/tray-ready} once the tray shows the finished transfer, waits (at most a minute) for the script
     * to open the tray menu and screenshot the screen and write {@code <dir>/tray-done}, then shows the window.
     */
    private void trayMenu(Runnable then) {
        WindowLifecycle lifecycle = app.windowDesktop().lifecycle();
        String dir = System.getProperty("qrbeam.screenshot.tray");
        if (dir == null || lifecycle.mode() != WindowLifecycle.Mode.TRAY) {
            lifecycle.bringForward();
            later(then);
            return;
        }
        Path sync = Path.of(dir);
        later(() -> {
            try {
                Files.writeString(
                        sync.resolve("tray-ready"),
                        lifecycle.trayModel().statusProperty().get() + "\n");
            } catch (IOException e) {
                fail(e);
                return;
            }
            long deadline = System.nanoTime() + 60_000_000_000L;
            when(() -> Files.exists(sync.resolve("tray-done")) || System.nanoTime() > deadline, () -> {
                lifecycle.bringForward();
                later(then);
            });
        });
    }

    private static boolean progressed(TransferProgress p) {
        return p != null && p.state() == TransferState.TRANSFERRING && p.fraction() > 0.3;
    }

    private static boolean done(TransferProgress p) {
        return p != null && p.state().isTerminal();
    }

    private static void sparse(Path file, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }
    }

    /** Polls {@code condition} on the FX thread, then runs {@code then}; gives up after two minutes. */
    private void when(BooleanSupplier condition, Runnable then) {
        Timeline poll = new Timeline();
        long deadline = System.nanoTime() + 120_000_000_000L;
        poll.getKeyFrames().add(new KeyFrame(Duration.seconds(POLL_SECONDS), e -> {
            if (condition.getAsBoolean()) {
                poll.stop();
                then.run();
            } else if (System.nanoTime() > deadline) {
                poll.stop();
                fail(new IllegalStateException("screenshot tour timed out"));
            }
        }));
        poll.setCycleCount(Timeline.INDEFINITE);
        poll.play();
    }

    private void later(Runnable r) {
        Timeline t = new Timeline(new KeyFrame(Duration.millis(600), e -> r.run()));
        t.play();
    }

    private void shot(String name) {
        try {
            ImageIO.write(
                    SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null),
                    "png",
                    out.resolve(name).toFile());
            System.out.println("screenshot: " + out.resolve(name));
        } catch (IOException e) {
            fail(e);
        }
    }

    private void fail(Exception e) {
        System.err.println("screenshot tour failed: " + e);
        Platform.exit();
    }
}
