package dev.qrbeam.app;

import dev.qrbeam.app.engine.EngineFactory;
import dev.qrbeam.app.engine.EngineProvider;
import dev.qrbeam.app.history.HistoryController;
import dev.qrbeam.app.history.HistoryRecorder;
import dev.qrbeam.app.history.HistoryStore;
import dev.qrbeam.app.history.HistoryView;
import dev.qrbeam.app.i18n.Messages;
import dev.qrbeam.app.platform.AppPaths;
import dev.qrbeam.app.platform.Background;
import dev.qrbeam.app.platform.DownloadsFolder;
import dev.qrbeam.app.platform.FileOpener;
import dev.qrbeam.app.platform.JsonFiles;
import dev.qrbeam.app.receive.CodeScannerFactory;
import dev.qrbeam.app.receive.ReceiveController;
import dev.qrbeam.app.receive.ReceiveView;
import dev.qrbeam.app.send.SendController;
import dev.qrbeam.app.send.SendView;
import dev.qrbeam.app.settings.SettingsController;
import dev.qrbeam.app.settings.SettingsStore;
import dev.qrbeam.app.settings.SettingsView;
import dev.qrbeam.app.shell.Page;
import dev.qrbeam.app.shell.ShellController;
import dev.qrbeam.app.shell.ShellView;
import dev.qrbeam.app.theme.ThemeManager;
import javafx.scene.Node;
import javafx.scene.Scene;

import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The hand-written composition root: builds every store, service, view and controller of one main window
 * and wires them together. No singletons: tests build as many as they like (two windows in one JVM).
 * Construct and use on the FX thread.
 */
public final class AppComposition implements AutoCloseable {

    /** What differs between the real app and a test. */
    public record Options(AppPaths paths, EngineFactory engineFactory, CodeScannerFactory scanners,
                          FileOpener opener, Clock clock, boolean osPrefersDark) {
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

    public AppComposition(Options o) {
        Messages messages = new Messages(Locale.ENGLISH);
        JsonFiles json = new JsonFiles();
        settings = new SettingsStore(o.paths(), json, DownloadsFolder.ofSystem());
        history = new HistoryStore(o.paths(), json);
        recorder = new HistoryRecorder(history, o.clock());
        engines = new EngineProvider(o.engineFactory(), settings);
        theme = new ThemeManager(o.osPrefersDark());
        send = new SendController(new SendView(messages), messages, engines, background, recorder, o.clock());
        receive = new ReceiveController(new ReceiveView(messages), messages, engines, background, recorder, settings,
                o.opener(), o.scanners());
        settingsController = new SettingsController(new SettingsView(messages), messages, settings, background,
                o.scanners(), theme::apply);
        Map<Page, Node> pages = new EnumMap<>(Page.class);
        pages.put(Page.SEND, send.view());
        pages.put(Page.RECEIVE, receive.view());
        pages.put(Page.SETTINGS, settingsController.view());
        ShellView shellView = new ShellView(messages);
        shell = new ShellController(shellView, pages);
        historyController = new HistoryController(new HistoryView(messages), messages, history, background,
                o.clock().getZone(), entry -> {
                    shell.show(Page.RECEIVE);
                    receive.resume(entry);
                });
        shell.addPage(Page.HISTORY, historyController.view());
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

    /** Files from the command line, a second launch or the OS: straight to Send. */
    public void openFiles(List<Path> files) {
        shell.show(Page.SEND);
        send.addFiles(files);
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
        send.shutdown();
        receive.shutdown();
        engines.close();
        recorder.close();
        background.close();
    }
}
