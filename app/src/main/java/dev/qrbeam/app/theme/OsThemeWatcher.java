package dev.qrbeam.app.theme;

import java.util.function.Consumer;

/**
 * Tells when the OS switches between light and dark while the app runs. One implementation per way the
 * OSes report it, chosen by {@link OsThemeWatchers#forThisOs}. The callback runs on a background thread,
 * only when the preference changes.
 */
public interface OsThemeWatcher extends AutoCloseable {
    /** For OSes that report nothing (and tests that do not switch themes). */
    OsThemeWatcher NONE = new OsThemeWatcher() {
        @Override
        public void start(Consumer<Boolean> prefersDark) {}

        @Override
        public void close() {}
    };

    /** Starts watching; {@code prefersDark} gets true (dark) or false (light) on every change. */
    void start(Consumer<Boolean> prefersDark);

    @Override
    void close();
}
