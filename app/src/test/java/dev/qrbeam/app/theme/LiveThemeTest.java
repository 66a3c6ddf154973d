package dev.qrbeam.app.theme;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.qrbeam.app.desktop.DesktopServices;
import dev.qrbeam.app.notify.Notifier;
import dev.qrbeam.app.support.Engines;
import dev.qrbeam.app.support.SessionBus;
import dev.qrbeam.app.support.Ui;
import dev.qrbeam.app.tray.TrayPort;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Following the OS light/dark switch while the app runs. */
@Timeout(120)
class LiveThemeTest {
    @TempDir
    Path tmp;

    private static final String DARK = new PrimerDark().getUserAgentStylesheet();
    private static final String LIGHT = new PrimerLight().getUserAgentStylesheet();

    /**
     * Flips the scheme until the watcher has seen a switch to {@code dark}: gsettings monitor gives no sign
     * that it is subscribed, so the first flip may come too early; each round waits with a deadline.
     */
    private static void switchUntilSeen(SessionBus bus, LinkedBlockingQueue<Boolean> seen, boolean dark)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (System.nanoTime() < deadline) {
            bus.colorScheme(dark ? "prefer-light" : "prefer-dark");
            bus.colorScheme(dark ? "prefer-dark" : "prefer-light");
            Boolean got;
            while ((got = seen.poll(500, TimeUnit.MILLISECONDS)) != null) {
                if (got == dark) {
                    return;
                }
            }
        }
        throw new AssertionError("gsettings monitor never reported " + (dark ? "dark" : "light"));
    }

    @Test
    void gsettingsMonitorReportsTheSwitchToDarkAndBack() throws Exception {
        try (SessionBus bus = SessionBus.start(tmp.resolve("bus"));
                MonitorThemeWatcher watcher = MonitorThemeWatcher.gsettings("gsettings", bus.environment())) {
            LinkedBlockingQueue<Boolean> seen = new LinkedBlockingQueue<>();
            watcher.start(seen::add);
            switchUntilSeen(bus, seen, true);
            bus.colorScheme("default");
            assertThat(seen.poll(20, TimeUnit.SECONDS))
                    .as("back to the default (light) scheme")
                    .isFalse();
        }
    }

    @Test
    void theOpenWindowTurnsDarkWhenTheSystemDoesAndStaysLightWhenTheUserChoseLight() throws Exception {
        try (SessionBus bus = SessionBus.start(tmp.resolve("bus"))) {
            bus.colorScheme("prefer-light");
            LinkedBlockingQueue<Boolean> seen = new LinkedBlockingQueue<>();
            MonitorThemeWatcher gsettings = MonitorThemeWatcher.gsettings("gsettings", bus.environment());
            OsThemeWatcher watcher = new OsThemeWatcher() { // the app's watcher, also telling the test what it saw
                        @Override
                        public void start(java.util.function.Consumer<Boolean> prefersDark) {
                            gsettings.start(dark -> {
                                prefersDark.accept(dark);
                                seen.add(dark);
                            });
                        }

                        @Override
                        public void close() {
                            gsettings.close();
                        }
                    };
            Path home = tmp.resolve("home");
            Ui.Window w = Ui.open(
                    home,
                    Engines.embedded().factory(home),
                    0,
                    new DesktopServices(Notifier.NONE, TrayPort.NONE, watcher, () -> {}));
            try {
                assertThat(Ui.fx(Application::getUserAgentStylesheet)).isEqualTo(LIGHT);
                switchUntilSeen(bus, seen, true);
                Ui.waitFor(20, () -> DARK.equals(Application.getUserAgentStylesheet()));

                Ui.fxRun(() -> w.app().shell().show(dev.qrbeam.app.shell.Page.SETTINGS));
                javafx.scene.control.ComboBox<ThemeMode> choice = Ui.find(w, "settings-theme");
                Ui.fxRun(() -> choice.setValue(ThemeMode.LIGHT));
                Ui.waitFor(20, () -> LIGHT.equals(Application.getUserAgentStylesheet()));
                bus.colorScheme("prefer-light");
                switchUntilSeen(bus, seen, true);
                Ui.fxRun(() -> {}); // the FX thread has run what the watcher handed it
                assertThat(Ui.fx(Application::getUserAgentStylesheet))
                        .as("the user's choice wins")
                        .isEqualTo(LIGHT);
            } finally {
                w.close();
            }
        }
    }

    @Test
    void portalSignalLinesAreRead() {
        String dark = "/org/freedesktop/portal/desktop: org.freedesktop.portal.Settings.SettingChanged "
                + "('org.freedesktop.appearance', 'color-scheme', <uint32 1>)";
        String light = dark.replace("<uint32 1>", "<uint32 2>");
        String other = "/org/freedesktop/portal/desktop: org.freedesktop.portal.Settings.SettingChanged "
                + "('org.gnome.desktop.interface', 'clock-format', <'24h'>)";
        assertThat(List.of(dark, light, other).stream().map(MonitorThemeWatcher::parsePortal))
                .containsExactly(Optional.of(true), Optional.of(false), Optional.empty());
        assertThat(MonitorThemeWatcher.parseGsettings("color-scheme: 'prefer-dark'"))
                .contains(true);
        assertThat(MonitorThemeWatcher.parseGsettings("color-scheme: 'default'"))
                .contains(false);
    }
}
