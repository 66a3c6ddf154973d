package dev.qrbeam.app.theme;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Scene;

import java.util.Objects;

/** Applies the AtlantaFX theme (Primer light/dark) and the one app stylesheet on top of it. */
public final class ThemeManager {
    public static final String APP_STYLESHEET = "/dev/qrbeam/app/app.css";

    private final boolean osPrefersDark;

    /** @param osPrefersDark the OS setting, detected once at startup off the FX thread */
    public ThemeManager(boolean osPrefersDark) {
        this.osPrefersDark = osPrefersDark;
    }

    public boolean isDark(ThemeMode mode) {
        return mode == ThemeMode.DARK || (mode == ThemeMode.SYSTEM && osPrefersDark);
    }

    /** Call on the FX thread. */
    public void apply(ThemeMode mode) {
        Application.setUserAgentStylesheet(isDark(mode)
                ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    public void style(Scene scene) {
        scene.getStylesheets().add(Objects.requireNonNull(getClass().getResource(APP_STYLESHEET)).toExternalForm());
    }
}
