package dev.qrbeam.app;

import dev.qrbeam.app.activity.TransferActivity;
import dev.qrbeam.app.desktop.DesktopServices;
import dev.qrbeam.app.desktop.PendingFiles;
import dev.qrbeam.app.desktop.PendingFilesBar;
import dev.qrbeam.app.desktop.WindowDesktop;
import dev.qrbeam.app.engine.EngineFactory;
import dev.qrbeam.app.engine.EngineProvider;
import dev.qrbeam.app.history.Direction;
import dev.qrbeam.app.history.HistoryController;
import dev.qrbeam.app.history.HistoryEntry;
import dev.qrbeam.app.history.HistoryRecorder;
import dev.qrbeam.app.history.HistoryStore;
import dev.qrbeam.app.history.HistoryView;
import dev.qrbeam.app.i18n.Messages;
import dev.qrbeam.app.logging.AppLog;
import dev.qrbeam.app.logging.UncaughtErrors;
import dev.qrbeam.app.platform.AppPaths;
import dev.qrbeam.app.platform.Background;
import dev.qrbeam.app.platform.DownloadsFolder;
import dev.qrbeam.app.platform.FileOpener;
import dev.qrbeam.app.platform.FxUpdates;
import dev.qrbeam.app.platform.JsonFiles;
import dev.qrbeam.app.receive.ReceiveController;
import dev.qrbeam.app.receive.ReceiveView;
import dev.qrbeam.app.scan.Cameras;
import dev.qrbeam.app.send.SendController;
import dev.qrbeam.app.send.SendView;
import dev.qrbeam.app.settings.SettingsController;
import dev.qrbeam.app.settings.SettingsStore;
import dev.qrbeam.app.settings.SettingsView;
import dev.qrbeam.app.shell.Page;
import dev.qrbeam.app.shell.ProblemBar;
import dev.qrbeam.app.shell.ShellController;
import dev.qrbeam.app.shell.ShellView;
import dev.qrbeam.app.theme.ThemeManager;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The hand-written composition root: builds every store, service, view and controller of one main window
 * and wires them together. No singletons: tests build as many as they like (two windows in one JVM).
 * Construct and use on the FX thread.
 */
public final class AppComposition implements AutoCloseable {

    /** What differs between the real app and a test. */
    public record Options(
            AppPaths paths,
            EngineFactory engineFactory,
            Cameras scanners,
            FileOpener opener,
            Clock clock,
            boolean osPrefersDark,
            DesktopServices desktop) {
        /** Without OS services (no notifications, tray or theme watching). */
        public Options(
                AppPaths paths,
                EngineFactory engineFactory,
                Cameras scanners,
                FileOpener opener,
                Clock clock,
                boolean osPrefersDark) {
            this(paths, engineFactory, scanners, opener, clock, osPrefersDark, DesktopServices.none());
        }
    }

    private final Background background = new Background();
    private final SettingsStore settings;
    private final HistoryStore history;
    private final HistoryRecorder recorder;
    private final EngineProvider engines;
    private final ThemeManager theme;
    private final SendController send;
    private final ReceiveController receive;
    private final HistoryController historyController;
    private final SettingsController settingsController;
    private final ShellController shell;
    private final TransferActivity activity = new TransferActivity();
    private final PendingFiles pending;
    private final Messages messages;
    private final DesktopServices desktop;
    private final Clock clock;
    private final AppLog log;
    private final AutoCloseable problems;
    private WindowDesktop windowDesktop;

