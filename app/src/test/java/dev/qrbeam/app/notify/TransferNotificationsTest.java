package dev.qrbeam.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.app.activity.TransferActivity;
import dev.qrbeam.app.history.Direction;
import dev.qrbeam.app.i18n.Messages;
import dev.qrbeam.app.support.Ui;
import dev.qrbeam.core.api.FailureCode;
import dev.qrbeam.core.api.FileProgress;
import dev.qrbeam.core.api.TransferFailure;
import dev.qrbeam.core.api.TransferProgress;
import dev.qrbeam.core.api.TransferState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/** When QRBeam speaks up: once per outcome and event, only while the window is away. */
class TransferNotificationsTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    private final List<Notice> shown = new CopyOnWriteArrayList<>();
    private final AtomicBoolean attended = new AtomicBoolean(false);
    private final TransferActivity activity = new TransferActivity();
    private final TransferNotifications notifications = new TransferNotifications(
            (n, click) -> shown.add(n),
            new Messages(Locale.ENGLISH),
            attended::get,
            () -> {},
            Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeAll
    static void fx() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    private static TransferProgress progress(TransferState s, long done, TransferFailure failure) {
        List<FileProgress> files = done > 0 || s == TransferState.DONE
                ? List.of(new FileProgress("photo.jpg", 2_000_000, done, s))
                : List.of();
        return new TransferProgress(s, files.isEmpty() ? 0 : 2_000_000, done, 0, null, 0, 0, files, failure);
    }

    /** Lets the FX thread run what the listener handed it. */
    private static void settle() throws Exception {
        Ui.fxRun(() -> {});
    }

    @Test
    void aFinishedSendIsToldOnceAndTheReceiverConnectingOnce() throws Exception {
        activity.addListener(notifications);
        activity.progress("t1", Direction.SENT, progress(TransferState.WAITING, 0, null));
        activity.progress("t1", Direction.SENT, progress(TransferState.PAIRING, 0, null));
        activity.progress("t1", Direction.SENT, progress(TransferState.TRANSFERRING, 1000, null));
        activity.progress("t1", Direction.SENT, progress(TransferState.DONE, 2_000_000, null));
        activity.progress("t1", Direction.SENT, progress(TransferState.DONE, 2_000_000, null));
        settle();
        assertThat(shown).extracting(Notice::title).containsExactly("Receiver connected", "Files sent");
        assertThat(shown.get(1).body()).isEqualTo("The other computer has all 1 file (2.0 MB), verified.");
    }

    @Test
    void aFailedReceiveSaysWhyAndNothingIsSaidWhileTheWindowIsInFront() throws Exception {
        activity.addListener(notifications);
        attended.set(true);
        activity.progress("r1", Direction.RECEIVED, progress(TransferState.TRANSFERRING, 1000, null));
        activity.progress("r1", Direction.RECEIVED, progress(TransferState.DONE, 2_000_000, null));
        settle();
        assertThat(shown).isEmpty();
        attended.set(false);
        activity.progress("r2", Direction.RECEIVED, progress(TransferState.TRANSFERRING, 1000, null));
        activity.progress(
                "r2",
                Direction.RECEIVED,
                progress(TransferState.FAILED, 1000, new TransferFailure(FailureCode.DISK_FULL, "no space")));
        settle();
        assertThat(shown).extracting(Notice::title).containsExactly("Transfer failed");
    }

    @Test
    void aCodeNobodyUsedIsWithdrawnSilently() throws Exception {
        activity.addListener(notifications);
        activity.progress("t2", Direction.SENT, progress(TransferState.WAITING, 0, null));
        activity.progress("t2", Direction.SENT, progress(TransferState.CANCELLED, 0, null));
        settle();
        assertThat(shown).isEmpty();
    }

    @Test
    void aCodeAboutToExpireIsToldOnceAMinuteBefore() {
        notifications.codeWaiting(() -> NOW.plus(Duration.ofMinutes(5)));
        assertThat(shown).isEmpty();
        Instant soon = NOW.plusSeconds(50);
        notifications.codeWaiting(() -> soon);
        notifications.codeWaiting(() -> soon);
        assertThat(shown).extracting(Notice::body).containsExactly("Nobody has used the code yet; it expires in 0:50.");
        notifications.codeWaiting(() -> null);
        assertThat(shown).hasSize(1);
    }
}
