package dev.qrbeam.relay.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A tiny test client on the JDK's {@link java.net.http.WebSocket}: reassembles messages into queues, sends
 * one message at a time (waiting for completion), exposes the close code. Reusable by core/app tests through
 * the relay test-jar.
 */
public final class TestWsClient implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    private final BlockingQueue<ByteBuffer> binaries = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket ws;

    private TestWsClient(HttpClient http, URI uri, boolean reading) {
        Listener listener = new Listener(reading);
        this.ws = join(http.newWebSocketBuilder().connectTimeout(TIMEOUT).buildAsync(uri, listener));
    }

    /** Connects with a fresh HttpClient. */
    public static TestWsClient connect(URI uri) {
        return new TestWsClient(HttpClient.newHttpClient(), uri, true);
    }

    /** Connects with a shared HttpClient (many connections). */
    public static TestWsClient connect(HttpClient http, URI uri) {
        return new TestWsClient(http, uri, true);
    }

    /** Connects but never asks for any message: a reader that never reads. */
    public static TestWsClient connectNonReading(URI uri) {
        return new TestWsClient(HttpClient.newHttpClient(), uri, false);
    }

    /** Sends a text message and waits until it is written. */
    public TestWsClient send(String text) {
        join(ws.sendText(text, true));
        return this;
    }

    /** Starts sending a text message without waiting (e.g. one the relay will refuse mid-way). */
    public CompletableFuture<WebSocket> sendAsync(String text) {
        return ws.sendText(text, true);
    }

    /** Starts sending a binary message; the future completes once written (back-pressure shows here). */
    public CompletableFuture<WebSocket> sendBinaryAsync(ByteBuffer data) {
        return ws.sendBinary(data, true);
    }

    public TestWsClient sendBinary(ByteBuffer data) {
        join(sendBinaryAsync(data));
        return this;
    }

    /** Sends {@code {"action":"Connect"}} and returns the reply's {@code message}. */
    public JsonNode connectMessage() {
        send("{\"action\":\"Connect\"}");
        JsonNode reply = awaitJson();
        if (!"Connect".equals(reply.path("action").asText())) {
            throw new AssertionError("expected a Connect reply, got " + reply);
        }
        return reply.get("message");
    }

    /** Sends Connect and returns this connection's id. */
    public String connectId() {
        return connectMessage().get("connectionid").asText();
    }

    public String awaitText() {
        return poll(texts, TIMEOUT);
    }

    /** The next text message parsed as JSON. */
    public JsonNode awaitJson() {
        try {
            return JSON.readTree(awaitText());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Waits for the next message and asserts it is an Error; returns its code. */
    public String awaitErrorCode() {
        JsonNode n = awaitJson();
        if (!"Error".equals(n.path("action").asText())) {
            throw new AssertionError("expected an Error, got " + n);
        }
        return n.path("message").path("code").asText();
    }

    public ByteBuffer awaitBinary() {
        return poll(binaries, TIMEOUT);
    }

    /** Next text message within {@code wait}, or null. */
    public String pollText(Duration wait) {
        try {
            return texts.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits for the relay to close the connection and returns the close code. */
    public int awaitClose(Duration wait) {
        try {
            return closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("connection not closed within " + wait, e);
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    public CompletableFuture<Integer> closeFuture() {
        return closed;
    }

    @Override
    public void close() {
        ws.abort();
    }

    private static <T> T poll(BlockingQueue<T> q, Duration wait) {
        try {
            T t = q.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (t == null) {
                throw new AssertionError("no message within " + wait);
            }
            return t;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError(e.getCause() != null ? e.getCause() : e);
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final boolean reading;
        private final StringBuilder text = new StringBuilder();
        private ByteBuffer binary = ByteBuffer.allocate(0);

        Listener(boolean reading) {
            this.reading = reading;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            if (reading) {
                webSocket.request(1);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                texts.add(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            ByteBuffer joined = ByteBuffer.allocate(binary.remaining() + data.remaining());
            joined.put(binary).put(data).flip();
            binary = joined;
            if (last) {
                binaries.add(binary);
                binary = ByteBuffer.allocate(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(1006);
        }
    }
}
