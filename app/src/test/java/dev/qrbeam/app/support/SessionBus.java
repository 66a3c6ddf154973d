package dev.qrbeam.app.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A private D-Bus session bus ({@code dbus-daemon --session}) with its own settings store: GSettings go to
 * dconf under a temporary XDG_CONFIG_HOME, so tests switch the desktop's light/dark preference without
 * touching the user's. Skips where dbus-daemon, gsettings or the GNOME interface schema are missing.
 */
public final class SessionBus implements AutoCloseable {
    private final Process daemon;
    private final Map<String, String> env;

    private SessionBus(Process daemon, Map<String, String> env) {
        this.daemon = daemon;
        this.env = env;
    }

    public static SessionBus start(Path dir) throws IOException, InterruptedException {
        for (String tool : new String[] {"dbus-daemon", "gsettings"}) {
            assumeTrue(
                    Files.isExecutable(Path.of("/usr/bin", tool)), tool + " is not installed (bash .ci/setup-app.sh)");
        }
        Files.createDirectories(dir);
        // dconf-service is started by the bus and inherits its environment: it must write the temporary store
        ProcessBuilder pb = new ProcessBuilder("dbus-daemon", "--session", "--nofork", "--print-address=1")
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("XDG_CONFIG_HOME", dir.toString());
        pb.environment()
                .put(
                        "XDG_RUNTIME_DIR",
                        Files.createDirectories(dir.resolve("run")).toString());
        Process p = pb.start();
        String address =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (address == null) {
            p.destroy();
            throw new IOException("dbus-daemon printed no address");
        }
        SessionBus bus = new SessionBus(
                p,
                Map.of(
                        "DBUS_SESSION_BUS_ADDRESS",
                        address.strip(),
                        "XDG_CONFIG_HOME",
                        dir.toString(),
                        "XDG_RUNTIME_DIR",
                        dir.resolve("run").toString(),
                        "GSETTINGS_BACKEND",
                        "dconf"));
        assumeTrue(
                bus.run("gsettings", "writable", "org.gnome.desktop.interface", "color-scheme")
                        .strip()
                        .equals("true"),
                "no writable org.gnome.desktop.interface color-scheme (gsettings-desktop-schemas, dconf-service)");
        return bus;
    }

    public Map<String, String> environment() {
        return env;
    }

    public String run(String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        p.waitFor(20, TimeUnit.SECONDS);
        return new String(out, StandardCharsets.UTF_8);
    }

    /** Sets the desktop's color-scheme ('default', 'prefer-dark', 'prefer-light') as the settings panel does. */
    public void colorScheme(String value) throws IOException, InterruptedException {
        run("gsettings", "set", "org.gnome.desktop.interface", "color-scheme", value);
    }

    @Override
    public void close() {
        // dconf-service was started by activation on this bus; it exits when the bus goes away
        daemon.descendants().forEach(ProcessHandle::destroy);
        daemon.destroy();
        try {
            daemon.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
