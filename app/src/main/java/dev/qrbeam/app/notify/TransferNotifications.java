package dev.qrbeam.app.notify;

import dev.qrbeam.app.activity.ActivityListener;
import dev.qrbeam.app.activity.TrackedTransfer;
import dev.qrbeam.app.history.Direction;
import dev.qrbeam.app.i18n.Messages;
import dev.qrbeam.app.transfer.FailureMessages;
import dev.qrbeam.app.transfer.Formats;
import dev.qrbeam.core.api.TransferState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.application.Platform;

/**
 * Decides when the user hears from QRBeam while looking elsewhere: when a transfer ends (done, failed,
 * cancelled), when a receiver connects to a shown code, and when a code nobody has used is about to
 * expire — only while the window is not in front, and at most once per transfer and event (no spam).
 * A click on the notification brings the window forward. State changes arrive on engine threads and are
 * judged on the FX thread.
 */
public final class TransferNotifications implements ActivityListener {
    /** "About to expire": the warning comes this long before the code stops working. */
    public static final Duration EXPIRY_WARNING = Duration.ofSeconds(60);

    private final Notifier notifier;
    private final Messages m;
    private final FailureMessages failures;
    private final BooleanSupplier attended;
    private final Runnable bringForward;
    private final Clock clock;
    private final Set<String> told = new HashSet<>();
    private boolean muted;

    /**
     * @param attended     true while the user looks at the window (shown, not minimised, focused); FX thread
     * @param bringForward what a click on a notification does; FX thread
     */
    public TransferNotifications(
            Notifier notifier, Messages messages, BooleanSupplier attended, Runnable bringForward, Clock clock) {
        this.notifier = notifier;
        this.m = messages;
        this.failures = new FailureMessages(messages);
        this.attended = attended;
        this.bringForward = bringForward;
        this.clock = clock;
    }

    /** The user asked to cancel and quit: what follows is no news to them. */
    public void mute() {
        muted = true;
    }

    @Override
    public void stateChanged(TrackedTransfer t, TransferState from) {
        Platform.runLater(() -> judge(t, from));
    }

    private void judge(TrackedTransfer t, TransferState from) {
        TransferState s = t.state();
        if (s.isTerminal()) {
            if (from == null && t.direction() == Direction.SENT) {
                return; // a code withdrawn before anyone came: not a transfer outcome
            }
            if (from == TransferState.WAITING
                    && t.direction() == Direction.SENT
                    && t.progress().bytesDone() == 0
                    && s != TransferState.DONE
                    && t.progress().files().isEmpty()) {
                return; // the code expired or was replaced: Send shows it
            }
            tell(t.id() + "/end", outcome(t));
        } else if (t.direction() == Direction.SENT && s != TransferState.WAITING) {
            // the first state past WAITING: a receiver used the code (told once per transfer)
            tell(t.id() + "/connected", new Notice(m.get("notify.connected.title"), m.get("notify.connected.body")));
        }
    }

    /**
     * Called every few seconds with the shown code's expiry (null when no code waits): warns once per code
     * when it expires within {@link #EXPIRY_WARNING}.
     */
    public void codeWaiting(Supplier<Instant> expiresAt) {
        Instant at = expiresAt.get();
        if (at == null) {
            return;
        }
        Duration left = Duration.between(clock.instant(), at);
        if (!left.isNegative() && left.compareTo(EXPIRY_WARNING) <= 0) {
            tell(
                    "code/" + at,
                    new Notice(m.get("notify.expiring.title"), m.format("notify.expiring.body", Formats.clock(left))));
        }
    }

    private Notice outcome(TrackedTransfer t) {
        boolean sent = t.direction() == Direction.SENT;
        int files = t.progress().files().size();
        String size = Formats.bytes(t.progress().totalBytes());
        return switch (t.state()) {
            case DONE ->
                new Notice(
                        m.get(sent ? "notify.sent.title" : "notify.received.title"),
                        m.format(sent ? "notify.sent.body" : "notify.received.body", files, size));
            case CANCELLED ->
                new Notice(
                        m.get("notify.cancelled.title"),
                        t.progress().failure() == null
                                ? m.get("notify.cancelled.body")
                                : failures.describe(t.progress().failure()));
            default ->
                new Notice(
                        m.get("notify.failed.title"),
                        failures.describe(t.progress().failure()));
        };
    }

    private void tell(String key, Notice notice) {
        if (muted || attended.getAsBoolean() || !told.add(key)) {
            return;
        }
        notifier.show(notice, bringForward);
    }
}
