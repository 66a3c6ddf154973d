package dev.qrbeam.core.relay;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** The JDK's {@code java.net.http} WebSocket client as a {@link WebSocketDialer}: every relay but the sender's own. */
final class JdkWebSocketDialer implements WebSocketDialer {
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

    private final HttpClient http;

    private JdkWebSocketDialer(HttpClient http) {
        this.http = http;
    }

    /**
     * A dialer with its own HttpClient, trusting {@code options.tls()} for {@code wss://}, or else the JDK's default
     * context, made only if a {@code wss://} connection needs it ({@link LazyDefaultTls}).
     */
    static JdkWebSocketDialer create(RelayClientOptions options) {
        HttpClient.Builder hb = HttpClient.newBuilder().connectTimeout(options.connectTimeout());
        if (options.tls() != null) {
            hb.sslContext(options.tls());
        } else {
            hb.sslContext(LazyDefaultTls.create()).sslParameters(LazyDefaultTls.parameters());
        }
        return new JdkWebSocketDialer(hb.build());
    }

    @Override
    public CompletableFuture<WebSocket> open(URI uri, Duration connectTimeout, WebSocket.Listener listener) {
        return http.newWebSocketBuilder().connectTimeout(connectTimeout).buildAsync(uri, listener);
    }
}
