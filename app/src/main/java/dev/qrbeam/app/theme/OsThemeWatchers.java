package dev.qrbeam.app.theme;

import dev.qrbeam.app.platform.Executables;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/** Picks how to follow the OS theme live on the OS the app runs on (used by the composition root). */
public final class OsThemeWatchers {
    /** macOS and Windows: how often the setting is read again. */
    public static final Duration POLL = Duration.ofSeconds(3);

    private OsThemeWatchers() {}

    /**
     * macOS, Windows: polling. Linux/BSD with a session bus: {@code gsettings monitor} and the portal's signal, whichever of
     * {@code gsettings}/{@code gdbus} is installed (both report the same switch; repeats are dropped by the
     * theme manager).
     */
    public static OsThemeWatcher forThisOs(String osName, Map<String, String> env) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("mac") || os.startsWith("windows")) {
            return new PollingThemeWatcher(OsDarkMode::prefersDark, POLL);
        }
        if (!Executables.sessionBus(env)) {
            return OsThemeWatcher.NONE; // no session bus: no desktop settings to follow
        }
        String path = env.get("PATH");
        List<OsThemeWatcher> all = new ArrayList<>();
        Executables.onPath("gsettings", path)
                .ifPresent(g -> all.add(MonitorThemeWatcher.gsettings(g.toString(), Map.of())));
        Executables.onPath("gdbus", path).ifPresent(g -> all.add(MonitorThemeWatcher.portal(g.toString(), Map.of())));
        return all.isEmpty()
                ? OsThemeWatcher.NONE
                : new OsThemeWatcher() {
                    @Override
                    public void start(Consumer<Boolean> prefersDark) {
                        all.forEach(w -> w.start(prefersDark));
                    }

                    @Override
                    public void close() {
                        all.forEach(OsThemeWatcher::close);
                    }
                };
    }
}
