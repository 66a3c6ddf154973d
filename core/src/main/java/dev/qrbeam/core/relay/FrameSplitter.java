package dev.qrbeam.core.relay;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Cuts a message into WebSocket frames no larger than a relay's frame limit (never inside a surrogate pair). */
final class FrameSplitter {
    /** Sends one frame of a message; {@code last} marks its final frame. */
    @FunctionalInterface
    interface Part<T> {
        void send(T part, boolean last) throws IOException;
    }

    private FrameSplitter() {}

    static void text(CharSequence text, int frame, Part<CharSequence> out) throws IOException {
        if (text.length() <= frame) {
            out.send(text, true);
            return;
        }
        for (int off = 0; off < text.length(); ) {
            int end = Math.min(text.length(), off + frame);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            out.send(text.subSequence(off, end), end == text.length());
            off = end;
        }
    }

    /** Sends {@code data}'s remaining bytes; its position moves to its limit. */
    static void binary(ByteBuffer data, int frame, Part<ByteBuffer> out) throws IOException {
        if (data.remaining() <= frame) {
            out.send(data, true);
            return;
        }
        while (data.hasRemaining()) {
            int n = Math.min(frame, data.remaining());
            ByteBuffer part = data.slice().limit(n);
            data.position(data.position() + n);
            out.send(part, !data.hasRemaining());
        }
    }
}
