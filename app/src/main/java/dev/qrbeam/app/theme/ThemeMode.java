package dev.qrbeam.app.theme;

/** The user's theme choice; SYSTEM follows the OS light/dark setting when it can be detected. */
public enum ThemeMode {
    SYSTEM,
    LIGHT,
    DARK
}
