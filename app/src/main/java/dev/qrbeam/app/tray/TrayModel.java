package dev.qrbeam.app.tray;

import dev.qrbeam.app.activity.TrackedTransfer;
import dev.qrbeam.app.history.Direction;
import dev.qrbeam.app.i18n.Messages;
import dev.qrbeam.app.transfer.Formats;
import dev.qrbeam.core.api.TransferState;
import java.util.List;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * What the tray (menu-bar) icon shows while the window is away: one status line with the progress of the
 * running transfers, and the Show / Quit actions. The OS tray view ({@link AwtTray}) binds to it. FX thread.
 */
public final class TrayModel {
    private final Messages m;
    private final StringProperty status = new SimpleStringProperty("");
    private final DoubleProperty progress = new SimpleDoubleProperty(-1);
    private final Runnable onShow;
    private final Runnable onQuit;

    public TrayModel(Messages messages, Runnable onShow, Runnable onQuit) {
        this.m = messages;
        this.onShow = onShow;
        this.onQuit = onQuit;
        status.set(m.get("tray.idle"));
    }

    /** The running transfers changed: summarise them ("Sending 2 files · 45 % · 1.2 GB"). */
    public void running(List<TrackedTransfer> running) {
        if (running.isEmpty()) {
            return; // keep the last outcome on display
        }
        long total = 0;
        long done = 0;
        boolean sending = false;
        boolean receiving = false;
        for (TrackedTransfer t : running) {
            total += t.progress().totalBytes();
            done += t.progress().bytesDone();
            sending |= t.direction() == Direction.SENT;
            receiving |= t.direction() == Direction.RECEIVED;
        }
        double fraction = total <= 0 ? 0 : Math.min(1.0, (double) done / total);
        progress.set(fraction);
        String what = sending && receiving ? m.get("tray.both") : m.get(sending ? "tray.sending" : "tray.receiving");
        status.set(m.format("tray.progress", what, Math.round(fraction * 100), Formats.bytes(total)));
    }

    /** A transfer ended while the window is away: the last outcome stays visible until the next one. */
    public void ended(TrackedTransfer t) {
        progress.set(-1);
        String key = (t.direction() == Direction.SENT ? "tray.sent." : "tray.received.")
                + t.state().name();
        status.set(m.format(
                key, t.progress().files().size(), Formats.bytes(t.progress().totalBytes())));
        if (t.state() == TransferState.DONE) {
            progress.set(1);
        }
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    /** 0..1 while transfers run, 1 after success, -1 when there is nothing to show. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    public String showLabel() {
        return m.get("tray.show");
    }

    public String quitLabel() {
        return m.get("tray.quit");
    }

    public String tooltip() {
        return m.format("tray.tooltip", status.get());
    }

    /** "Show QRBeam": the window comes back. */
    public void show() {
        onShow.run();
    }

    /** "Quit": asks once if transfers still run, then quits. */
    public void quit() {
        onQuit.run();
    }
}
