package dev.qrbeam.app.theme;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Asks the OS whether it prefers dark mode (GNOME gsettings, macOS defaults, Windows registry).
 * Runs a short external command: call it off the FX thread. Unknown means light.
 */
public final class OsDarkMode {
    private OsDarkMode() {}

    public static boolean prefersDark() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("mac")) {
            return run(List.of("defaults", "read", "-g", "AppleInterfaceStyle"))
                    .toLowerCase(Locale.ROOT)
                    .contains("dark");
        }
        if (os.startsWith("windows")) {
            return run(List.of(
                            "reg",
                            "query",
                            "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
                            "/v",
                            "AppsUseLightTheme"))
                    .contains("0x0");
        }
        String scheme = run(List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme"));
        if (scheme.contains("prefer-dark")) {
            return true;
        }
        if (scheme.contains("prefer-light")) {
            return false;
        }
        String gtk = System.getenv("GTK_THEME");
        if (gtk == null || gtk.isBlank()) {
            gtk = run(List.of("gsettings", "get", "org.gnome.desktop.interface", "gtk-theme"));
        }
        return gtk.toLowerCase(Locale.ROOT).contains("dark");
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (InputStream in = p.getInputStream()) {
                byte[] out = in.readNBytes(4096);
                if (!p.waitFor(2, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return "";
                }
                return new String(out, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
