package dev.qrbeam.protocol.message;

import java.util.Optional;

/**
 * Stable error codes carried in {@code {"action":"Error","message":{"code":"...","error":"..."}}}.
 * The code strings are part of the wire contract and never change; the human text may.
 */
public enum ErrorCode {
    /** The text message is not valid UTF-8 JSON, not an object, too deep, has duplicate keys or oversized tokens. */
    BAD_JSON("bad-json"),
    /** {@code action} names no action this relay accepts. */
    UNKNOWN_ACTION("unknown-action"),
    /** A required field ({@code action}, {@code message}, {@code connectionid}, ...) is absent. */
    MISSING_FIELD("missing-field"),
    /** A field has the wrong JSON type (e.g. {@code chunkid:"12"}, {@code 1.5}, {@code null}) or an invalid value. */
    BAD_FIELD("bad-field"),
    /** Chunk numbering out of range: chunkid &lt; 0, chunkid &ge; chunktotal, chunktotal &le; 0 or &gt; 2^31-1. */
    BAD_CHUNK("bad-chunk"),
    /** The named connection id is not connected to this relay (never was, or unknown). */
    UNKNOWN_TARGET("unknown-target"),
    /** Too many requests from this source or towards this target; retry later. */
    RATE_LIMITED("rate-limited"),
    /** A binary message does not follow the binary Transfer frame layout. */
    BAD_FRAME("bad-frame"),
    /** The connectionid/resumetoken pair of a resuming Connect is not valid. */
    BAD_RESUME("bad-resume"),
    /** The named connection was connected recently but is gone now (it may come back by resuming). */
    PEER_GONE("peer-gone"),
    /** The relay failed unexpectedly; the connection stays usable. */
    INTERNAL("internal");

    private final String code;

    ErrorCode(String code) {
        this.code = code;
    }

    /** The stable wire string, e.g. {@code "bad-json"}. */
    public String code() {
        return code;
    }

    /** Looks an error code up by its wire string. */
    public static Optional<ErrorCode> fromCode(String code) {
        for (ErrorCode c : values()) {
            if (c.code.equals(code)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return code;
    }
}
