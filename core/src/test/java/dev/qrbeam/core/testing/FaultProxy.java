package dev.qrbeam.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fault-injecting TCP proxy on 127.0.0.1 for tests: forwards every accepted connection to a target and can cut
 * all connections on demand (or after a random number of bytes), delay each forwarded buffer, and corrupt bytes.
 * Closing it stops the acceptor and every pipe.
 */
public final class FaultProxy implements AutoCloseable {
    private final InetSocketAddress target;
    private final ServerSocket server;
    private final Set<Pipe> pipes = ConcurrentHashMap.newKeySet();
    private volatile Pipe newest;
    private final AtomicLong cuts = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong corrupted = new AtomicLong();
    private volatile long delayMillis;
    private volatile double corruptProbability;
    private volatile long cutAfterBytes = -1;
    private final AtomicLong corruptLarge = new AtomicLong();
    private volatile boolean closed;
    private volatile java.util.function.Consumer<String> sniffer;

    public FaultProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "fault-proxy-accept");
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Adds this delay before forwarding each buffer read (both directions). */
    public void delay(long millis) {
        this.delayMillis = millis;
    }

    /** Each forwarded buffer gets one random bit flipped with this probability. */
    public void corrupt(double probability) {
        this.corruptProbability = probability;
    }

    /**
     * Flips one bit in the middle of each of the next {@code count} server-to-client buffers of at least 32 KiB —
     * in practice inside chunk data, since control messages are small: a tampered chunk, not a broken connection.
     */
    public void corruptLargeDownstream(long count) {
        corruptLarge.set(count);
    }

    /** Cuts every connection once this many more bytes have passed (client to server direction counted). */
    public void cutAfter(long moreBytes) {
        this.cutAfterBytes = bytes.get() + moreBytes;
    }

    /**
     * Turns every open connection into a black hole: sockets stay open, bytes are read and dropped both ways (a
     * peer that is gone without a close the client would see). Connections accepted later work normally.
     */
    public void freezeAll() {
        for (Pipe p : pipes) {
            p.frozen = true;
        }
    }

    /**
     * The connection accepted last (e.g. the receiver's, which connects after the sender) stops forwarding what its
     * client sends: messages from that client are lost, while everything sent to it still arrives.
     */
    public void muteNewestUpstream() {
        Pipe p = newest;
        if (p != null) {
            p.upstreamMuted = true;
        }
    }

    /** Cuts every open connection now (RST-like: sockets closed). */
    public void cutAll() {
        cuts.incrementAndGet();
        for (Pipe p : pipes) {
            p.close();
        }
    }

    /**
     * Passive sniffing, as on a LAN with plain {@code ws://}: every text message the server sends to a client on
     * connections accepted from now on is handed to {@code listener} (on the pipe's thread).
     */
    public void sniffDownstream(java.util.function.Consumer<String> listener) {
        this.sniffer = listener;
    }

    public long cuts() {
        return cuts.get();
    }

    public long bytesForwarded() {
        return bytes.get();
    }

    public long corruptedBuffers() {
        return corrupted.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.connect(target, 5000);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                Pipe p = new Pipe(client, upstream);
                pipes.add(p);
                newest = p;
                p.start();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Pipe p : pipes) {
            p.close();
        }
    }

    /** Two sockets and two copying threads. */
    private final class Pipe {
        private final Socket a;
        private final Socket b;
        private volatile boolean frozen;
        private volatile boolean upstreamMuted;
        private final WsTextSniffer sniff;

        Pipe(Socket a, Socket b) {
            this.a = a;
            this.b = b;
            java.util.function.Consumer<String> l = sniffer;
            this.sniff = l == null ? null : new WsTextSniffer(l);
        }

        void start() {
            thread(a, b, true);
            thread(b, a, false);
        }

        private void thread(Socket from, Socket to, boolean upstream) {
            Thread t = new Thread(() -> copy(from, to, upstream), "fault-proxy-pipe");
            t.setDaemon(true);
            t.start();
        }

        private void copy(Socket from, Socket to, boolean upstream) {
            byte[] buf = new byte[64 * 1024];
            try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (frozen || upstream && upstreamMuted) {
                        continue;
                    }
                    if (delayMillis > 0) {
                        Thread.sleep(delayMillis);
                    }
                    if (corruptProbability > 0 && ThreadLocalRandom.current().nextDouble() < corruptProbability) {
                        int i = ThreadLocalRandom.current().nextInt(n);
                        buf[i] ^= (byte) (1 << ThreadLocalRandom.current().nextInt(8));
                        corrupted.incrementAndGet();
                    }
                    if (!upstream && n >= 32 * 1024 && corruptLarge.getAndUpdate(c -> Math.max(0, c - 1)) > 0) {
                        buf[n / 2] ^= 0x10;
                        corrupted.incrementAndGet();
                    }
                    out.write(buf, 0, n);
                    if (!upstream && sniff != null) {
                        sniff.feed(buf, n);
                    }
                    if (upstream) {
                        long total = bytes.addAndGet(n);
                        long cut = cutAfterBytes;
                        if (cut >= 0 && total >= cut) {
                            cutAfterBytes = -1;
                            cutAll();
                            return;
                        }
                    }
                }
            } catch (SocketException e) {
                // cut or closed
            } catch (IOException | InterruptedException e) {
                // end of this pipe
            } finally {
                close();
            }
        }

        void close() {
            pipes.remove(this);
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
    }
}
