package dev.qrbeam.app.activity;

import dev.qrbeam.app.history.Direction;
import dev.qrbeam.app.history.TransferObserver;
import dev.qrbeam.core.api.TransferProgress;
import dev.qrbeam.core.api.TransferState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Which transfers of one window are under way, fed by the History recorder's progress snapshots. Answers
 * the close guard ("is anything running?") and tells the tray and the notifications about state changes.
 * Thread-safe; one per window (no static state).
 */
public final class TransferActivity implements TransferObserver {
    private static final int ENDED_REMEMBERED = 1000;

    private final Map<String, TrackedTransfer> live = new LinkedHashMap<>();
    private final Set<String> ended = new LinkedHashSet<>();
    private final List<ActivityListener> listeners = new CopyOnWriteArrayList<>();

    public void addListener(ActivityListener listener) {
        listeners.add(listener);
    }

    @Override
    public void progress(String id, Direction direction, TransferProgress p) {
        TrackedTransfer now = new TrackedTransfer(id, direction, p);
        TransferState from;
        synchronized (this) {
            if (ended.contains(id)) {
                return; // late duplicates of a final snapshot
            }
            TrackedTransfer before = live.get(id);
            from = before == null ? null : before.state();
            if (p.state().isTerminal()) {
                live.remove(id);
                ended.add(id);
                if (ended.size() > ENDED_REMEMBERED) {
                    ended.remove(ended.iterator().next());
                }
            } else {
                live.put(id, now);
            }
        }
        if (from != p.state()) {
            listeners.forEach(l -> l.stateChanged(now, from));
        }
        listeners.forEach(l -> l.progressed(now));
    }

    /** The transfers that closing the window would break (see {@link TrackedTransfer#running()}). */
    public synchronized List<TrackedTransfer> running() {
        List<TrackedTransfer> out = new ArrayList<>();
        for (TrackedTransfer t : live.values()) {
            if (t.running()) {
                out.add(t);
            }
        }
        return out;
    }

    public boolean anyRunning() {
        return !running().isEmpty();
    }
}
