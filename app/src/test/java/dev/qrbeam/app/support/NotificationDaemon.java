package dev.qrbeam.app.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real desktop notification service for tests: a private D-Bus session bus with the dunst notification
 * daemon on it (dunst draws on a private Xvfb display), plus {@code dbus-monitor} recording every
 * {@code org.freedesktop.Notifications} call on that bus. Nothing touches the user's own session. Tests skip
 * (with the reason) where xvfb-run, dbus-run-session, dunst, dunstctl, dbus-monitor or gdbus are missing
 * ({@code .ci/setup-app.sh} installs them).
 */
public final class NotificationDaemon implements AutoCloseable {
    private static final List<String> TOOLS =
            List.of("xvfb-run", "dbus-run-session", "dunst", "dunstctl", "dbus-monitor", "gdbus");

    private final Process session;
    private final Process monitor;
    private final String address;
    private final Path monitorLog;

    private NotificationDaemon(Process session, String address, Process monitor, Path monitorLog) {
        this.session = session;
        this.address = address;
        this.monitor = monitor;
        this.monitorLog = monitorLog;
    }

    /** Starts bus, daemon and monitor; waits until the daemon owns org.freedesktop.Notifications. */
    public static NotificationDaemon start(Path dir) throws Exception {
        for (String tool : TOOLS) {
            assumeTrue(
                    onPath(tool), tool + " is not installed (bash .ci/setup-app.sh): skipping the notification test");
        }
        Files.createDirectories(dir);
        Path dunstrc = Files.writeString(dir.resolve("dunstrc"), "[global]\n    timeout = 0\n");
        ProcessBuilder pb = new ProcessBuilder(
                "xvfb-run",
                "-a",
                "-s",
                "-screen 0 640x480x24 -nolisten tcp",
                "dbus-run-session",
                "--",
                "sh",
                "-c",
                "echo \"$DBUS_SESSION_BUS_ADDRESS\"; exec dunst -conf \"$1\"",
                "sh",
                dunstrc.toString());
        pb.environment().put("XDG_CONFIG_HOME", dir.toString());
        pb.redirectError(dir.resolve("dunst.log").toFile());
        Process session = pb.start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(session.getInputStream(), StandardCharsets.UTF_8));
        String address = out.readLine();
        if (address == null || address.isBlank()) {
            kill(session);
            throw new IOException(
                    "no session bus address from dbus-run-session: " + Files.readString(dir.resolve("dunst.log")));
        }
        Path log = dir.resolve("dbus-monitor.log");
        ProcessBuilder mon = new ProcessBuilder(
                        "dbus-monitor", "--address", address, "interface='org.freedesktop.Notifications'")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Process monitor = mon.start();
        NotificationDaemon d = new NotificationDaemon(session, address, monitor, log);
        try {
            // ready: dunst owns the name, and the monitor is attached (it prints its own NameAcquired first)
            d.waitUntil(
                    30,
                    () -> Files.size(log) > 0
                            && d.run(
                                            "gdbus",
                                            "call",
                                            "--session",
                                            "--dest",
                                            "org.freedesktop.DBus",
                                            "--object-path",
                                            "/org/freedesktop/DBus",
                                            "--method",
                                            "org.freedesktop.DBus.NameHasOwner",
                                            "org.freedesktop.Notifications")
                                    .contains("true"));
        } catch (TimeoutException e) {
            d.close();
            throw e;
        }
        return d;
    }

    /** The environment that points a client at this bus. */
    public Map<String, String> environment() {
        return Map.of("DBUS_SESSION_BUS_ADDRESS", address);
    }

    /** Everything dbus-monitor has seen so far. */
    public String calls() throws IOException {
        return Files.readString(monitorLog, StandardCharsets.UTF_8);
    }

    /** How many notifications dunst shows now. */
    public int displayed() throws IOException, InterruptedException {
        String n = run("dunstctl", "count", "displayed").strip();
        return n.isEmpty() ? -1 : Integer.parseInt(n);
    }

    /** Clicks the newest notification as a user would (dunst invokes its "default" action). */
    public void click() throws IOException, InterruptedException {
        run("dunstctl", "action", "0");
    }

    /** Polls (with a deadline, no fixed sleep in the test) until {@code condition}. */
    public void waitUntil(int seconds, Check condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.ok()) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("condition not met within " + seconds + " s; D-Bus calls seen:\n" + calls());
            }
            Thread.sleep(50);
        }
    }

    /** A condition that may do I/O. */
    @FunctionalInterface
    public interface Check {
        boolean ok() throws Exception;
    }

    public String run(String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(environment());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        p.waitFor(20, TimeUnit.SECONDS);
        return new String(out, StandardCharsets.UTF_8);
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static void kill(Process p) {
        List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
        all.forEach(ProcessHandle::destroy);
        p.destroy();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        all.forEach(h -> h.destroyForcibly());
        p.destroyForcibly();
    }

    @Override
    public void close() {
        kill(monitor);
        kill(session);
    }
}
