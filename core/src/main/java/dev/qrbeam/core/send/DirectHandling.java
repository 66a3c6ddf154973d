package dev.qrbeam.core.send;

import dev.qrbeam.core.control.Control;
import dev.qrbeam.core.control.ControlCodec;
import dev.qrbeam.core.session.SessionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "Download directly" side of one send (phone pages paired through the built-in relay, {@link DirectOffers}):
 * answers the page's {@code direct} asks, and holds the rule that a {@code done} from the receiver ends the send
 * only once no direct download still runs (else the last one to finish ends it). {@code doneReceived} is guarded by
 * the {@link SendPeer}'s lock.
 */
final class DirectHandling {
    private static final Logger LOG = LoggerFactory.getLogger(DirectHandling.class);

    private final SessionContext ctx;
    private final SendPeer peer;
    private final SendPump pump;
    private final Runnable done;
    private volatile DirectOffers offers;
    private boolean doneReceived;

    /** @param done ends the send as done */
    DirectHandling(SessionContext ctx, SendPeer peer, SendPump pump, Runnable done) {
        this.ctx = ctx;
        this.peer = peer;
        this.pump = pump;
        this.done = done;
    }

    void offers(DirectOffers offers) {
        this.offers = offers;
    }

    /** The offers, or null when direct downloads are off for this send. */
    DirectOffers offers() {
        return offers;
    }

    /** The receiver said {@code done}: ends the send now unless direct downloads still run. */
    void onDone() {
        DirectOffers d = offers;
        synchronized (peer.lock()) {
            doneReceived = true;
        }
        if (d == null || d.running() == 0) {
            done.run();
        } // else: the phone's direct downloads still run; the last one to finish ends the send
    }

    /** The phone page {@code from} asks to download file {@code m.index()} directly from the built-in relay. */
    void onDirect(String from, ControlCodec c, Control m) {
        DirectOffers d = offers;
        Integer index = m.index();
        SourceFile f = index == null ? null : pump.file(index);
        if (d == null || f == null || !d.available(ctx.link.client())) {
            return;
        }
        int i = index;
        String path = d.offer(
                f,
                bytes -> {
                    ctx.threads.progress.fileBytes(i, bytes);
                    peer.touch();
                },
                () -> {
                    boolean end;
                    synchronized (peer.lock()) {
                        end = doneReceived && d.running() == 0;
                    }
                    if (end) {
                        done.run();
                    }
                });
        LOG.info("file {} offered for direct download (not end-to-end encrypted) to {}", i, from);
        ctx.threads.send(() -> ctx.link.sendControl(from, c.seal(Control.direct(i, path))));
    }

    /** Withdraws every offer (the send ended). */
    void revokeAll() {
        DirectOffers d = offers;
        if (d != null) {
            d.revokeAll();
        }
    }
}
