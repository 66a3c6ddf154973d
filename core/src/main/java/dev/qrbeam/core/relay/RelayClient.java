package dev.qrbeam.core.relay;

import dev.qrbeam.protocol.json.WireJson;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A relay connection on the JDK's {@code java.net.http.WebSocket} that survives drops: it reconnects with jittered
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
    private final HttpClient http;
    private final ScheduledExecutorService timer;
    private static final long PONG_GRACE_SECONDS = 15;
    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
    private final java.util.concurrent.locks.ReentrantLock sendLock = new java.util.concurrent.locks.ReentrantLock();
    private final Object stateLock = new Object();

    private volatile Link link;
    private volatile boolean closed;
    private volatile String connectionId;
    private final ResumeCredential credential;
    private volatile AdvertisedLimits limits = AdvertisedLimits.AWS_LIKE;
    private volatile long disconnectedSince;
    private final java.util.concurrent.atomic.AtomicBoolean reconnectScheduled = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);

    /**
     * The JDK client reads the socket into fresh 16 KiB heap buffers by default and hands each one through its
     * scheduler to our listener, and masks outgoing data into a 16 KiB buffer per write: ~65,000 reads, callbacks,
     * {@code request(1)} round trips and writes per GiB. 256 KiB buffers cut that 16-fold (see
     * docs/benchmarks.md). {@code jdk.httpclient.bufsize} is documented by {@code java.net.http} and read once,
     * when its first client class loads; {@code jdk.httpclient.websocket.writeBufferSize} is read per connection.
     * Both are set here unless the user chose a value.
     */
    static final int IO_BUFFER_BYTES = 256 * 1024;

    static {
        for (String p : new String[] {"jdk.httpclient.bufsize", "jdk.httpclient.websocket.writeBufferSize"}) {
            if (System.getProperty(p) == null) {
                System.setProperty(p, Integer.toString(IO_BUFFER_BYTES));
            }
        }
    }

    private RelayClient(URI uri, RelayEvents events, RelayClientOptions options, WireJson wire) {
        this.uri = uri;
        this.events = events;
        this.options = options;
        this.wire = wire;
        this.connectionId = options.resumeId();
        this.credential = ResumeCredential.of(options.resumeToken(), new java.security.SecureRandom());
        HttpClient.Builder hb = HttpClient.newBuilder().connectTimeout(options.connectTimeout());
        if (options.tls() != null) {
            hb.sslContext(options.tls());
        }
        this.http = options.dialer() == null ? hb.build() : null; // no selector thread when it is not used
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
            client.connectOnce();
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
        Link l = link;
        return l != null && l.ready && !closed;
    }

    /** Sends a text message (JSON), split into frames no larger than the relay's frame limit. */
    public void sendText(CharSequence text) throws IOException {
        int frame = Math.max(1024, limits.maxFrameBytes());
        sendLock.lock();
        try {
            WebSocket ws = awaitLink();
            if (text.length() <= frame) {
                issue(ws, ws.sendText(text, true));
                return;
            }
            for (int off = 0; off < text.length(); ) {
                int end = Math.min(text.length(), off + frame);
                if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                    end--;
                }
                issue(ws, ws.sendText(text.subSequence(off, end), end == text.length()));
                off = end;
            }
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
            Link l = link;
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
            if (data.remaining() <= frame) {
                issue(ws, ws.sendBinary(data, true));
                return;
            }
            while (data.hasRemaining()) {
                int n = Math.min(frame, data.remaining());
                ByteBuffer part = data.slice().limit(n);
                data.position(data.position() + n);
                issue(ws, ws.sendBinary(part, !data.hasRemaining()));
            }
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
                    throw new IOException("relay unreachable for " + options.sendTimeout().toSeconds() + " s");
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
            if (ws != null) {
                ws.abort();
            }
            throw new IOException("relay did not accept data for " + options.sendTimeout().toSeconds() + " s");
        } catch (ExecutionException e) {
            lastSend = CompletableFuture.completedFuture(null);
            Link l = link;
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

    /**
     * Bound resume (docs/protocol.md §8): on the fresh connection {@code fresh}, ask for our old id with a proof made
     * for this connection. A refusal keeps the fresh id.
     */
    private ConnectExchange resumeBound(Link l, WebSocket ws, ConnectExchange fresh)
            throws IOException, InterruptedException, ExecutionException, TimeoutException {
        l.reply = new CompletableFuture<>();
        ws.sendText(ConnectExchange.request(wire, connectionId, credential.token(), credential.resumeKey(),
                credential.proof(connectionId, fresh.connectionId())), true)
                .get(options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        try {
            return l.reply.get(options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RelayErrorException re && "bad-resume".equals(re.code())) {
                LOG.warn("relay refused to resume id {}: keeping the new id", connectionId);
                return fresh;
            }
            throw e;
        }
    }

    private void connectOnce() throws IOException {
        Link l = new Link();
        boolean bound = connectionId != null && credential.bound();
        String request = bound ? ConnectExchange.request(wire, null, null, credential.resumeKey(), null)
                : ConnectExchange.request(wire, connectionId, credential.token(), credential.resumeKey(), null);
        try {
            WebSocket ws = open(l).get(options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
            l.ws = ws;
            ws.sendText(request, true).get(options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
            ConnectExchange reply;
            try {
                reply = l.reply.get(options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
                if (bound) {
                    reply = resumeBound(l, ws, reply);
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RelayErrorException re && "bad-resume".equals(re.code())) {
                    LOG.warn("relay refused to resume id {}: taking a new id", connectionId);
                    l.reply = new CompletableFuture<>();
                    ws.sendText(ConnectExchange.request(wire, null, null, credential.resumeKey(), null), true)
                            .get(options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
                    reply = l.reply.get(options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
                } else {
                    throw e;
                }
            }
            boolean resumed = reply.connectionId().equals(connectionId);
            connectionId = reply.connectionId();
            credential.update(reply);
            limits = reply.limits();
            InboundCaps caps = options.inbound().under(reply.limits());
            l.assembler.maxBytes(caps.maxTextBytes(), caps.maxBinaryBytes());
            synchronized (stateLock) {
                if (l.gone) {
                    throw new IOException("connection closed while connecting");
                }
                lastSend = CompletableFuture.completedFuture(null);
                link = l;
                l.ready = true;
                stateLock.notifyAll();
            }
            events.onConnected(connectionId, resumed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort(l);
            throw new InterruptedIOException("interrupted while connecting");
        } catch (ExecutionException e) {
            abort(l);
            Throwable c = e.getCause();
            throw c instanceof IOException io ? io : new IOException("cannot connect to " + uri + ": " + c, c);
        } catch (TimeoutException e) {
            abort(l);
            throw new IOException("relay " + uri + " did not answer within " + options.connectTimeout().toSeconds() + " s");
        }
    }

    private CompletableFuture<WebSocket> open(Link l) {
        return options.dialer() != null ? options.dialer().open(uri, options.connectTimeout(), l)
                : http.newWebSocketBuilder().connectTimeout(options.connectTimeout()).buildAsync(uri, l);
    }

    private static void abort(Link l) {
        if (l.ws != null) {
            l.ws.abort();
        }
    }

    /**
     * Runs every third of the ping interval: pings once per interval (also while a pong is outstanding) and drops
     * the connection when a ping cannot be sent, when nothing at all was heard for three intervals, or when the
     * oldest unanswered ping is three intervals and at least {@value #PONG_GRACE_SECONDS} s old (a pong may queue
     * behind a window of data on a slow link).
     *
     * <p>Why the first two matter: the JDK client (17) loses the end of the stream when it arrives while a listener
     * callback runs — {@code TransportImpl} signals completion without transport demand, {@code
     * acknowledgeReception} throws an InternalError that the socket layer swallows — so the WebSocket never reports
     * the close. A busy receiver is nearly always inside a callback. The next write to the dead socket fails, which
     * the regular pings (and any other send, see {@link #await}) turn into a reconnect.
     */
    private void keepalive() {
        Link l = link;
        if (!closed && (l == null || !l.ready)) {
            scheduleReconnect(); // safety net: never stay disconnected without a pending attempt
            return;
        }
        if (l == null || closed) {
            return;
        }
        long now = System.nanoTime();
        long interval = options.pingInterval().toNanos();
        long silentFor = now - l.lastHeard;
        long unanswered = l.unansweredPingSince;
        boolean pongOverdue = unanswered != 0 && l.pongAt < unanswered
                && now - unanswered > Math.max(3 * interval, TimeUnit.SECONDS.toNanos(PONG_GRACE_SECONDS));
        if (silentFor > 3 * interval || pongOverdue) {
            LOG.info("relay {} for {} ms: reconnecting", pongOverdue ? "did not answer a ping" : "silent",
                    (pongOverdue ? now - unanswered : silentFor) / 1_000_000);
            l.ws.abort();
            dropped(l, pongOverdue ? "no pong" : "relay silent");
            return;
        }
        if (l.pingDone.isDone() && now - l.pingSentAt > interval) {
            if (unanswered == 0 || l.pongAt >= unanswered) {
                l.unansweredPingSince = now;
            }
            l.pingSentAt = now;
            l.pingDone = l.ws.sendPing(ByteBuffer.allocate(0));
            l.pingDone.whenComplete((ws, error) -> {
                if (error != null) {
                    l.ws.abort();
                    dropped(l, "ping failed: " + error.getMessage());
                }
            });
        }
    }

    /** Called when a link ends; starts reconnecting unless we are closing. */
    private void dropped(Link l, String reason) {
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
    private void giveUp(String reason) {
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
        Link l = link;
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
        Link l = link;
        if (l != null && l.ws != null) {
            try {
                l.ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                l.ws.abort();
            }
        }
        shutdown();
    }

    private void shutdown() {
        timer.shutdownNow();
    }

    /** One WebSocket connection and its reader state. */
    private final class Link implements WebSocket.Listener {
        final MessageAssembler assembler = new MessageAssembler(options.inbound().maxTextBytes(),
                options.inbound().maxBinaryBytes());
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

        @Override
        public CompletableFuture<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            lastHeard = System.nanoTime();
            try {
                String whole = assembler.text(data, last);
                if (whole != null) {
                    deliverText(whole);
                }
            } catch (IOException e) {
                fail(webSocket, e);
                return null;
            } catch (RuntimeException e) {
                LOG.warn("text handler failed", e);
            } catch (OutOfMemoryError e) {
                fail(webSocket, new MessageAssembler.OversizedMessageException(
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
            lastHeard = System.nanoTime();
            try {
                ByteBuffer whole = assembler.binary(data, last);
                if (whole != null) {
                    events.onBinary(whole);
                }
            } catch (IOException e) {
                fail(webSocket, e);
                return null;
            } catch (RuntimeException e) {
                LOG.warn("binary handler failed", e);
            } catch (OutOfMemoryError e) {
                fail(webSocket, new MessageAssembler.OversizedMessageException(
                        "out of memory handling a relay message: " + e.getMessage()));
                return null;
            }
            webSocket.request(1);
            return null;
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
            dropped(this, "closed " + statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            gone = true;
            reply.completeExceptionally(error);
            dropped(this, String.valueOf(error.getMessage()));
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
                giveUp(e.getMessage());
                return;
            }
            dropped(this, e.getMessage());
        }
    }
}
