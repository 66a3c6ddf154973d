package dev.qrbeam.app.notify;

import java.io.IOException;
import java.util.List;

/**
 * macOS without a usable tray: Notification Center through {@code osascript}'s "display notification".
 * Title and body are passed as arguments to the script (never spliced into it). macOS attributes such
 * notifications to Script Editor, so a click does not reach QRBeam.
 */
public final class OsascriptNotifier implements Notifier {
    @Override
    public void show(Notice notice, Runnable onClick) {
        try {
            new ProcessBuilder(command(notice))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            // no osascript: the outcome is still on the window and in History
        }
    }

    static List<String> command(Notice notice) {
        return List.of(
                "osascript",
                "-e",
                "on run argv",
                "-e",
                "display notification (item 2 of argv) with title \"QRBeam\" subtitle (item 1 of argv)",
                "-e",
                "end run",
                notice.title(),
                notice.body());
    }
}
