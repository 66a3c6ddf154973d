package dev.qrbeam.protocol.crypto;

/** Why an encrypted record (chunk or control message) was refused. {@link #code()} strings are stable. */
public enum RecordError {
    /** Too short or otherwise not a record. */
    MALFORMED("record-malformed"),
    /** The {@code chunkhash} does not match the record (corrupted or spliced in transit). */
    HASH_MISMATCH("record-hash"),
    /** AEAD authentication failed: tampered bytes, wrong associated data (moved/spliced chunk) or wrong key. */
    AUTH_FAILED("record-auth"),
    /** This exact record was already accepted once under this session (replay). */
    REPLAYED("record-replay"),
    /** The record is older than the replay window; treat the chunk as missing and ask again. */
    TOO_OLD("record-too-old"),
    /** The sending side used up its nonce space; a new handshake is required. */
    EXHAUSTED("record-exhausted");

    private final String code;

    RecordError(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
