package dev.qrbeam.app.notify;

import dev.qrbeam.app.platform.Executables;
import dev.qrbeam.app.tray.AwtTray;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;

/** Picks the notification service of the OS the app runs on (used by the composition root). */
public final class Notifiers {
    private static final String ICON = "/dev/qrbeam/app/icons/icon-128.png";

    private Notifiers() {}

    /**
     * Linux/BSD: libnotify's notify-send when installed and a session bus is there; Windows: tray toasts; macOS: tray (Notification
     * Center), else osascript. {@link Notifier#NONE} when nothing is there.
     *
     * @param home a folder where the notification icon may be written (for notify-send, which wants a file)
     */
    public static Notifier forThisOs(String osName, Map<String, String> env, AwtTray tray, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return AwtTray.supported() ? new TrayNotifier(tray) : Notifier.NONE;
        }
        if (os.startsWith("mac")) {
            return AwtTray.supported() ? new TrayNotifier(tray) : new OsascriptNotifier();
        }
        if (!Executables.sessionBus(env)) {
            return Notifier.NONE; // no session bus: no notification service to reach
        }
        return Executables.onPath("notify-send", env.get("PATH"))
                .<Notifier>map(exe -> new LibnotifyNotifier(exe.toString(), Map.of(), iconFile(home)))
                .orElse(Notifier.NONE);
    }

    /** The app icon as a file next to the settings (notify-send takes a path), or null if it cannot be written. */
    static Path iconFile(Path home) {
        Path target = home.resolve("notification-icon.png");
        try (InputStream in = Notifiers.class.getResourceAsStream(ICON)) {
            if (in == null) {
                return null;
            }
            if (!Files.isRegularFile(target)) {
                Files.createDirectories(home);
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            return null;
        }
    }
}
