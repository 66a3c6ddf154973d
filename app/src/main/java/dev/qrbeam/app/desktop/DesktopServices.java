package dev.qrbeam.app.desktop;

import dev.qrbeam.app.notify.Notifier;
import dev.qrbeam.app.theme.OsThemeWatcher;
import dev.qrbeam.app.tray.TrayPort;

/**
 * The OS services a window uses beyond its own pixels, picked per OS by the app (QRBeamApp) (tests pass
 * their own): desktop notifications, the tray icon, the live light/dark switch, and how the app ends.
 *
 * @param exit ends the application after the window closed (Platform::exit in the app)
 */
public record DesktopServices(Notifier notifier, TrayPort tray, OsThemeWatcher themeWatcher, Runnable exit) {

    /** No notifications, no tray, no theme watching, and closing the window ends nothing else (tests). */
    public static DesktopServices none() {
        return new DesktopServices(Notifier.NONE, TrayPort.NONE, OsThemeWatcher.NONE, () -> {});
    }
}
