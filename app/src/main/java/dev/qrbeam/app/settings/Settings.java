package dev.qrbeam.app.settings;

import dev.qrbeam.app.theme.ThemeMode;

/**
 * The user's settings, persisted as {@code settings.json} by {@link SettingsStore}.
 *
 * @param relay embedded LAN relay or a URL
 * @param relayUrl ws(s):// or http(s):// URL of a deployed relay, used when {@code relay == URL}
 * @param downloadFolder where received files go (remembered from the Receive view)
 * @param theme light, dark or follow the OS
 * @param camera the chosen camera's name, or null for the default one
 */
public record Settings(RelayChoice relay, String relayUrl, String downloadFolder, ThemeMode theme, String camera) {

    public Settings {
        relay = relay == null ? RelayChoice.EMBEDDED : relay;
        relayUrl = relayUrl == null ? "" : relayUrl.trim();
        theme = theme == null ? ThemeMode.SYSTEM : theme;
    }

    public static Settings defaults(String downloadFolder) {
        return new Settings(RelayChoice.EMBEDDED, "", downloadFolder, ThemeMode.SYSTEM, null);
    }

    public Settings withRelay(RelayChoice choice, String url) {
        return new Settings(choice, url, downloadFolder, theme, camera);
    }

    public Settings withDownloadFolder(String folder) {
        return new Settings(relay, relayUrl, folder, theme, camera);
    }

    public Settings withTheme(ThemeMode mode) {
        return new Settings(relay, relayUrl, downloadFolder, mode, camera);
    }

    public Settings withCamera(String name) {
        return new Settings(relay, relayUrl, downloadFolder, theme, name);
    }
}
