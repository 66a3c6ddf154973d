package dev.qrbeam.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.app.support.NotificationDaemon;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/** The Linux notifier against a real notification daemon (dunst) on a private session bus. */
@Timeout(90)
class LibnotifyNotifierTest {
    @TempDir
    Path tmp;

    @Test
    void raisesANotificationThroughTheSessionBusAndAClickBringsTheWindowForward() throws Exception {
        FxToolkit.registerPrimaryStage(); // the click callback runs on the FX thread
        try (NotificationDaemon daemon = NotificationDaemon.start(tmp.resolve("bus"))) {
            LibnotifyNotifier notifier = new LibnotifyNotifier("notify-send", daemon.environment(), null);
            CountDownLatch clicked = new CountDownLatch(1);
            notifier.show(
                    new Notice("Files received", "3 files (12 MB) arrived and were verified."), clicked::countDown);

            daemon.waitUntil(30, () -> daemon.displayed() == 1);
            String calls = daemon.calls();
            assertThat(calls)
                    .contains("member=Notify")
                    .contains("string \"QRBeam\"")
                    .contains("string \"Files received\"")
                    .contains("string \"3 files (12 MB) arrived and were verified.\"")
                    .contains("string \"default\"");
            daemon.click();
            assertThat(clicked.await(20, TimeUnit.SECONDS))
                    .as("the click reached the app")
                    .isTrue();
        }
    }

    @Test
    void markupInAFileNameReachesTheServerAsText() throws Exception {
        try (NotificationDaemon daemon = NotificationDaemon.start(tmp.resolve("bus"))) {
            LibnotifyNotifier notifier = new LibnotifyNotifier("notify-send", daemon.environment(), null);
            notifier.show(
                    new Notice("Transfer failed", "<a href=\"https://evil.example/\">click</a> & <b>me</b>"), () -> {});
            daemon.waitUntil(30, () -> daemon.calls().contains("member=Notify"));
            daemon.waitUntil(10, () -> daemon.calls().contains("Transfer failed"));
            assertThat(daemon.calls())
                    .contains(
                            "string \"&lt;a href=&quot;https://evil.example/&quot;&gt;click&lt;/a&gt; &amp; &lt;b&gt;me&lt;/b&gt;\"")
                    .doesNotContain("<a href");
        }
    }
}
