package dev.qrbeam.app;

import dev.qrbeam.app.engine.CoreEngineFactory;
import dev.qrbeam.app.platform.AppPaths;
import dev.qrbeam.app.platform.FileOpener;
import dev.qrbeam.app.platform.FxUpdates;
import dev.qrbeam.app.platform.IncomingFiles;
import dev.qrbeam.app.platform.SingleInstance;
import dev.qrbeam.app.receive.CodeScannerFactory;
import dev.qrbeam.app.scan.WebcamCodeScanners;
import dev.qrbeam.app.theme.OsDarkMode;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.image.Image;
import javafx.stage.Stage;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The JavaFX application: single-instance hand-off, OS open-file events and the main window around
 * {@link AppComposition}.
 */
public final class QRBeamApp extends Application {
    private static final int[] ICON_SIZES = {16, 24, 32, 48, 64, 128, 256, 512};

    private final IncomingFiles incoming = new IncomingFiles();
    private AppPaths paths;
    private SingleInstance single;
    private boolean handedOff;
    private boolean osDark;
    private CodeScannerFactory scanners = CodeScannerFactory.NONE;
    private Path screenshotDir;
    private AppComposition app;

    @Override
    public void init() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String arg : getParameters().getRaw()) {
            if (arg.startsWith("--screenshot-demo=")) {
                screenshotDir = Path.of(arg.substring("--screenshot-demo=".length()));
            } else if (!arg.startsWith("-")) {
                files.add(Path.of(arg).toAbsolutePath());
            }
        }
        paths = AppPaths.fromSystem();
        single = new SingleInstance(paths);
        if (screenshotDir == null && !single.becomePrimary(incoming::offer)) {
            if (single.handOff(files)) {
                handedOff = true;
                return;
            }
            // the other instance did not answer (hung or just exiting): run on our own
        }
        incoming.offer(files);
        registerOpenFileHandler();
        osDark = OsDarkMode.prefersDark();
        scanners = cameras();
    }

    /** The webcam scanner (native capture driver); without one, scanning is simply unavailable. */
    private static CodeScannerFactory cameras() {
        try {
            return WebcamCodeScanners.nativeCameras();
        } catch (RuntimeException | LinkageError e) {
            return CodeScannerFactory.NONE;
        }
    }

    /** macOS delivers "Open with" and Dock drops as AWT open-file events, also while running. */
    private void registerOpenFileHandler() {
        try {
            if (!GraphicsEnvironment.isHeadless() && Desktop.isDesktopSupported()
                    && Desktop.getDesktop().isSupported(Desktop.Action.APP_OPEN_FILE)) {
                Desktop.getDesktop().setOpenFileHandler(e -> incoming.offer(e.getFiles().stream().map(File::toPath).toList()));
            }
        } catch (RuntimeException | LinkageError e) {
            // no desktop integration on this platform: command-line files still work
        }
    }

    @Override
    public void start(Stage stage) {
        if (handedOff) {
            Platform.exit();
            return;
        }
        app = new AppComposition(new AppComposition.Options(paths, new CoreEngineFactory(
                System.getProperty(AppPaths.HOME_PROPERTY) != null ? paths.home().resolve("state") : null), scanners,
                FileOpener.system(), Clock.systemDefaultZone(), osDark));
        stage.setTitle("QRBeam");
        stage.setScene(app.createScene(1040, 700));
        stage.setMinWidth(820);
        stage.setMinHeight(560);
        addIcons(stage);
        stage.show();
        incoming.connect(files -> FxUpdates.fx(() -> {
            app.openFiles(files);
            stage.setIconified(false);
            stage.toFront();
        }));
        if (screenshotDir != null) {
            new ScreenshotTour(app, stage, screenshotDir).start();
        }
    }

    private void addIcons(Stage stage) {
        for (int size : ICON_SIZES) {
            try (InputStream in = getClass().getResourceAsStream("/dev/qrbeam/app/icons/icon-" + size + ".png")) {
                if (in != null) {
                    stage.getIcons().add(new Image(in));
                }
            } catch (IOException e) {
                // an unreadable icon leaves the default one
            }
        }
    }

    @Override
    public void stop() {
        if (app != null) {
            app.close();
        }
        if (single != null) {
            single.close();
        }
    }
}
