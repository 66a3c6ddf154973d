package dev.qrbeam.app;

import dev.qrbeam.app.desktop.DesktopServices;
import dev.qrbeam.app.desktop.InstanceHandOver;
import dev.qrbeam.app.desktop.MacServices;
import dev.qrbeam.app.desktop.WindowDesktop;
import dev.qrbeam.app.engine.CoreEngineFactory;
import dev.qrbeam.app.notify.Notifiers;
import dev.qrbeam.app.platform.AppPaths;
import dev.qrbeam.app.platform.FileOpener;
import dev.qrbeam.app.platform.FxUpdates;
import dev.qrbeam.app.platform.IncomingFiles;
import dev.qrbeam.app.platform.SingleInstance;
import dev.qrbeam.app.scan.Cameras;
import dev.qrbeam.app.theme.OsDarkMode;
import dev.qrbeam.app.theme.OsThemeWatchers;
import dev.qrbeam.app.tray.AwtTray;
import dev.qrbeam.app.tray.TrayPort;
import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.image.Image;
import javafx.stage.Stage;

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
    private static final long HAND_OVER_WAIT_MS = 5000;

    private List<Path> initialFiles = List.of();
    private DesktopServices desktop = DesktopServices.none();
    private Cameras scanners = Cameras.NONE;
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
        if (screenshotDir == null
                && new InstanceHandOver(single, HAND_OVER_WAIT_MS).start(files, incoming::offer)
                        == InstanceHandOver.Result.HANDED_OFF) {
            handedOff = true;
            return;
        }
        initialFiles = files;
        registerOpenFileHandler();
        osDark = OsDarkMode.prefersDark();
        desktop = desktopServices(paths);
        scanners = cameras();
    }

    /** The OS services of this OS: notifications, tray, live theme; the app outlives its window while in the tray. */
    private static DesktopServices desktopServices(AppPaths paths) {
        String os = System.getProperty("os.name", "");
        AwtTray awt = new AwtTray();
        boolean tray = AwtTray.supported();
        return new DesktopServices(
                Notifiers.forThisOs(os, System.getenv(), awt, paths.home()),
                tray ? awt : TrayPort.NONE,
                OsThemeWatchers.forThisOs(os, System.getenv()),
                Platform::exit);
    }

    /** The webcam scanner (native capture driver); without one, scanning is simply unavailable. */
    private static Cameras cameras() {
        try {
            return Cameras.webcams();
        } catch (RuntimeException | LinkageError e) {
            return Cameras.NONE;
        }
    }

    /** macOS delivers "Open with" and Dock drops as AWT open-file events, also while running. */
    private void registerOpenFileHandler() {
        try {
            if (!GraphicsEnvironment.isHeadless()
                    && Desktop.isDesktopSupported()
                    && Desktop.getDesktop().isSupported(Desktop.Action.APP_OPEN_FILE)) {
                Desktop.getDesktop()
                        .setOpenFileHandler(e -> incoming.offer(
                                e.getFiles().stream().map(File::toPath).toList()));
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
        Platform.setImplicitExit(false); // the window may close while a transfer goes on under the tray icon
        app = new AppComposition(new AppComposition.Options(
                paths,
                new CoreEngineFactory(
                        System.getProperty(AppPaths.HOME_PROPERTY) != null
                                ? paths.home().resolve("state")
                                : null),
                scanners,
                FileOpener.system(),
                Clock.systemDefaultZone(),
                osDark,
                desktop));
        stage.setTitle("QRBeam");
        stage.setScene(app.createScene(1040, 700));
        stage.setMinWidth(820);
        stage.setMinHeight(560);
        addIcons(stage);
        WindowDesktop windowDesktop = app.attach(stage);
        registerQuitHandler(windowDesktop);
        if (System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("mac")) {
            MacServices.register(incoming::offer); // Finder's "Send with QRBeam" (Info.plist NSServices)
        }
        stage.show();
        if (!initialFiles.isEmpty()) {
            app.openFiles(initialFiles);
        }
        incoming.connect(files -> FxUpdates.fx(() -> app.offerFiles(files)));
        if (screenshotDir != null) {
            new ScreenshotTour(app, stage, screenshotDir).start();
        }
    }

    /** macOS: Cmd+Q and the Dock's Quit ask once while transfers run, like the tray's Quit. */
    private static void registerQuitHandler(WindowDesktop windowDesktop) {
        try {
            if (!GraphicsEnvironment.isHeadless()
                    && Desktop.isDesktopSupported()
                    && Desktop.getDesktop().isSupported(Desktop.Action.APP_QUIT_HANDLER)) {
                Desktop.getDesktop().setQuitHandler((e, response) -> {
                    response.cancelQuit(); // QRBeam quits by itself once the user has answered
                    Platform.runLater(() -> windowDesktop.lifecycle().requestQuit());
                });
            }
        } catch (RuntimeException | LinkageError e) {
            // no OS quit menu to take over
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
