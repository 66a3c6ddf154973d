package dev.qrbeam.relay.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Opens many idle WebSocket connections (plain sockets, handshake only) and measures the relay's cost. */
final class IdleConnections {
    private IdleConnections() {}

    record Result(int connections, long heapBefore, long heapAfter, long rssBefore, long rssAfter, double seconds) {
        long heapPerConnection() {
            return (heapAfter - heapBefore) / connections;
        }

        long rssPerConnection() {
            return (rssAfter - rssBefore) / connections;
        }
    }

    static Result run(int n) throws Exception {
        try (RelayProcess relay = new RelayProcess(
                "256m", "--idle-timeout", "3600", "--ping-interval", "1800", "--stats-interval", "0")) {
            // warm-up connection so class loading is not counted per connection
            List<Socket> sockets = new ArrayList<>(n);
            try {
                sockets.add(open(relay.uri()));
                long heapBefore = relay.heapUsedAfterGc();
                long rssBefore = relay.rss();
                long start = System.nanoTime();
                for (int i = 1; i < n; i++) {
                    sockets.add(open(relay.uri()));
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                long heapAfter = relay.heapUsedAfterGc();
                long rssAfter = relay.rss();
                return new Result(n, heapBefore, heapAfter, rssBefore, rssAfter, seconds);
            } finally {
                for (Socket s : sockets) {
                    s.close();
                }
            }
        }
    }

    private static Socket open(URI uri) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", uri.getPort()), 10_000);
        s.setSoTimeout(30_000);
        OutputStream out = s.getOutputStream();
        out.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + uri.getPort() + "\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        + "Sec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        int matched = 0;
        StringBuilder head = new StringBuilder();
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed during handshake: " + head);
            }
            head.append((char) b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("not upgraded: " + head);
        }
        return s;
    }
}
