package dev.qrbeam.app.notify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/**
 * Linux (and BSD) desktops: the freedesktop notification service ({@code org.freedesktop.Notifications}
 * on the session D-Bus) through libnotify's {@code notify-send}, run as a subprocess. The notification
 * carries the "default" action, which notification servers invoke when the notification is clicked;
 * {@code notify-send} then prints the action's name and QRBeam brings its window forward.
 */
public final class LibnotifyNotifier implements Notifier {
    /** How long the server shows the notification. */
    static final int EXPIRE_MS = 10_000;
    /** notify-send waits for a click or the close; it never outlives this. */
    private static final long WAIT_LIMIT_S = 600;

    private final String executable;
    private final Map<String, String> environment;
    private final Path icon;

    /**
     * @param executable  the notify-send program
     * @param environment variables for the subprocess (DBUS_SESSION_BUS_ADDRESS picks the session bus)
     * @param icon        an image file for the notification, or null
     */
    public LibnotifyNotifier(String executable, Map<String, String> environment, Path icon) {
        this.executable = executable;
        this.environment = Map.copyOf(environment);
        this.icon = icon;
    }

    @Override
    public void show(Notice notice, Runnable onClick) {
        Thread t = new Thread(() -> run(notice, onClick), "qrbeam-notify");
        t.setDaemon(true);
        t.start();
    }

    /** The command line; title and body go as separate arguments (no shell), the body with markup escaped. */
    List<String> command(Notice notice) {
        List<String> cmd = new ArrayList<>(
                List.of(executable, "--app-name=QRBeam", "--expire-time=" + EXPIRE_MS, "--action=default=Show QRBeam"));
        if (icon != null) {
            cmd.add("--icon=" + icon);
        }
        cmd.add("--");
        cmd.add(notice.title());
        cmd.add(Markup.escape(notice.body()));
        return cmd;
    }

    private void run(Notice notice, Runnable onClick) {
        ProcessBuilder pb = new ProcessBuilder(command(notice)).redirectErrorStream(true);
        pb.environment().putAll(environment);
        try {
            Process p = pb.start();
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.strip().equals("default")) {
                        Platform.runLater(onClick);
                    }
                }
            }
            if (!p.waitFor(WAIT_LIMIT_S, TimeUnit.SECONDS)) {
                p.destroy();
            }
        } catch (IOException e) {
            // no notification service: the outcome is still on the window and in History
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
