package dev.qrbeam.core.link;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Writes the base64 JSON form of a Transfer for text-only relays without the copies a String-built message costs:
 * the base64 goes into a reused array sent as an {@link AsciiText}. Not thread-safe: one sending thread, and the
 * text it returns is valid until its next call.
 */
final class TextTransferEncoder {
    private static final Base64.Encoder ENCODER = Base64.getEncoder();

    private byte[] source = new byte[0];
    private byte[] base64 = new byte[0];

    /**
     * {@code {"action":"Transfer","message":{"connectionid":to,"data":"<base64>","chunkid":..,"chunktotal":..,
     * "chunkhash":..}}} for {@code record}'s remaining bytes. Valid until the next call.
     */
    CharSequence encode(String to, long chunkId, long chunkTotal, String chunkHash, ByteBuffer record) {
        StringBuilder head = new StringBuilder(96).append("{\"action\":\"Transfer\",\"message\":{\"connectionid\":");
        appendJsonString(head, to);
        head.append(",\"data\":\"");
        StringBuilder tail = new StringBuilder(96)
                .append("\",\"chunkid\":")
                .append(chunkId)
                .append(",\"chunktotal\":")
                .append(chunkTotal)
                .append(",\"chunkhash\":");
        appendJsonString(tail, chunkHash);
        tail.append("}}");
        int n = record.remaining();
        if (source.length != n) {
            source = new byte[n];
        }
        record.duplicate().get(source);
        int encodedLength = 4 * ((n + 2) / 3);
        if (base64.length < encodedLength) {
            base64 = new byte[encodedLength];
        }
        int written = ENCODER.encode(source, base64);
        if (!isAscii(head) || !isAscii(tail)) {
            return head + new String(base64, 0, written, StandardCharsets.US_ASCII) + tail;
        }
        return new AsciiText(
                head.toString().getBytes(StandardCharsets.US_ASCII),
                base64,
                written,
                tail.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean isAscii(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** A JSON string literal, escaped by Jackson (the project's one JSON library). */
    private static void appendJsonString(StringBuilder s, String v) {
        s.append('"').append(JsonStringEncoder.getInstance().quoteAsString(v)).append('"');
    }
}
