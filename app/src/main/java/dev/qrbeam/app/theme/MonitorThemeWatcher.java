package dev.qrbeam.app.theme;

import dev.qrbeam.app.platform.Executables;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Linux: runs a command that prints a line whenever the setting changes and reads it, with no polling:
 * {@code gsettings monitor org.gnome.desktop.interface color-scheme} (GNOME and desktops using its
 * settings) or {@code gdbus monitor} on the XDG desktop portal, whose {@code SettingChanged} signal carries
 * {@code org.freedesktop.appearance color-scheme} (GNOME, KDE Plasma and others with a portal).
 */
public final class MonitorThemeWatcher implements OsThemeWatcher {
    private final List<String> command;
    private final Map<String, String> environment;
    private final Function<String, Optional<Boolean>> parser;
    private volatile Process process;
    private volatile boolean closed;
    /** Ends the monitor also when the JVM ends without closing the window (SIGTERM at logout). */
    private final Thread onExit = new Thread(this::close, "qrbeam-theme-watch-exit");

    /** @param parser reads one output line: dark, light, or empty when the line says nothing about it */
    public MonitorThemeWatcher(
            List<String> command, Map<String, String> environment, Function<String, Optional<Boolean>> parser) {
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.parser = parser;
    }

    /** {@code gsettings monitor}: lines like {@code color-scheme: 'prefer-dark'}. */
    public static MonitorThemeWatcher gsettings(String gsettings, Map<String, String> env) {
        return new MonitorThemeWatcher(
                lineBuffered(List.of(gsettings, "monitor", "org.gnome.desktop.interface", "color-scheme")),
                env,
                MonitorThemeWatcher::parseGsettings);
    }

    /** The portal's SettingChanged signal, watched with {@code gdbus monitor} on the session bus. */
    public static MonitorThemeWatcher portal(String gdbus, Map<String, String> env) {
        return new MonitorThemeWatcher(
                lineBuffered(List.of(
                        gdbus,
                        "monitor",
                        "--session",
                        "--dest",
                        "org.freedesktop.portal.Desktop",
                        "--object-path",
                        "/org/freedesktop/portal/desktop")),
                env,
                MonitorThemeWatcher::parsePortal);
    }

    /**
     * Both tools print through C stdio, which holds a pipe's output back in 4 KiB blocks: a switch would never
     * arrive. coreutils' {@code stdbuf -oL} makes them flush every line.
     */
    static List<String> lineBuffered(List<String> command) {
        List<String> out = new ArrayList<>();
        Executables.onPath("stdbuf", System.getenv("PATH")).ifPresent(stdbuf -> {
            out.add(stdbuf.toString());
            out.add("-oL");
        });
        out.addAll(command);
        return out;
    }

    static Optional<Boolean> parseGsettings(String line) {
        if (!line.contains("color-scheme")) {
            return Optional.empty();
        }
        return Optional.of(line.contains("prefer-dark"));
    }

    /** {@code ... SettingChanged ('org.freedesktop.appearance', 'color-scheme', <uint32 1>)}: 1 dark, 2 light, 0 none. */
    static Optional<Boolean> parsePortal(String line) {
        if (!line.contains("SettingChanged")
                || !line.contains("'org.freedesktop.appearance'")
                || !line.contains("'color-scheme'")) {
            return Optional.empty();
        }
        return Optional.of(line.matches(".*<uint32 1>.*"));
    }

    @Override
    public void start(Consumer<Boolean> prefersDark) {
        Runtime.getRuntime().addShutdownHook(onExit);
        Thread t = new Thread(() -> watch(prefersDark), "qrbeam-theme-watch");
        t.setDaemon(true);
        t.start();
    }

    private void watch(Consumer<Boolean> prefersDark) {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        pb.environment().putAll(environment);
        Boolean last = null;
        try {
            synchronized (this) {
                if (closed) {
                    return;
                }
                process = pb.start();
            }
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    Optional<Boolean> dark = parser.apply(line);
                    if (dark.isPresent() && !dark.get().equals(last)) {
                        last = dark.get();
                        prefersDark.accept(last);
                    }
                }
            }
        } catch (IOException e) {
            // the command is missing or ended: the theme stays as detected at start-up
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (process != null) {
            process.destroy();
        }
        if (Thread.currentThread() != onExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // already shutting down, or never started
            }
        }
    }
}
