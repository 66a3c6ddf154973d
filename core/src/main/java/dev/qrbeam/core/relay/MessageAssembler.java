package dev.qrbeam.core.relay;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;

/**
 * Reassembles WebSocket messages delivered in parts, refusing anything over a size bound so a hostile relay
 * cannot make us buffer without limit. Not thread-safe: the JDK WebSocket calls its listener sequentially.
 */
final class MessageAssembler {
    private final StringBuilder text = new StringBuilder();
    private ByteBuffer binary = ByteBuffer.allocate(0);
    private boolean binaryInProgress;
    private volatile int maxBytes;

    MessageAssembler(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    void maxBytes(int max) {
        this.maxBytes = max;
    }

    /** Returns the whole text once {@code last}, else null. */
    String text(CharSequence part, boolean last) throws IOException {
        if (last && text.length() == 0) {
            check(part.length());
            return part.toString();
        }
        check(text.length() + (long) part.length());
        if (part instanceof CharBuffer b && b.hasArray()) {
            // append(char[]) compresses to Latin-1 with an intrinsic; append(CharSequence) goes char by char
            text.append(b.array(), b.arrayOffset() + b.position(), b.remaining());
        } else {
            text.append(part);
        }
        if (!last) {
            return null;
        }
        String whole = text.toString();
        text.setLength(0);
        if (text.capacity() > 1 << 20) {
            text.trimToSize();
        }
        return whole;
    }

    /**
     * Returns the whole message once {@code last} (possibly the given buffer itself), else null. The returned
     * buffer is only valid until the next call: the assembly buffer is reused.
     */
    ByteBuffer binary(ByteBuffer part, boolean last) throws IOException {
        if (!binaryInProgress) {
            if (last) {
                check(part.remaining());
                return part;
            }
            binary.clear();
            binaryInProgress = true;
        }
        long needed = binary.position() + (long) part.remaining();
        check(needed);
        if (needed > binary.capacity()) {
            ByteBuffer grown = ByteBuffer.allocate((int) Math.min(maxBytes, Math.max(needed, binary.capacity() * 2L)));
            binary.flip();
            grown.put(binary);
            binary = grown;
        }
        binary.put(part);
        if (!last) {
            return null;
        }
        binaryInProgress = false;
        binary.flip();
        return binary;
    }

    private void check(long size) throws IOException {
        if (size > maxBytes) {
            throw new IOException("relay sent a message over " + maxBytes + " bytes");
        }
    }
}
