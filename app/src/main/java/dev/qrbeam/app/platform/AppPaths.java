package dev.qrbeam.app.platform;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where QRBeam keeps its settings and history: the OS's usual per-user data folder.
 * <ul>
 *   <li>system property {@code qrbeam.home} (tests, portable installs) wins;</li>
 *   <li>Linux and others: {@code $XDG_DATA_HOME/qrbeam}, else {@code ~/.local/share/qrbeam};</li>
 *   <li>Windows: {@code %APPDATA%\QRBeam};</li>
 *   <li>macOS: {@code ~/Library/Application Support/QRBeam}.</li>
 * </ul>
 */
public record AppPaths(Path home) {

    public static final String HOME_PROPERTY = "qrbeam.home";

    /** Resolves from the running JVM's properties and environment. */
    public static AppPaths fromSystem() {
        return resolve(
                System.getProperty(HOME_PROPERTY),
                System.getProperty("os.name", ""),
                System.getProperty("user.home"),
                System.getenv());
    }

    static AppPaths resolve(String override, String osName, String userHome, Map<String, String> env) {
        if (override != null && !override.isBlank()) {
            return new AppPaths(Path.of(override));
        }
        String os = osName.toLowerCase(Locale.ROOT);
        Path home = Path.of(userHome);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            return new AppPaths(
                    appData != null && !appData.isBlank()
                            ? Path.of(appData, "QRBeam")
                            : home.resolve("AppData").resolve("Roaming").resolve("QRBeam"));
        }
        if (os.startsWith("mac")) {
            return new AppPaths(
                    home.resolve("Library").resolve("Application Support").resolve("QRBeam"));
        }
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return new AppPaths(Path.of(xdg, "qrbeam"));
        }
        return new AppPaths(home.resolve(".local").resolve("share").resolve("qrbeam"));
    }

    public Path settingsFile() {
        return home.resolve("settings.json");
    }

    public Path historyFile() {
        return home.resolve("history.json");
    }

    public Path instanceLockFile() {
        return home.resolve("instance.lock");
    }

    public Path instancePortFile() {
        return home.resolve("instance.port");
    }
}
