package dev.qrbeam.core.relay;

import dev.qrbeam.protocol.json.WireJson;
import java.io.IOException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection of a {@link RelayClient} and its reader state: reassembles messages within the caps,
 * answers the Connect exchange, passes the rest to the client's {@link RelayEvents}, and tells the client when the
 * connection ends. Keepalive bookkeeping (last heard, pings and pongs) lives here too.
 */
final class ClientConnection implements WebSocket.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);

    private final RelayClient client;
    private final RelayEvents events;
    private final WireJson wire;
    final MessageAssembler assembler;
    volatile CompletableFuture<ConnectExchange> reply = new CompletableFuture<>();
    volatile WebSocket ws;
    volatile boolean ready;
    /** Closed or failed, possibly before it became ready. */
    volatile boolean gone;

    volatile long lastHeard = System.nanoTime();
    volatile CompletableFuture<WebSocket> pingDone = CompletableFuture.completedFuture(null);
    volatile long pingSentAt;
    /** When the oldest ping without a pong since was sent (0: none yet). */
    volatile long unansweredPingSince;

    volatile long pongAt;

    ClientConnection(RelayClient client, RelayEvents events, WireJson wire, InboundCaps caps) {
        this.client = client;
        this.events = events;
        this.wire = wire;
        this.assembler = new MessageAssembler(caps.maxTextBytes(), caps.maxBinaryBytes());
    }

    /** Aborts the socket, if it was opened. */
    void abort() {
        WebSocket w = ws;
        if (w != null) {
            w.abort();
        }
    }

    /**
     * The Connect exchange on this fresh connection: asks for {@code oldId} back (plainly, or — for a bound
     * credential — with a proof made for this connection, docs/protocol.md §8). A refused resume keeps or takes a
     * new id only if {@code believeRefusal}; otherwise it throws {@link ResumeRefusedException} so that the client
     * asks again on a new connection (a Connect damaged on the way is refused exactly like a forged one, and a
     * sender whose id is in its pairing code must not drop that id on one refusal).
     */
    ConnectExchange negotiate(
            String oldId, ResumeCredential credential, java.time.Duration timeout, boolean believeRefusal)
            throws IOException, InterruptedException, java.util.concurrent.ExecutionException,
                    java.util.concurrent.TimeoutException {
        boolean bound = oldId != null && credential.bound();
        String request = bound
                ? ConnectExchange.request(wire, null, null, credential.resumeKey(), null)
                : ConnectExchange.request(wire, oldId, credential.token(), credential.resumeKey(), null);
        try {
            ConnectExchange fresh = exchange(request, timeout);
            if (!bound) {
                return fresh;
            }
            try {
                return exchange(
                        ConnectExchange.request(
                                wire,
                                oldId,
                                credential.token(),
                                credential.resumeKey(),
                                credential.proof(oldId, fresh)),
                        timeout);
            } catch (java.util.concurrent.ExecutionException e) {
                if (!ConnectExchange.badResume(e)) {
                    throw e;
                }
                if (!believeRefusal) {
                    throw new ResumeRefusedException(oldId);
                }
                LOG.warn("relay refused to resume id {} again: keeping the new id", oldId);
                return fresh;
            }
        } catch (java.util.concurrent.ExecutionException e) {
            if (!ConnectExchange.badResume(e)) {
                throw e;
            }
            if (!believeRefusal) {
                throw new ResumeRefusedException(oldId);
            }
            LOG.warn("relay refused to resume id {} again: taking a new id", oldId);
            return exchange(ConnectExchange.request(wire, null, null, credential.resumeKey(), null), timeout);
        }
    }

    /** Sends one Connect request on this connection and waits for the relay's answer (or its error). */
    ConnectExchange exchange(String request, java.time.Duration timeout)
            throws InterruptedException, java.util.concurrent.ExecutionException,
                    java.util.concurrent.TimeoutException {
        if (reply.isDone() && !reply.isCompletedExceptionally()) {
            reply = new CompletableFuture<>();
        } else if (reply.isCompletedExceptionally() && !gone) {
            reply = new CompletableFuture<>(); // the previous request's refusal; a dead connection keeps its error
        }
        ws.sendText(request, true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletableFuture<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        return handle(webSocket, "text", () -> {
            String whole = assembler.text(data, last);
            if (whole != null) {
                deliverText(whole);
            }
        });
    }

    /** One part of a message as the assembler takes it. */
    @FunctionalInterface
    private interface Part {
        void take() throws IOException;
    }

    /** Takes one message part; a part over the caps (or memory) ends this connection, a handler's bug does not. */
    private CompletableFuture<?> handle(WebSocket webSocket, String kind, Part part) {
        lastHeard = System.nanoTime();
        try {
            part.take();
        } catch (IOException e) {
            fail(webSocket, e);
            return null;
        } catch (RuntimeException e) {
            LOG.warn("{} handler failed", kind, e);
        } catch (OutOfMemoryError e) {
            fail(
                    webSocket,
                    new MessageAssembler.OversizedMessageException(
                            "out of memory handling a relay message: " + e.getMessage()));
            return null;
        }
        webSocket.request(1);
        return null;
    }

    private void deliverText(String whole) {
        if (!reply.isDone()) {
            try {
                ConnectExchange r = ConnectExchange.parse(wire, whole);
                if (r != null) {
                    reply.complete(r);
                    return;
                }
            } catch (RelayErrorException e) {
                reply.completeExceptionally(e);
                return;
            }
        }
        events.onText(whole);
    }

    @Override
    public CompletableFuture<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        return handle(webSocket, "binary", () -> {
            ByteBuffer whole = assembler.binary(data, last);
            if (whole != null) {
                events.onBinary(whole);
            }
        });
    }

    @Override
    public CompletableFuture<?> onPong(WebSocket webSocket, ByteBuffer message) {
        lastHeard = System.nanoTime();
        pongAt = lastHeard;
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletableFuture<?> onPing(WebSocket webSocket, ByteBuffer message) {
        lastHeard = System.nanoTime();
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletableFuture<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        gone = true;
        reply.completeExceptionally(new IOException("relay closed: " + statusCode + " " + reason));
        client.dropped(this, "closed " + statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        gone = true;
        reply.completeExceptionally(error);
        client.dropped(this, String.valueOf(error.getMessage()));
    }

    /**
     * A message over the caps (or one we could not hold) means the relay broke its own limits or ours: it is
     * hostile or broken, and reconnecting to it would only repeat that, so the client gives up for good.
     */
    private void fail(WebSocket webSocket, IOException e) {
        gone = true;
        LOG.warn("{}", e.getMessage());
        webSocket.abort();
        reply.completeExceptionally(e);
        if (e instanceof MessageAssembler.OversizedMessageException) {
            client.giveUp(e.getMessage());
            return;
        }
        client.dropped(this, e.getMessage());
    }

    /**
     * Runs every third of the ping interval: pings once per interval (also while a pong is outstanding) and drops
     * the connection when a ping cannot be sent, when nothing at all was heard for three intervals, or when the
     * oldest unanswered ping is three intervals and at least {@code graceSeconds} old (a pong may queue
     * behind a window of data on a slow link).
     *
     * <p>Why the first two matter: the JDK client (17) loses the end of the stream when it arrives while a listener
     * callback runs — {@code TransportImpl} signals completion without transport demand, {@code
     * acknowledgeReception} throws an InternalError that the socket layer swallows — so the WebSocket never reports
     * the close. A busy receiver is nearly always inside a callback. The next write to the dead socket fails, which
     * the regular pings (and any other send, see {@link RelayClient}'s await) turn into a reconnect.
     */
    void keepalive(long interval, long graceSeconds) {
        long now = System.nanoTime();
        long silentFor = now - lastHeard;
        long unanswered = unansweredPingSince;
        boolean pongOverdue = unanswered != 0
                && pongAt < unanswered
                && now - unanswered > Math.max(3 * interval, TimeUnit.SECONDS.toNanos(graceSeconds));
        if (silentFor > 3 * interval || pongOverdue) {
            LOG.info(
                    "relay {} for {} ms: reconnecting",
                    pongOverdue ? "did not answer a ping" : "silent",
                    (pongOverdue ? now - unanswered : silentFor) / 1_000_000);
            ws.abort();
            client.dropped(this, pongOverdue ? "no pong" : "relay silent");
            return;
        }
        if (pingDone.isDone() && now - pingSentAt > interval) {
            if (unanswered == 0 || pongAt >= unanswered) {
                unansweredPingSince = now;
            }
            pingSentAt = now;
            pingDone = ws.sendPing(ByteBuffer.allocate(0));
            pingDone.whenComplete((sent, error) -> {
                if (error != null) {
                    ws.abort();
                    client.dropped(this, "ping failed: " + error.getMessage());
                }
            });
        }
    }
}
