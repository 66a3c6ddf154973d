package dev.qrbeam.app;

import dev.qrbeam.app.shell.Page;
import dev.qrbeam.core.api.TransferProgress;
import dev.qrbeam.core.api.TransferState;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.stage.Stage;
import javafx.util.Duration;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageIO;

/**
 * {@code --screenshot-demo=<dir>}: drives the real window through send, receive, a transfer and History
 * (sending to itself through the loopback relay) and writes send-qr.png, receive.png, transfer.png and
 * history.png (and settings.png) into {@code dir}, then quits. Used by {@code app/screenshots.sh} under Xvfb.
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
            app.openFiles(List.of(photos, work.resolve("send").resolve("Project plan.pdf"), work.resolve("send").resolve("notes.txt")));
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
                    when(() -> done(app.receive().lastProgress()), () -> later(() -> {
                        app.shell().show(Page.HISTORY);
                        later(() -> {
                            shot("history.png");
                            app.shell().show(Page.SETTINGS);
                            later(() -> {
                                shot("settings.png");
                                Platform.exit();
                            });
                        });
                    }));
                });
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
            ImageIO.write(SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null), "png", out.resolve(name).toFile());
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
