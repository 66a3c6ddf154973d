package dev.qrbeam.relay.core;

import java.nio.ByteBuffer;

/** A received binary WebSocket message, wrapping the transport's buffer so it can be forwarded without copying. */
public interface BinaryMessage {
    /** Total length in bytes. */
    int length();

    /** A read-only view (or copy) of the first {@code min(length(), max)} bytes, positioned at 0. */
    ByteBuffer head(int max);

    /** Overwrites {@code bytes.length} bytes starting at {@code index} in place. */
    void overwrite(int index, byte[] bytes);

    /**
     * Returns a message whose first {@code oldPrefixLength} bytes are replaced by {@code newPrefix}
     * (used when a stamped id has a different length). May share the data with this message.
     */
    BinaryMessage replacePrefix(int oldPrefixLength, byte[] newPrefix);

    /** Releases a message obtained from {@link #replacePrefix} (no effect on messages the transport owns). */
    default void release() {}
}
