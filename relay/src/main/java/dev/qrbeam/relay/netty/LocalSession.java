package dev.qrbeam.relay.netty;

import dev.qrbeam.relay.core.BinaryMessage;
import dev.qrbeam.relay.core.CloseCodes;
import dev.qrbeam.relay.core.LocalConnection;
import dev.qrbeam.relay.core.LocalPeer;
import dev.qrbeam.relay.core.RelayCore;
import dev.qrbeam.relay.core.Session;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A {@link LocalConnection} as a {@link Session} of the {@link RelayCore}. Inbound (to the local peer): delivered in
 * order on one daemon thread of its own; bytes queued there are counted, and past the high-water mark the
 * connections feeding it stop being read until it drains (as for a {@link NettySession}). Outbound: text goes to
 * the core as the array it is; a binary message is wrapped without a copy ({@link ReleasingBuf}) and its future
 * completes when Netty has released it and the target is writable.
 */
final class LocalSession implements Session, LocalConnection {
    private final RelayCore core;
    private final LocalPeer peer;
    private final long highWater;
    private final Consumer<LocalSession> onEnd;
    private final ExecutorService delivery;
    private final AtomicLong queued = new AtomicLong();
    private final Set<NettySession> waiters = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile String id;

    LocalSession(RelayCore core, LocalPeer peer, long highWater, Consumer<LocalSession> onEnd) {
        this.core = core;
        this.peer = peer;
        this.highWater = highWater;
        this.onEnd = onEnd;
        this.delivery = new ThreadPoolExecutor(0, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "relay-local-delivery");
            t.setDaemon(true);
            return t;
        });
    }

    // ---- Session (the core's side)

    @Override
    public String id() {
        return id;
    }

    @Override
    public void assignId(String id) {
        this.id = id;
    }

    @Override
    public String remoteAddress() {
        return "in-process";
    }

    @Override
    public void sendText(String text) {
        deliver(text.length(), () -> peer.onText(text));
    }

    @Override
    public void sendTextUtf8(byte[] utf8, int off, int len) {
        deliver(len, () -> peer.onText(new String(utf8, off, len, StandardCharsets.UTF_8)));
    }

    @Override
    public void sendTextUtf8(byte[] utf8) {
        sendTextUtf8(utf8, 0, utf8.length);
    }

    @Override
    public void sendBinary(BinaryMessage message) {
        ByteBuffer copy = ByteBuffer.allocate(message.length());
        ((NettyBinaryMessage) message)
                .buffer()
                .getBytes(((NettyBinaryMessage) message).buffer().readerIndex(), copy);
        copy.flip();
        deliver(copy.remaining(), () -> peer.onBinary(copy));
    }

    @Override
    public void close(int code, String reason) {
        if (end()) {
            delivery.execute(() -> peer.onClose(code, reason));
            delivery.shutdown();
        }
    }

    private void deliver(int size, Runnable task) {
        if (closed.get()) {
            return;
        }
        queued.addAndGet(size);
        try {
            delivery.execute(() -> {
                try {
                    task.run();
                } finally {
                    if (queued.addAndGet(-size) <= highWater / 2) {
                        wakeWaiters();
                    }
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            queued.addAndGet(-size); // closed meanwhile
        }
    }

    /** Back-pressure: {@code source} (a socket connection that delivered to this one) pauses while we lag. */
    void throttle(NettySession source) {
        if (queued.get() <= highWater || closed.get()) {
            return;
        }
        source.channel().config().setAutoRead(false);
        waiters.add(source);
        if (queued.get() <= highWater / 2 || closed.get()) {
            wakeWaiters();
        }
    }

    private void wakeWaiters() {
        for (NettySession w : waiters) {
            if (waiters.remove(w)) {
                w.resume();
            }
        }
    }

    // ---- LocalConnection (the local client's side)

    @Override
    public void sendText(byte[] utf8, int length) {
        if (!closed.get()) {
            core.onTextOwned(this, utf8, length);
        }
    }

    @Override
    public CompletableFuture<Void> sendBinary(ByteBuffer data) {
        if (closed.get()) {
            // as a socket write after the close: the sender must learn that this chunk went nowhere
            return CompletableFuture.failedFuture(new java.io.IOException("the relay closed this connection"));
        }
        ReleasingBuf buf = ReleasingBuf.of(data);
        Session target;
        try {
            target = core.onBinary(this, new NettyBinaryMessage(buf));
        } finally {
            buf.release();
        }
        if (target instanceof NettySession t) {
            return buf.released().thenCombine(t.whenWritable(), (a, b) -> null);
        }
        return buf.released();
    }

    @Override
    public boolean isOpen() {
        return !closed.get();
    }

    @Override
    public void close() {
        if (end()) {
            delivery.shutdown();
        }
    }

    /** Unbinds from the core once; true for the call that did it. */
    private boolean end() {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        core.onClose(this);
        wakeWaiters();
        onEnd.accept(this);
        return true;
    }

    /** Closes as the relay does on shutdown (1001). */
    void relayStopping() {
        close(CloseCodes.GOING_AWAY, "relay shutting down");
    }

    @Override
    public String toString() {
        return "local session " + id;
    }
}
