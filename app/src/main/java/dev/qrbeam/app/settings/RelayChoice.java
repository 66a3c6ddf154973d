package dev.qrbeam.app.settings;

/** Which relay the sender uses: the one embedded in the app (LAN), or a deployed one by URL. */
public enum RelayChoice {
    EMBEDDED,
    URL
}