    public AppComposition(Options o) {
        messages = new Messages(Locale.ENGLISH);
        log = AppLog.start(o.paths().home());
        UncaughtErrors.install();
        desktop = o.desktop();
        clock = o.clock();
        JsonFiles json = new JsonFiles();
        settings = new SettingsStore(o.paths(), json, DownloadsFolder.ofSystem());
        history = new HistoryStore(o.paths(), json);
        recorder = new HistoryRecorder(history, o.clock());
        recorder.addObserver(activity);
        engines = new EngineProvider(o.engineFactory(), settings);
        theme = new ThemeManager(o.osPrefersDark());
        send = new SendController(new SendView(messages), messages, engines, background, recorder, o.clock());
        receive = new ReceiveController(
                new ReceiveView(messages), messages, engines, background, recorder, settings, o.opener(), o.scanners());
        settingsController = new SettingsController(
                new SettingsView(messages), messages, settings, background, o.scanners(), theme::apply);
        Map<Page, Node> pages = new EnumMap<>(Page.class);
        pending = new PendingFiles(send::addFiles);
        pages.put(Page.SEND, PendingFilesBar.above(send.view(), pending, messages));
        pages.put(Page.RECEIVE, receive.view());
        pages.put(Page.SETTINGS, settingsController.view());
        ShellView shellView = new ShellView(messages);
        ProblemBar problemBar = new ProblemBar(messages);
        shellView.setBanner(problemBar);
        String problemText = messages.format("app.problem", log.file());
        problems = UncaughtErrors.register(
                e -> FxUpdates.fx(() -> problemBar.text().set(problemText)));
        shell = new ShellController(shellView, pages);
        historyController = new HistoryController(
                new HistoryView(messages),
                messages,
                history,
                background,
                o.clock().getZone(),
                this::resume);
        shell.addPage(Page.HISTORY, historyController.view());
    }

    /** History's Resume: an interrupted send continues on Send with its code, a receive on Receive. */
    private void resume(HistoryEntry entry) {
        if (entry.direction() == Direction.SENT) {
            shell.show(Page.SEND);
            send.resume(entry);
        } else {
            shell.show(Page.RECEIVE);
            receive.resume(entry);
        }
    }

    /** The window's scene, themed and with keyboard shortcuts. */
    public Scene createScene(double width, double height) {
        theme.apply(settings.current().theme());
        Scene scene = new Scene(shell.view(), width, height);
        theme.style(scene);
        shell.installShortcuts(scene);
        send.installPaste(scene, () -> shell.current() == Page.SEND);
        return scene;
    }

    /** Files from this launch's command line (the user started QRBeam with them): straight to Send. */
    public void openFiles(List<Path> files) {
        shell.show(Page.SEND);
        send.addFiles(files);
    }

    /**
     * Files handed over by another program (a file manager's "Send with QRBeam", a second launch, macOS
     * "Open With"): shown on Send, sent only after the user's click.
     */
    public void offerFiles(List<Path> files) {
        shell.show(Page.SEND);
        pending.offer(files);
        if (windowDesktop != null) {
            windowDesktop.lifecycle().bringForward();
        }
    }

    /**
     * Connects the window to the OS: the close button asks while a transfer runs (background under the tray
     * icon, cancel, or go back), notifications while the window is not in front, the live light/dark switch.
     */
    public WindowDesktop attach(Stage stage) {
        windowDesktop = new WindowDesktop(
                stage,
                desktop,
                activity,
                messages,
                clock,
                theme,
                () -> {
                    send.cancelTransfer();
                    receive.cancelTransfer();
                },
                send::codeExpiresAt);
        return windowDesktop;
    }

    /** The window's OS ties, once {@link #attach} ran (else null). */
    public WindowDesktop windowDesktop() {
        return windowDesktop;
    }

    /** The running transfers of this window. */
    public TransferActivity activity() {
        return activity;
    }

    /** Files from other programs waiting for the user's click. */
    public PendingFiles pendingFiles() {
        return pending;
    }

    public ShellController shell() {
        return shell;
    }

    public SendController send() {
        return send;
    }

    public ReceiveController receive() {
        return receive;
    }

    public HistoryController history() {
        return historyController;
    }

    public SettingsStore settings() {
        return settings;
    }

    public HistoryStore historyStore() {
        return history;
    }

    /**
     * Closes the window's services. Running transfers are not cancelled: their connections drop, so an
     * unfinished receive stays in History as interrupted and can be resumed after a restart.
     */
    @Override
    public void close() {
        if (windowDesktop != null) {
            windowDesktop.close();
        }
        send.shutdown();
        receive.shutdown();
        engines.close();
        recorder.close();
        background.close();
        try {
            problems.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        log.close();
    }

    /** The log file this window writes into. */
    public java.nio.file.Path logFile() {
        return log.file();
    }
}
