package dev.qrbeam.relay.netty;

import dev.qrbeam.relay.core.BinaryMessage;
import dev.qrbeam.relay.core.CloseCodes;
import dev.qrbeam.relay.core.RelayCounters;
import dev.qrbeam.relay.core.Session;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Netty channel as a {@link Session}. Outbound bytes are counted: past the channel's high-water mark the
 * senders feeding it are paused (auto-read off) until it drains; past {@code maxQueuedBytes} the channel is a
 * reader that does not read and is closed with 1008.
 */
final class NettySession implements Session {
    private static final Logger LOG = LoggerFactory.getLogger(NettySession.class);

    private final Channel channel;
    private final String remote;
    private final long maxQueuedBytes;
    private final RelayCounters counters;
    private final OutboundBudget budget;
    private final AtomicLong queued = new AtomicLong();
    private volatile long lastDrained = System.nanoTime();
    private final Set<NettySession> waiters = ConcurrentHashMap.newKeySet();
    private final java.util.Queue<CompletableFuture<Void>> writable =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile String id;
    private volatile boolean closing;

    NettySession(Channel channel, String remote, long maxQueuedBytes, RelayCounters counters, OutboundBudget budget) {
        this.channel = channel;
        this.remote = remote;
        this.maxQueuedBytes = maxQueuedBytes;
        this.counters = counters;
        this.budget = budget;
        budget.register(this);
        channel.closeFuture().addListener(f -> budget.unregister(this));
    }

    Channel channel() {
        return channel;
    }

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
        return remote;
    }

    @Override
    public void sendText(String text) {
        ByteBuf buf = ByteBufUtil.writeUtf8(channel.alloc(), text);
        send(new TextWebSocketFrame(buf));
    }

    @Override
    public void sendTextUtf8(byte[] utf8) {
        send(new TextWebSocketFrame(Unpooled.wrappedBuffer(utf8)));
    }

    @Override
    public void sendTextUtf8(byte[] utf8, int off, int len) {
        send(new TextWebSocketFrame(Unpooled.wrappedBuffer(utf8, off, len)));
    }

    @Override
    public void sendBinary(BinaryMessage message) {
        ByteBuf buf = ((NettyBinaryMessage) message).buffer();
        send(new BinaryWebSocketFrame(buf.retainedDuplicate()));
    }

    private void send(WebSocketFrame frame) {
        long size = frame.content().readableBytes();
        if (!channel.isActive() || closing) {
            frame.release();
            return;
        }
        long nowQueued = queued.addAndGet(size);
        if (nowQueued == size) {
            // the queue was empty: this client was idle, not failing to read (it was evicted first as "stalest"
            // when the first message in seconds reached it — the reading pair of NonReadingClientsTest)
            lastDrained = System.nanoTime();
        }
        if (nowQueued > maxQueuedBytes) {
            queued.addAndGet(-size);
            frame.release();
            closing = true;
            LOG.warn("closing {}: outbound queue over {} bytes (client does not read)", id, maxQueuedBytes);
            counters.closedBy("slow-reader");
            channel.config().setAutoRead(false);
            channel.close();
            return;
        }
        budget.reserve(size);
        channel.writeAndFlush(frame).addListener((ChannelFutureListener) f -> {
            queued.addAndGet(-size);
            budget.release(size);
            if (f.isSuccess()) {
                lastDrained = System.nanoTime();
            }
        });
    }

    /** Bytes queued towards this client and not yet written to its socket. */
    long queuedBytes() {
        return queued.get();
    }

    /** When a queued write to this client last completed, or its queue last became non-empty (or it opened). */
    long lastDrained() {
        return lastDrained;
    }

    /** Closes at once, dropping the queue: the relay-wide budget needs the memory (1008). */
    void evict(String reason) {
        closing = true;
        channel.config().setAutoRead(false);
        channel.eventLoop().execute(() -> {
            channel.writeAndFlush(new CloseWebSocketFrame(CloseCodes.POLICY_VIOLATION, reason));
            channel.close();
        });
    }

    /** Lets this producer read again (the budget or a target drained). */
    void resume() {
        channel.eventLoop().execute(() -> {
            if (channel.isActive()) {
                channel.config().setAutoRead(true);
            }
        });
    }

    @Override
    public void close(int code, String reason) {
        closing = true;
        Closing.close(channel, code, reason);
    }

    /** True once the relay decided to close this session; its further input is ignored. */
    boolean closing() {
        return closing;
    }

    /**
     * Back-pressure: called on {@code source}'s event loop after a message was delivered to this session.
     * If this channel cannot take more, {@code source} stops reading until this channel drains (or closes).
     */
    void throttle(NettySession source) {
        if (budget.over()) {
            budget.pause(source);
        }
        if (channel.isWritable() || !channel.isActive()) {
            return;
        }
        source.channel.config().setAutoRead(false);
        waiters.add(source);
        if (channel.isWritable() || !channel.isActive()) {
            wakeWaiters();
        }
    }

    /**
     * Completes when this channel can take more (under its high-water mark) or has closed: how an in-process
     * producer ({@link LocalSession}) is paced, as a socket producer is by {@link #throttle}.
     */
    CompletableFuture<Void> whenWritable() {
        if (channel.isWritable() || !channel.isActive()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> f = new CompletableFuture<>();
        writable.add(f);
        if (channel.isWritable() || !channel.isActive()) {
            wakeWaiters();
        }
        return f;
    }

    /** Lets paused senders read again (this channel became writable or closed). */
    void wakeWaiters() {
        for (CompletableFuture<Void> f; (f = writable.poll()) != null; ) {
            f.complete(null);
        }
        for (NettySession w : waiters) {
            if (waiters.remove(w)) {
                if (budget.over()) {
                    budget.pause(w);
                } else {
                    w.resume();
                }
            }
        }
    }

    @Override
    public String toString() {
        return "session " + id + " " + remote;
    }
}
