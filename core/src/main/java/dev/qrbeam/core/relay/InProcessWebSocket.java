package dev.qrbeam.core.relay;

import dev.qrbeam.relay.RelayHandle;
import dev.qrbeam.relay.core.LocalConnection;
import dev.qrbeam.relay.core.LocalPeer;
import dev.qrbeam.relay.core.RelayCore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The sender's connection to its own built-in relay, in-process (issue 14): a {@link WebSocket} over the relay's
 * {@link LocalConnection}, so a {@link RelayClient} runs unchanged on it while a chunk goes from the sender's frame
 * buffer straight to the receiver's Netty connection — no loopback socket, no masking, no unmasking, no copy into
 * the relay. {@code sendBinary}'s future completes when the relay has released the buffer and the receiver's
 * connection is under its high-water mark, so the client's one-send-in-flight rule paces the sender by the
 * receiver. Messages from the relay reach the listener on the connection's delivery thread.
 */
public final class InProcessWebSocket implements WebSocket, LocalPeer {
    private final WebSocket.Listener listener;
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final ByteArrayOutputStream textParts = new ByteArrayOutputStream();
    private final ByteArrayOutputStream binaryParts = new ByteArrayOutputStream();
    private volatile LocalConnection connection;

    private InProcessWebSocket(WebSocket.Listener listener) {
        this.listener = listener;
    }

    /** A dialer that attaches to {@code relay} in-process, whatever URI the client names (it is that relay's). */
    public static WebSocketDialer dialer(RelayHandle relay) {
        return (uri, timeout, listener) -> {
            InProcessWebSocket ws = new InProcessWebSocket(listener);
            try {
                ws.connection = relay.attachLocal(ws);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(new IOException("built-in relay: " + e.getMessage(), e));
            }
            listener.onOpen(ws);
            return CompletableFuture.completedFuture(ws);
        };
    }

    // ---- WebSocket (the client's side)

    @Override
    public CompletableFuture<WebSocket> sendText(CharSequence data, boolean last) {
        if (!open.get()
                || !connection.isOpen()) { // closed by us, or by the relay (its onClose may still be on its way)
            return closedFuture();
        }
        byte[] utf8 = data.toString().getBytes(StandardCharsets.UTF_8);
        synchronized (textParts) {
            if (!last || textParts.size() > 0) {
                textParts.write(utf8, 0, utf8.length);
                if (!last) {
                    return CompletableFuture.completedFuture(this);
                }
                utf8 = textParts.toByteArray();
                textParts.reset();
            }
        }
        byte[] owned = java.util.Arrays.copyOf(utf8, utf8.length + RelayCore.TEXT_SPARE);
        connection.sendText(owned, utf8.length);
        return CompletableFuture.completedFuture(this);
    }

    @Override
    public CompletableFuture<WebSocket> sendBinary(ByteBuffer data, boolean last) {
        if (!open.get()) {
            return closedFuture();
        }
        ByteBuffer whole = data;
        synchronized (binaryParts) {
            if (!last || binaryParts.size() > 0) { // a message cut into frames (a relay frame limit): joined here
                byte[] part = new byte[data.remaining()];
                data.get(part);
                binaryParts.write(part, 0, part.length);
                if (!last) {
                    return CompletableFuture.completedFuture(this);
                }
                whole = ByteBuffer.wrap(binaryParts.toByteArray());
                binaryParts.reset();
            }
        }
        if (!whole.hasArray() || whole.isReadOnly()) {
            ByteBuffer copy = ByteBuffer.allocate(whole.remaining());
            copy.put(whole.duplicate()).flip();
            whole = copy;
        }
        return connection.sendBinary(whole).thenApply(v -> this);
    }

    @Override
    public CompletableFuture<WebSocket> sendPing(ByteBuffer message) {
        if (!open.get()) {
            return closedFuture();
        }
        // the relay answers pings at once; here it is always there while the connection is open
        CompletableFuture.runAsync(() -> listener.onPong(this, ByteBuffer.allocate(0)));
        return CompletableFuture.completedFuture(this);
    }

    @Override
    public CompletableFuture<WebSocket> sendPong(ByteBuffer message) {
        return CompletableFuture.completedFuture(this);
    }

    @Override
    public CompletableFuture<WebSocket> sendClose(int statusCode, String reason) {
        abort();
        return CompletableFuture.completedFuture(this);
    }

    @Override
    public void request(long n) {
        // deliveries are already one at a time on the connection's own thread
    }

    @Override
    public String getSubprotocol() {
        return "";
    }

    @Override
    public boolean isOutputClosed() {
        return !open.get();
    }

    @Override
    public boolean isInputClosed() {
        return !open.get();
    }

    @Override
    public void abort() {
        if (open.compareAndSet(true, false)) {
            connection.close();
        }
    }

    private CompletableFuture<WebSocket> closedFuture() {
        return CompletableFuture.failedFuture(new IOException("Output closed"));
    }

    // ---- LocalPeer (the relay's side)

    @Override
    public void onText(String text) {
        if (open.get()) {
            await(listener.onText(this, text, true));
        }
    }

    @Override
    public void onBinary(ByteBuffer data) {
        if (open.get()) {
            await(listener.onBinary(this, data, true));
        }
    }

    @Override
    public void onClose(int code, String reason) {
        if (open.compareAndSet(true, false)) {
            listener.onClose(this, code, reason);
        }
    }

    /** A listener that returns a stage is done with the message only when it completes. */
    private static void await(CompletionStage<?> stage) {
        if (stage != null) {
            stage.toCompletableFuture().join();
        }
    }
}
