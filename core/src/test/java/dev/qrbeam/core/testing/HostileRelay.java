package dev.qrbeam.core.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A hostile relay on 127.0.0.1 for tests: a raw-socket WebSocket server that answers Connect advertising
 * 2^31-1-byte limits, then streams one endless text message (unfinished fragments of 'A') at the client until
 * {@code budget} bytes went out or the client hangs up. It counts what it managed to stream.
 */
public final class HostileRelay implements AutoCloseable {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int FRAGMENT = 64 * 1024;

    private final ServerSocket server;
    private final long budget;
    private final boolean binary;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicLong streamed = new AtomicLong();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean closed;

    /** @param binary stream a binary message instead of a text one */
    public HostileRelay(long budget, boolean binary) throws IOException {
        this.budget = budget;
        this.binary = binary;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "hostile-relay-accept");
        t.setDaemon(true);
        t.start();
    }

    public URI uri() {
        return URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/");
    }

    /** Payload bytes written into the endless message, over all connections. */
    public long streamed() {
        return streamed.get();
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                connections.incrementAndGet();
                Thread t = new Thread(() -> serve(s), "hostile-relay-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            String key = handshakeKey(in);
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            readFrame(new DataInputStream(in)); // the client's Connect
            frame(
                    out,
                    0x81,
                    ("{\"action\":\"Connect\",\"message\":{\"connectionid\":\"AAAAAAAAAAAAAAAAAAAAAA\","
                                    + "\"resumetoken\":\"x\",\"limits\":{\"maxtextbytes\":2147483647,\"maxbinarybytes\":2147483647,"
                                    + "\"binary\":true,\"maxframebytes\":2147483647}}}")
                            .getBytes(StandardCharsets.UTF_8));
            byte[] chunk = new byte[FRAGMENT];
            Arrays.fill(chunk, (byte) 'A');
            int opcode = binary ? 0x02 : 0x01; // first fragment, FIN clear; continuations follow
            while (!closed && streamed.get() < budget) {
                frame(out, opcode, chunk);
                opcode = 0x00;
                streamed.addAndGet(chunk.length);
            }
            in.transferTo(OutputStream.nullOutputStream()); // hold the message open until the client leaves
        } catch (IOException e) {
            // the client hung up: what we wanted to see
        } finally {
            sockets.remove(s);
        }
    }

    private static String handshakeKey(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0 || head.length() > 16384) {
                throw new IOException("bad upgrade request");
            }
            head.append((char) b);
        }
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("sec-websocket-key:")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        throw new IOException("no Sec-WebSocket-Key");
    }

    private static String accept(String key) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void readFrame(DataInputStream in) throws IOException {
        in.readUnsignedByte();
        int b = in.readUnsignedByte();
        long len = b & 0x7f;
        if (len == 126) {
            len = in.readUnsignedShort();
        } else if (len == 127) {
            len = in.readLong();
        }
        if (len > 1 << 20) {
            throw new IOException("client frame too large");
        }
        in.readNBytes(4 + (int) len); // mask + payload
    }

    private static void frame(OutputStream out, int first, byte[] payload) throws IOException {
        out.write(first);
        if (payload.length < 126) {
            out.write(payload.length);
        } else if (payload.length < 65536) {
            out.write(126);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xff);
        } else {
            out.write(127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) payload.length >>> shift) & 0xff);
            }
        }
        out.write(payload);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
