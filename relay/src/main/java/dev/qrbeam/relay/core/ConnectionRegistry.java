package dev.qrbeam.relay.core;

/**
 * Maps connection ids to live sessions. The standalone relay keeps it in memory; the AWS adapter can back it
 * with a table. Implementations are thread-safe.
 */
public interface ConnectionRegistry {
    /** Binds {@code id} to {@code session}; returns the session previously bound to that id, or null. */
    Session bind(String id, Session session);

    /** Removes the binding if it still points at {@code session}, remembering the id as recently gone. */
    void unbind(String id, Session session);

    /** The live session for {@code id}, or null. */
    Session find(String id);

    /** True if {@code id} was bound recently but is not now (so the peer may still resume). */
    boolean recentlyGone(String id);

    /** Number of bound ids. */
    int size();
}
