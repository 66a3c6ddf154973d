package dev.qrbeam.protocol.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Seals and opens control messages (manifest, cancel, resume state, completion) with the session keys, in a nonce
 * space separate from chunks. Each sealed record is {@code counter (8) || ciphertext || tag (16)}; send it
 * base64url-encoded in a {@code Control} action's {@code data}. Replays of a record are refused. Thread-safe.
 */
public final class ControlCipher {
    private static final byte[] AD = "qrbeam control v1".getBytes(StandardCharsets.US_ASCII);
    private final GcmRecords records;

    public ControlCipher(SessionKeys keys) {
        this.records = new GcmRecords(keys, RecordDomain.CONTROL);
    }

    /** Encrypts a control message plaintext (typically UTF-8 JSON). */
    public synchronized byte[] seal(byte[] plaintext) throws RecordException {
        byte[] out = new byte[plaintext.length + GcmRecords.OVERHEAD];
        records.seal(ByteBuffer.wrap(AD), ByteBuffer.wrap(plaintext), ByteBuffer.wrap(out));
        return out;
    }

    /** Authenticates and decrypts a control record from the peer; refuses tampered, foreign or replayed records. */
    public synchronized byte[] open(byte[] record) throws RecordException {
        if (record == null || record.length < GcmRecords.OVERHEAD) {
            throw new RecordException(RecordError.MALFORMED, "Control record too short");
        }
        byte[] out = new byte[record.length - GcmRecords.OVERHEAD];
        records.open(ByteBuffer.wrap(AD), ByteBuffer.wrap(record), ByteBuffer.wrap(out));
        return out;
    }
}
