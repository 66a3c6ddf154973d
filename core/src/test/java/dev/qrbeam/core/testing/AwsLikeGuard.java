package dev.qrbeam.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy in front of a text-only relay that makes it behave like AWS API Gateway towards clients: it rewrites
 * the advertised {@code "maxframebytes":131072} to 32 KB (same byte length, so framing stays intact) and parses
 * every client-to-relay WebSocket frame, cutting the connection if a frame is binary or longer than 32 KB — as
 * API Gateway closes with 1003/1009. Counts frames and violations so a test can assert compliance.
 */
public final class AwsLikeGuard implements AutoCloseable {
    public static final int MAX_FRAME = 32 * 1024;
    private static final byte[] ADVERTISED = "\"maxframebytes\":131072".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REWRITTEN = "\"maxframebytes\": 32768".getBytes(StandardCharsets.US_ASCII);

    private final InetSocketAddress target;
    private final ServerSocket server;
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong largest = new AtomicLong();
    private final AtomicInteger violations = new AtomicInteger();
    private final AtomicInteger rewrites = new AtomicInteger();
    private volatile boolean closed;

    public AwsLikeGuard(InetSocketAddress target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "aws-guard");
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public long frames() {
        return frames.get();
    }

    public long largestFrame() {
        return largest.get();
    }

    public int violations() {
        return violations.get();
    }

    public int rewrites() {
        return rewrites.get();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket c = server.accept();
                Socket u = new Socket();
                u.connect(target, 5000);
                start(() -> upstream(c, u));
                start(() -> downstream(u, c));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void start(Runnable r) {
        Thread t = new Thread(r, "aws-guard-pipe");
        t.setDaemon(true);
        t.start();
    }

    /** Server to client: copy, rewriting the advertised frame limit. */
    private void downstream(Socket from, Socket to) {
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i + ADVERTISED.length <= n; i++) {
                    if (matches(buf, i)) {
                        System.arraycopy(REWRITTEN, 0, buf, i, REWRITTEN.length);
                        rewrites.incrementAndGet();
                    }
                }
                out.write(buf, 0, n);
            }
        } catch (IOException ignored) {
            // connection ended
        } finally {
            closeBoth(from, to);
        }
    }

    private static boolean matches(byte[] buf, int at) {
        for (int j = 0; j < ADVERTISED.length; j++) {
            if (buf[at + j] != ADVERTISED[j]) {
                return false;
            }
        }
        return true;
    }

    /** Client to server: pass the HTTP upgrade, then check every frame header. */
    private void upstream(Socket from, Socket to) {
        try (InputStream in = new java.io.BufferedInputStream(from.getInputStream(), 64 * 1024);
                OutputStream out = to.getOutputStream()) {
            int state = 0;
            while (state < 4) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                out.write(b);
                state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
                        ? state + 1
                        : 0;
            }
            out.flush();
            byte[] payload = new byte[64 * 1024];
            while (true) {
                int b0 = in.read();
                int b1 = in.read();
                if (b0 < 0 || b1 < 0) {
                    return;
                }
                int opcode = b0 & 0x0f;
                long len = b1 & 0x7f;
                byte[] ext = new byte[len == 126 ? 2 : len == 127 ? 8 : 0];
                readFully(in, ext);
                if (len == 126) {
                    len = ((ext[0] & 0xff) << 8) | (ext[1] & 0xff);
                } else if (len == 127) {
                    len = java.nio.ByteBuffer.wrap(ext).getLong();
                }
                byte[] mask = new byte[(b1 & 0x80) != 0 ? 4 : 0];
                readFully(in, mask);
                frames.incrementAndGet();
                largest.accumulateAndGet(len, Math::max);
                if (opcode == 2 || len > MAX_FRAME) {
                    violations.incrementAndGet();
                    return;
                }
                out.write(b0);
                out.write(b1);
                out.write(ext);
                out.write(mask);
                long left = len;
                while (left > 0) {
                    int n = in.read(payload, 0, (int) Math.min(payload.length, left));
                    if (n < 0) {
                        return;
                    }
                    out.write(payload, 0, n);
                    left -= n;
                }
            }
        } catch (IOException ignored) {
            // connection ended
        } finally {
            closeBoth(from, to);
        }
    }

    private static void readFully(InputStream in, byte[] b) throws IOException {
        int off = 0;
        while (off < b.length) {
            int n = in.read(b, off, b.length - off);
            if (n < 0) {
                throw new IOException("eof");
            }
            off += n;
        }
    }

    private static void closeBoth(Socket a, Socket b) {
        try {
            a.close();
        } catch (IOException ignored) {
            // best effort
        }
        try {
            b.close();
        } catch (IOException ignored) {
            // best effort
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
    }
}
