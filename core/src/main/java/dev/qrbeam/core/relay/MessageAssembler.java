package dev.qrbeam.core.relay;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;

/**
 * Reassembles WebSocket messages delivered in parts, refusing anything over a size bound (one for text, one for
 * binary) before buffering it, so a hostile relay cannot make us buffer without limit. Not thread-safe: the JDK
 * WebSocket calls its listener sequentially.
 */
final class MessageAssembler {
    private final StringBuilder text = new StringBuilder();
    private ByteBuffer binary = ByteBuffer.allocate(0);
    private boolean binaryInProgress;
    private volatile int maxText;
    private volatile int maxBinary;

    MessageAssembler(int maxBytes) {
        this(maxBytes, maxBytes);
    }

    MessageAssembler(int maxText, int maxBinary) {
        this.maxText = maxText;
        this.maxBinary = maxBinary;
    }

    /** Sets the bounds (text in UTF-16 chars, binary in bytes). */
    void maxBytes(int maxText, int maxBinary) {
        this.maxText = maxText;
        this.maxBinary = maxBinary;
    }

    /** Returns the whole text once {@code last}, else null. */
    String text(CharSequence part, boolean last) throws IOException {
        if (last && text.length() == 0) {
            check(part.length(), maxText, "text");
            return part.toString();
        }
        check(text.length() + (long) part.length(), maxText, "text");
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
                check(part.remaining(), maxBinary, "binary");
                return part;
            }
            binary.clear();
            binaryInProgress = true;
        }
        long needed = binary.position() + (long) part.remaining();
        check(needed, maxBinary, "binary");
        if (needed > binary.capacity()) {
            ByteBuffer grown = ByteBuffer.allocate((int) Math.min(maxBinary, Math.max(needed, binary.capacity() * 2L)));
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

    private void check(long size, int max, String kind) throws IOException {
        if (size > max) {
            binaryInProgress = false;
            text.setLength(0);
            text.trimToSize();
            throw new OversizedMessageException("relay sent a " + kind + " message over " + max + " bytes");
        }
    }

    /** A message over the bound: the relay broke its limits (or ours); the link must not be trusted further. */
    static final class OversizedMessageException extends IOException {
        OversizedMessageException(String message) {
            super(message);
        }
    }
}
