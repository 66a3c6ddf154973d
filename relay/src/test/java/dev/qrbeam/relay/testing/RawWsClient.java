package dev.qrbeam.relay.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A raw RFC 6455 client over a plain socket, for inputs the JDK client refuses to produce: invalid UTF-8,
 * frames claiming huge lengths, arbitrary fragmentation, clients that never read or never answer pings.
 */
public final class RawWsClient implements AutoCloseable {
    public static final int TEXT = 1;
    public static final int BINARY = 2;
    public static final int CONTINUATION = 0;
    public static final int CLOSE = 8;
    public static final int PING = 9;
    public static final int PONG = 10;

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private final SecureRandom random = new SecureRandom();

    /** A received frame. */
    public record Frame(int opcode, boolean fin, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The close code of a close frame (1005 when absent). */
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }
    }

    private RawWsClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(socket.getInputStream());
    }

    /** Connects and completes the handshake; fails with the HTTP status line if not upgraded. */
    public static RawWsClient connect(URI uri) throws IOException {
        return connect(uri, 0);
    }

    /**
     * Connects with a fixed socket receive buffer (no kernel autotuning), e.g. to model a reader that never
     * reads without the kernel quietly absorbing megabytes.
     *
     * @param receiveBufferBytes SO_RCVBUF, 0 = system default
     */
    public static RawWsClient connect(URI uri, int receiveBufferBytes) throws IOException {
        Socket s = new Socket();
        if (receiveBufferBytes > 0) {
            s.setReceiveBufferSize(receiveBufferBytes);
        }
        s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
        s.setSoTimeout(20_000);
        RawWsClient c = new RawWsClient(s);
        c.handshake(uri);
        return c;
    }

    /** Connects a socket and sends only the handshake (used for clients that never read afterwards). */
    private void handshake(URI uri) throws IOException {
        byte[] keyBytes = new byte[16];
        random.nextBytes(keyBytes);
        String req = "GET " + (uri.getRawPath().isEmpty() ? "/" : uri.getRawPath()) + " HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(keyBytes) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        out.write(req.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = readHttpHead();
        if (!status.startsWith("HTTP/1.1 101")) {
            throw new IOException("not upgraded: " + status);
        }
    }

    private String readHttpHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed during handshake");
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String s = head.toString(StandardCharsets.US_ASCII);
        return s.substring(0, s.indexOf("\r\n"));
    }

    /** Sends one masked frame. */
    public void sendFrame(int opcode, boolean fin, byte[] payload) throws IOException {
        sendHeader(opcode, fin, payload.length);
        byte[] mask = new byte[4];
        random.nextBytes(mask);
        byte[] masked = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            masked[i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        out.write(mask);
        out.write(masked);
        out.flush();
    }

    /** Sends only a frame header claiming {@code length} payload bytes (and the mask), no payload. */
    public void sendHeaderOnly(int opcode, boolean fin, long length) throws IOException {
        sendHeader(opcode, fin, length);
        out.write(new byte[4]);
        out.flush();
    }

    private void sendHeader(int opcode, boolean fin, long length) throws IOException {
        out.write((fin ? 0x80 : 0) | opcode);
        if (length < 126) {
            out.write(0x80 | (int) length);
        } else if (length <= 0xffff) {
            out.write(0x80 | 126);
            out.write((int) (length >>> 8));
            out.write((int) length);
        } else {
            out.write(0x80 | 127);
            for (int i = 7; i >= 0; i--) {
                out.write((int) (length >>> (8 * i)));
            }
        }
    }

    public void sendText(String text) throws IOException {
        sendFrame(TEXT, true, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads the next frame (server frames are unmasked). */
    public Frame readFrame() throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long len = b1 & 0x7f;
        if (len == 126) {
            len = in.readUnsignedShort();
        } else if (len == 127) {
            len = in.readLong();
        }
        if (len > 64L * 1024 * 1024) {
            throw new IOException("frame too large for the test client: " + len);
        }
        byte[] payload = new byte[(int) len];
        in.readFully(payload);
        return new Frame(b0 & 0x0f, (b0 & 0x80) != 0, payload);
    }

    /** Reads frames until a data frame arrives (answering nothing), returning it. */
    public Frame readDataFrame() throws IOException {
        while (true) {
            Frame f = readFrame();
            if (f.opcode() != PING && f.opcode() != PONG) {
                return f;
            }
        }
    }

    /**
     * Reads until the server closes; returns the close code of its close frame, or -1 if the TCP connection
     * ended without one.
     */
    public int awaitClose() throws IOException {
        try {
            while (true) {
                Frame f = readFrame();
                if (f.opcode() == CLOSE) {
                    return f.closeCode();
                }
            }
        } catch (EOFException | java.net.SocketException e) {
            return -1;
        } catch (SocketTimeoutException e) {
            throw new IOException("server did not close within the socket timeout", e);
        }
    }

    public InputStream rawInput() {
        return in;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
