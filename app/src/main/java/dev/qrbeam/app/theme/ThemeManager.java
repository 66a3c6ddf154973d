package dev.qrbeam.app.theme;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.Objects;
import javafx.application.Application;
import javafx.scene.Scene;

/**
 * Applies the AtlantaFX theme (Primer light/dark) and the one app stylesheet on top of it. With the
 * "follow the system" choice it also follows the OS switching between light and dark while the app runs
 * ({@link #osChanged}, fed by an {@link OsThemeWatcher}).
 */
public final class ThemeManager {
    public static final String APP_STYLESHEET = "/dev/qrbeam/app/app.css";

    private boolean osPrefersDark;
    private ThemeMode mode = ThemeMode.SYSTEM;

    /** @param osPrefersDark the OS setting, detected once at startup off the FX thread */
    public ThemeManager(boolean osPrefersDark) {
        this.osPrefersDark = osPrefersDark;
    }

    public boolean isDark(ThemeMode mode) {
        return mode == ThemeMode.DARK || (mode == ThemeMode.SYSTEM && osPrefersDark);
    }

    /** Call on the FX thread. */
    public void apply(ThemeMode mode) {
        this.mode = mode;
        Application.setUserAgentStylesheet(
                isDark(mode) ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
    }

    /** The OS switched light/dark while running (FX thread): re-applies when following the system. */
    public void osChanged(boolean prefersDark) {
        if (prefersDark == osPrefersDark) {
            return;
        }
        osPrefersDark = prefersDark;
        if (mode == ThemeMode.SYSTEM) {
            apply(mode);
        }
    }

    /** Whether the theme shown now is the dark one. */
    public boolean showingDark() {
        return isDark(mode);
    }

    public void style(Scene scene) {
        scene.getStylesheets()
                .add(Objects.requireNonNull(getClass().getResource(APP_STYLESHEET))
                        .toExternalForm());
    }
}
