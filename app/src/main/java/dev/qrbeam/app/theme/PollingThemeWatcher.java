package dev.qrbeam.app.theme;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * macOS and Windows report the switch only to native code, so the setting is read again every few seconds
 * ({@code defaults read -g AppleInterfaceStyle}, registry {@code AppsUseLightTheme}; see {@link OsDarkMode}).
 */
public final class PollingThemeWatcher implements OsThemeWatcher {
    private final BooleanSupplier probe;
    private final Duration period;
    private ScheduledExecutorService timer;

    public PollingThemeWatcher(BooleanSupplier probe, Duration period) {
        this.probe = probe;
        this.period = period;
    }

    @Override
    public synchronized void start(Consumer<Boolean> prefersDark) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "qrbeam-theme-poll");
            t.setDaemon(true);
            return t;
        });
        boolean[] last = {probe.getAsBoolean()};
        timer.scheduleWithFixedDelay(
                () -> {
                    boolean now = probe.getAsBoolean();
                    if (now != last[0]) {
                        last[0] = now;
                        prefersDark.accept(now);
                    }
                },
                period.toMillis(),
                period.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
