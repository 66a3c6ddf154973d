package dev.qrbeam.protocol.chunk;

/** Chunk numbers or limits that cannot be right. {@link #code()} is a stable protocol error code. */
public final class ChunkException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String code;

    public ChunkException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** {@code bad-chunk} (id out of range), {@code bad-ack} (missing-id list) or {@code bad-limits}. */
    public String code() {
        return code;
    }
}
