package dev.qrbeam.app.support;

import dev.qrbeam.app.AppComposition;
import dev.qrbeam.app.desktop.DesktopServices;
import dev.qrbeam.app.engine.EngineFactory;
import dev.qrbeam.app.platform.AppPaths;
import dev.qrbeam.app.platform.FileOpener;
import dev.qrbeam.app.qr.QrImages;
import dev.qrbeam.app.scan.Cameras;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.embed.swing.SwingFXUtils;
import javafx.event.Event;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.stage.Stage;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Test helpers: open real app windows headless, fire drops, read QR codes off nodes, wait for conditions. */
public final class Ui {
    private Ui() {}

    /** A window with a fresh composition; {@code home} is its config folder. */
    public record Window(AppComposition app, Stage stage, RecordingOpener opener) {
        public Window(AppComposition app, Stage stage) {
            this(app, stage, new RecordingOpener());
        }

        public void close() throws Exception {
            FxToolkit.setupFixture(() -> {
                app.close();
                stage.close();
            });
        }
    }

    public static Window open(Path home, EngineFactory engines, double x) throws Exception {
        return open(home, engines, x, null);
    }

    /** A window tied to {@code desktop} (close guard, tray, notifications) as the app does; null: not tied. */
    public static Window open(Path home, EngineFactory engines, double x, DesktopServices desktop) throws Exception {
        FxToolkit.registerPrimaryStage();
        return WaitForAsyncUtils.asyncFx(() -> {
                    RecordingOpener opener = new RecordingOpener();
                    AppComposition app = new AppComposition(new AppComposition.Options(
                            new AppPaths(home),
                            engines,
                            Cameras.NONE,
                            opener,
                            Clock.systemDefaultZone(),
                            false,
                            desktop == null ? DesktopServices.none() : desktop));
                    Stage stage = new Stage();
                    stage.setScene(app.createScene(1040, 700));
                    stage.setX(x);
                    stage.setY(0);
                    if (desktop != null) {
                        app.attach(stage);
                    }
                    stage.show();
                    return new Window(app, stage, opener);
                })
                .get(20, TimeUnit.SECONDS);
    }

    public static <T> T fx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get(20, TimeUnit.SECONDS);
    }

    public static void fxRun(Runnable r) throws Exception {
        fx(() -> {
            r.run();
            return null;
        });
    }

    /** Fires a real DRAG_DROPPED event carrying {@code files} at the centre of {@code target}. */
    public static void dropFiles(Node target, List<Path> files) throws Exception {
        fxRun(() -> {
            Bounds b = target.localToScene(target.getBoundsInLocal());
            double x = b.getCenterX();
            double y = b.getCenterY();
            var board = MapClipboard.dragboardWithFiles(
                    files.stream().map(Path::toFile).map(File::getAbsoluteFile).toList());
            Event.fireEvent(
                    target,
                    new DragEvent(DragEvent.DRAG_DROPPED, board, x, y, x, y, TransferMode.COPY, null, null, null));
        });
    }

    /** Snapshots {@code node} and decodes a QR code from the picture. */
    public static Optional<String> decodeQr(Node node) throws Exception {
        WritableImage image = fx(() -> node.snapshot(null, null));
        return QrImages.decode(SwingFXUtils.fromFXImage(image, null));
    }

    /** Waits (no sleeping in the test: TestFX polls) until {@code condition}, evaluated on the FX thread. */
    public static void waitFor(int seconds, BooleanSupplier condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> fx(condition::getAsBoolean));
    }

    /** As {@link #waitFor}, and on timeout says what the windows show. */
    public static void waitFor(int seconds, BooleanSupplier condition, Window... windows) throws TimeoutException {
        try {
            waitFor(seconds, condition);
        } catch (TimeoutException e) {
            StringBuilder b = new StringBuilder("timed out; windows show:\n");
            for (Window w : windows) {
                b.append(dump(w)).append("--\n");
            }
            TimeoutException t = new TimeoutException(b.toString());
            t.initCause(e);
            throw t;
        }
    }

    /** The texts of the labelled nodes of a window, for failure messages. */
    public static String dump(Window w) {
        try {
            return fx(() -> {
                StringBuilder b = new StringBuilder();
                for (String id : List.of(
                        "receive-code",
                        "receive-error",
                        "receive-state",
                        "receive-failure",
                        "send-state",
                        "send-error",
                        "send-code",
                        "send-failure",
                        "receive-summary",
                        "send-summary")) {
                    Node n = w.stage().getScene().lookup("#" + id);
                    if (n instanceof javafx.scene.control.Labeled l) {
                        b.append(id)
                                .append('=')
                                .append(l.getText())
                                .append(n.isVisible() ? "" : " (hidden)")
                                .append('\n');
                    } else if (n instanceof javafx.scene.control.TextInputControl t) {
                        b.append(id).append('=').append(t.getText()).append('\n');
                    }
                }
                return b.toString();
            });
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** Lookup by CSS id within a window. */
    @SuppressWarnings("unchecked")
    public static <T extends Node> T find(Window w, String id) throws Exception {
        // A list cell (e.g. a History row's Resume button) exists only after the next layout pass: wait for it.
        waitFor(10, () -> w.stage().getScene().lookup("#" + id) != null, w);
        return (T) fx(() -> w.stage().getScene().lookup("#" + id));
    }

    /** Records what would be opened in the file manager. */
    public static final class RecordingOpener implements FileOpener {
        public final List<Path> opened = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void openFolder(Path folder) throws IOException {
            opened.add(folder);
        }

        @Override
        public void showFile(Path file) throws IOException {
            opened.add(file);
        }
    }
}
