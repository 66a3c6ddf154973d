package dev.qrbeam.app.notify;

import dev.qrbeam.app.tray.AwtTray;

/**
 * Windows and macOS: notifications through the tray icon ({@code TrayIcon.displayMessage}), which Windows
 * 10/11 shows as a toast in the Action Center and macOS as a Notification Center banner. A click on it
 * brings the window forward.
 */
public final class TrayNotifier implements Notifier {
    private final AwtTray tray;

    public TrayNotifier(AwtTray tray) {
        this.tray = tray;
    }

    @Override
    public void show(Notice notice, Runnable onClick) {
        tray.displayMessage(notice.title(), notice.body(), onClick);
    }
}
