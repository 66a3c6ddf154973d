package dev.qrbeam.core.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A passive observer of one server-to-client WebSocket byte stream (what a LAN sniffer sees of plain {@code ws://}):
 * skips the HTTP upgrade response, then parses unmasked frames and hands every complete text message (up to
 * 1 MiB) to a listener. Binary frames are skipped without buffering. Fed from one thread.
 */
final class WsTextSniffer {
    private static final int MAX_TEXT = 1 << 20;
    private final Consumer<String> listener;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final ByteArrayOutputStream message = new ByteArrayOutputStream();
    private boolean upgraded;
    private boolean inText;

    WsTextSniffer(Consumer<String> listener) {
        this.listener = listener;
    }

    void feed(byte[] buf, int n) {
        pending.write(buf, 0, n);
        byte[] b = pending.toByteArray();
        int pos = 0;
        if (!upgraded) {
            int end = indexOfHeaderEnd(b);
            if (end < 0) {
                return;
            }
            upgraded = true;
            pos = end;
        }
        while (true) {
            int used = frame(b, pos);
            if (used == 0) {
                break;
            }
            pos += used;
        }
        pending.reset();
        pending.write(b, pos, b.length - pos);
    }

    /** Parses one frame at {@code pos}; returns the bytes it used, 0 if incomplete. */
    private int frame(byte[] b, int pos) {
        if (b.length - pos < 2) {
            return 0;
        }
        int opcode = b[pos] & 0x0f;
        boolean fin = (b[pos] & 0x80) != 0;
        long len = b[pos + 1] & 0x7f;
        int head = 2;
        if (len == 126) {
            if (b.length - pos < 4) {
                return 0;
            }
            len = ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
            head = 4;
        } else if (len == 127) {
            if (b.length - pos < 10) {
                return 0;
            }
            len = 0;
            for (int i = 0; i < 8; i++) {
                len = (len << 8) | (b[pos + 2 + i] & 0xff);
            }
            head = 10;
        }
        if (b.length - pos - head < len) {
            return 0;
        }
        boolean text = opcode == 1 || (opcode == 0 && inText);
        if (text && message.size() + len <= MAX_TEXT) {
            message.write(b, pos + head, (int) len);
        }
        if (opcode == 1) {
            inText = true;
        }
        if (text && fin) {
            listener.accept(message.toString(StandardCharsets.UTF_8));
            message.reset();
            inText = false;
        }
        return head + (int) len;
    }

    private static int indexOfHeaderEnd(byte[] b) {
        for (int i = 3; i < b.length; i++) {
            if (b[i - 3] == '\r' && b[i - 2] == '\n' && b[i - 1] == '\r' && b[i] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }
}
