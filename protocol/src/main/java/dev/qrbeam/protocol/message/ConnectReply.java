package dev.qrbeam.protocol.message;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Body of the relay's {@code Connect} answer: the caller's own id, its resume token, the relay's limits and — only
 * for a client that sent {@code resumekey} — the relay's X25519 public key {@code relaykey} (bound resume).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConnectReply(String connectionid, String resumetoken, Limits limits, String relaykey) {
    /** A reply without a relay key (seed-style client). */
    public ConnectReply(String connectionid, String resumetoken, Limits limits) {
        this(connectionid, resumetoken, limits, null);
    }
}
