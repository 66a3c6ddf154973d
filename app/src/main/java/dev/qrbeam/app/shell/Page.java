package dev.qrbeam.app.shell;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/** The pages of the main window, in sidebar order (Shortcut+1..4). */
public enum Page {
    SEND(Feather.SEND, "nav.send"),
    RECEIVE(Feather.DOWNLOAD, "nav.receive"),
    HISTORY(Feather.CLOCK, "nav.history"),
    SETTINGS(Feather.SETTINGS, "nav.settings");

    final Ikon icon;
    final String key;

    Page(Ikon icon, String key) {
        this.icon = icon;
        this.key = key;
    }
}
