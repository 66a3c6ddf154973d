package dev.qrbeam.core.relay;

import dev.qrbeam.protocol.json.WireJson;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A relay connection on a {@code java.net.http.WebSocket} (the JDK's client, or {@link InProcessWebSocket} for the
 * sender's own built-in relay) that survives drops: it reconnects with jittered
 * backoff and presents {@code connectionid}+{@code resumetoken} so the id stays the same (wire contract §4).
 * At most one send is outstanding; a send blocks while the relay back-pressures or while reconnecting (up to
 * {@link RelayClientOptions#sendTimeout()}), so nothing queues without bound. Messages over the frame limit are
 * split into continuation frames.
 */
public final class RelayClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RelayClient.class);

    private final URI uri;
    private final RelayEvents events;
    private final RelayClientOptions options;
    private final WireJson wire;
    private final WebSocketDialer dialer;
    private final ScheduledExecutorService timer;
    private static final long PONG_GRACE_SECONDS = 15;
    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
    private final ReentrantLock sendLock = new ReentrantLock();
    private final Object stateLock = new Object();

    private volatile ClientConnection link;
    private volatile boolean closed;
    private volatile String connectionId;
    private final ResumeCredential credential;
    private volatile AdvertisedLimits limits = AdvertisedLimits.AWS_LIKE;
    private volatile long disconnectedSince;
    private final AtomicBoolean reconnectScheduled = new AtomicBoolean();
    private volatile CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);

    private RelayClient(URI uri, RelayEvents events, RelayClientOptions options, WireJson wire) {
        this.uri = uri;
        this.events = events;
        this.options = options;
        this.wire = wire;
        this.connectionId = options.resumeId();
        this.credential = ResumeCredential.of(options.resumeToken(), new java.security.SecureRandom());
        this.dialer = options.dialer() != null ? options.dialer() : JdkWebSocketDialer.create(options);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "relay-client-timer");
            t.setDaemon(true);
            return t;
        });
    }

    /** Connects and waits for the relay's Connect reply; afterwards the client keeps itself connected. */
    public static RelayClient connect(URI uri, RelayEvents events, RelayClientOptions options, WireJson wire)
            throws IOException {
        RelayClient client = new RelayClient(uri, events, options, wire);
        try {
            while (true) {
                try {
                    client.connectOnce();
                    break;
                } catch (ResumeRefusedException e) {
                    // asked again at once: ResumeCredential believes the third refusal in a row, so this ends
                }
            }
        } catch (IOException e) {
            client.shutdown();
            throw e;
        }
        long period = Math.max(1, options.pingInterval().toMillis() / 3);
        client.timer.scheduleAtFixedRate(client::keepalive, period, period, TimeUnit.MILLISECONDS);
        return client;
    }

    public String connectionId() {
        return connectionId;
    }

    /** What resumes this id later (opaque; keep it private): see {@link ResumeCredential#persisted()}. */
    public String resumeToken() {
        return credential.persisted();
    }

    public AdvertisedLimits limits() {
        return limits;
    }

    public URI uri() {
        return uri;
    }

    public boolean isConnected() {
        ClientConnection l = link;
        return l != null && l.ready && !closed;
    }

    /** Sends a text message (JSON), split into frames no larger than the relay's frame limit. */
    public void sendText(CharSequence text) throws IOException {
        int frame = Math.max(1024, limits.maxFrameBytes());
        sendLock.lock();
        try {
            WebSocket ws = awaitLink();
            FrameSplitter.text(text, frame, (part, last) -> issue(ws, ws.sendText(part, last)));
        } finally {
            sendLock.unlock();
        }
    }

    /**
     * Sends a small text message only if that can happen right now (connected, no other send in flight, fits one
     * frame); returns false otherwise without waiting. For latency-sensitive control messages from reader threads.
     */
    public boolean trySendText(String text) throws IOException {
        if (!isConnected() || text.length() > Math.max(1024, limits.maxFrameBytes()) || !sendLock.tryLock()) {
            return false;
        }
        try {
            ClientConnection l = link;
            if (l == null || !l.ready || !lastSend.isDone()) {
                return false;
            }
            issue(l.ws, l.ws.sendText(text, true));
            return true;
        } finally {
            sendLock.unlock();
        }
    }

    /**
     * Sends a binary message. The buffer must stay untouched until the next send returns (at most one send is
     * outstanding; the next call waits for this one).
     */
    public void sendBinary(ByteBuffer data) throws IOException {
        int frame = limits.maxFrameBytes() > 0 ? limits.maxFrameBytes() : Integer.MAX_VALUE;
        sendLock.lock();
        try {
            WebSocket ws = awaitLink();
            FrameSplitter.binary(data, frame, (part, last) -> issue(ws, ws.sendBinary(part, last)));
        } finally {
            sendLock.unlock();
        }
    }

    /** Waits until the previous send left, then records {@code next} as the outstanding one. */
    private void issue(WebSocket ws, CompletableFuture<WebSocket> next) throws IOException {
        lastSend = next;
        await(next, ws);
    }

    private WebSocket awaitLink() throws IOException {
        await(lastSend, null);
        long deadline = System.nanoTime() + options.sendTimeout().toNanos();
        synchronized (stateLock) {
            while (!isConnected()) {
                if (closed) {
                    throw new IOException("relay connection closed");
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IOException(
                            "relay unreachable for " + options.sendTimeout().toSeconds() + " s");
                }
                try {
                    stateLock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the relay");
                }
            }
            return link.ws;
        }
    }

    private void await(CompletableFuture<?> f, WebSocket ws) throws IOException {
        try {
            f.get(options.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while sending");
        } catch (TimeoutException e) {
            // the stuck send must not make the next one wait for it too, and the link is dead: reconnect now
            lastSend = CompletableFuture.completedFuture(null);
            ClientConnection l = link;
            if (ws != null) {
                ws.abort();
                if (l != null && l.ws == ws) {
                    dropped(l, "send timed out");
                }
            }
            throw new IOException(
                    "relay did not accept data for " + options.sendTimeout().toSeconds() + " s");
        } catch (ExecutionException e) {
            lastSend = CompletableFuture.completedFuture(null);
            ClientConnection l = link;
            if (e.getCause() instanceof IOException && l != null && ws != null && l.ws == ws) {
                ws.abort(); // a write to a closed socket: the link is dead even if the JDK never said so
                dropped(l, "send failed: " + e.getCause().getMessage());
            }
            throw new IOException("send failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Blocks until connected (true) or the time ran out / the client closed (false). */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (stateLock) {
            while (!isConnected() && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                stateLock.wait(Math.max(1, left / 1_000_000));
            }
            return isConnected();
        }
    }

    private void connectOnce() throws IOException {
        ClientConnection l = new ClientConnection(this, events, wire, options.inbound());
        try {
            l.ws = dialer.open(uri, options.connectTimeout(), l)
                    .get(options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
            ConnectExchange reply;
            try {
                reply = l.negotiate(connectionId, credential, options.connectTimeout(), credential.believeRefusal());
            } catch (ResumeRefusedException e) {
                l.abort();
                LOG.info("{} (refusal {} in a row)", e.getMessage(), credential.refused());
                throw e;
            }
            credential.answered();
            boolean resumed = reply.connectionId().equals(connectionId);
            connectionId = reply.connectionId();
            credential.update(reply, resumed);
            limits = reply.limits();
            InboundCaps caps = options.inbound().under(reply.limits());
            l.assembler.maxBytes(caps.maxTextBytes(), caps.maxBinaryBytes());
            synchronized (stateLock) {
                if (l.gone || closed) {
                    l.abort();
                    throw new IOException(
                            closed ? "client closed while connecting" : "connection closed while connecting");
                }
                lastSend = CompletableFuture.completedFuture(null);
                link = l;
                l.ready = true;
                stateLock.notifyAll();
            }
            events.onConnected(connectionId, resumed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            l.abort();
            throw new InterruptedIOException("interrupted while connecting");
        } catch (ExecutionException e) {
            l.abort();
            Throwable c = e.getCause();
            throw c instanceof IOException io ? io : new IOException("cannot connect to " + uri + ": " + c, c);
        } catch (TimeoutException e) {
            l.abort();
            throw new IOException("relay " + uri + " did not answer within "
                    + options.connectTimeout().toSeconds() + " s");
        }
    }

    /** Runs every third of the ping interval: see {@link ClientConnection#keepalive}. */
    private void keepalive() {
        ClientConnection l = link;
        if (!closed && (l == null || !l.ready)) {
            scheduleReconnect(); // safety net: never stay disconnected without a pending attempt
            return;
        }
        if (l != null && !closed) {
            l.keepalive(options.pingInterval().toNanos(), PONG_GRACE_SECONDS);
        }
    }

    /** Called when a link ends; starts reconnecting unless we are closing. */
    void dropped(ClientConnection l, String reason) {
        synchronized (stateLock) {
            if (l != link || !l.ready) {
                return;
            }
            l.ready = false;
            stateLock.notifyAll();
        }
        if (closed) {
            return;
        }
        disconnectedSince = System.nanoTime();
        LOG.debug("relay connection lost: {}", reason);
        try {
            events.onDisconnected(reason);
        } finally {
            scheduleReconnect();
        }
    }

    private void scheduleReconnect() {
        if (!closed && reconnectScheduled.compareAndSet(false, true)) {
            try {
                timer.schedule(this::reconnect, backoff.next().toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                reconnectScheduled.set(false);
            }
        }
    }

    private void reconnect() {
        reconnectScheduled.set(false);
        if (closed || isConnected()) {
            return;
        }
        try {
            connectOnce();
            backoff.reset();
        } catch (IOException | RuntimeException e) {
            if (e instanceof RuntimeException) {
                LOG.warn("reconnect attempt failed unexpectedly", e);
            }
            if (System.nanoTime() - disconnectedSince > options.giveUpAfter().toNanos()) {
                giveUp("relay unreachable: " + e.getMessage());
                return;
            }
            scheduleReconnect();
        }
    }

    /** Stops for good: no more reconnects, senders wake up and fail, the events hear {@code reason} once. */
    void giveUp(String reason) {
        synchronized (stateLock) {
            if (closed) {
                return;
            }
            closed = true;
            stateLock.notifyAll();
        }
        LOG.warn("giving up on relay {}: {}", uri, reason);
        events.onClosed(reason);
        shutdown();
    }

    /** Drops the current connection as if the network failed (tests, and recovery from a stuck peer). */
    public void dropConnection() {
        ClientConnection l = link;
        if (l != null && l.ws != null) {
            l.ws.abort();
            dropped(l, "dropped locally");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (stateLock) {
            stateLock.notifyAll();
        }
        shutdown(); // first: a reconnect in progress on the timer then sees 'closed' and cannot install a new link
        ClientConnection l;
        synchronized (stateLock) {
            l = link;
        }
        if (l != null && l.ws != null) {
            try {
                l.ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                l.ws.abort();
            }
        }
    }

    private void shutdown() {
        timer.shutdownNow();
    }
}
