package dev.qrbeam.relay.core;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.qrbeam.protocol.json.MessageValidator;
import dev.qrbeam.protocol.json.Utf8;
import dev.qrbeam.protocol.json.WireJson;
import dev.qrbeam.protocol.message.Action;
import dev.qrbeam.protocol.message.ChunkRules;
import dev.qrbeam.protocol.message.Fields;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Fast path for text {@code Transfer} messages, the bulk of a text-only relay's traffic (base64 chunks of up to
 * ~1.4 MB). Instead of building a tree and re-serialising it, it walks the message once with the streaming parser
 * of {@link WireJson} (same factory, duplicate detection and limits), lets the parser skip the {@code data}
 * string without building it, and finds the bytes of {@code message.connectionid}; the relay then splices the
 * sender's id into that range and forwards every other byte untouched.
 * <p>
 * It only ever answers "this is a Transfer the tree path would accept, and here is where the id is", or null:
 * a message it does not accept (invalid, not a Transfer, or anything unusual: escapes in the id, unquoted names,
 * fractional numbers, a possible UTF-16 encoding, ...) goes through the tree path, which alone produces error
 * replies. So error codes and texts are the tree path's by construction; the rule this class must keep is that
 * it never accepts a message the tree path ({@link MessageValidator}) refuses.
 */
final class TextTransferSplicer {
    /**
     * Where the target id sits.
     *
     * @param targetId the {@code message.connectionid} value
     * @param start    offset (from the message start) of its first byte, just after the opening quote
     * @param end      offset of its closing quote
     */
    record Splice(String targetId, int start, int end) {}

    private final WireJson json;

    TextTransferSplicer(WireJson json) {
        this.json = json;
    }

    /** True if {@code id} can be written between quotes as is (no escaping, ASCII), so splicing is exact. */
    static boolean plainId(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return !id.isEmpty();
    }

    /** The UTF-8 bytes of {@code text}, or null if it holds a surrogate (a lone one has no exact UTF-8 form). */
    static byte[] utf8(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                return null;
            }
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @return the id's location for a {@code Transfer} that the tree path would accept and whose bytes are strict
     *         UTF-8 JSON, or null: let the tree path handle (and, if need be, refuse) the message
     */
    Splice find(byte[] b, int off, int len) {
        if (!plausible(b, off, len) || !Utf8.isValid(b, off, len)) {
            return null;
        }
        try (JsonParser p = json.createParser(b, off, len)) {
            // the forwarded bytes must be strict JSON: a seed-style unquoted name goes the tree path (re-serialised)
            p.disable(JsonParser.Feature.ALLOW_UNQUOTED_FIELD_NAMES);
            return root(p, b, off);
        } catch (IOException | RuntimeException e) {
            return null; // malformed, over a limit, or a surprise: the tree path gives the answer
        }
    }

    /**
     * Cheap guards. Strings are skipped unread, so their length limit is not checked by the parser: a message no
     * longer than {@link WireJson#MAX_STRING} bytes cannot hold a longer string. The parser guesses UTF-16/32
     * from zero bytes at the start and skips a BOM; requiring '{' or whitespace first and a non-zero second byte
     * leaves only plain UTF-8.
     */
    private static boolean plausible(byte[] b, int off, int len) {
        if (len < 2 || len > WireJson.MAX_STRING) {
            return false;
        }
        byte first = b[off];
        return (first == '{' || first == ' ' || first == '\t' || first == '\n' || first == '\r') && b[off + 1] != 0;
    }

    private static Splice root(JsonParser p, byte[] b, int off) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        boolean transfer = false;
        Body body = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (Fields.ACTION.equals(name)) {
                if (v != JsonToken.VALUE_STRING || !Action.TRANSFER.wireName().equals(p.getText())) {
                    return null;
                }
                transfer = true;
            } else if (Fields.MESSAGE.equals(name)) {
                if (v != JsonToken.START_OBJECT) {
                    return null;
                }
                body = body(p, b, off);
                if (body == null) {
                    return null;
                }
            } else if (!skip(p)) {
                return null;
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
            return null; // trailing tokens
        }
        return transfer && body != null && body.valid() ? new Splice(body.id, body.start, body.end) : null;
    }

    /** The {@code message} object's fields as the Transfer rules need them. */
    private static final class Body {
        String id;
        int start;
        int end;
        boolean data;
        boolean hash;
        boolean hasChunkId;
        boolean hasChunkTotal;
        long chunkId;
        long chunkTotal;

        /** The rules of {@link MessageValidator} for Transfer and {@link ChunkRules#check}, as a yes/no. */
        boolean valid() {
            return id != null
                    && data
                    && hash
                    && hasChunkId
                    && hasChunkTotal
                    && chunkTotal >= 1
                    && chunkTotal <= ChunkRules.MAX_CHUNK_TOTAL
                    && chunkId >= 0
                    && chunkId < chunkTotal;
        }
    }

    private static Body body(JsonParser p, byte[] b, int off) throws IOException {
        Body m = new Body();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case Fields.CONNECTION_ID -> {
                    if (v != JsonToken.VALUE_STRING || !id(p, b, off, m)) {
                        return null;
                    }
                }
                case Fields.DATA -> {
                    if (v != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    m.data = true; // not read: the parser skips it on the next token, building no String
                }
                case Fields.CHUNK_HASH -> {
                    if (v != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    m.hash = true;
                }
                case Fields.CHUNK_ID -> {
                    if (!isLong(p, v)) {
                        return null;
                    }
                    m.chunkId = p.getLongValue();
                    m.hasChunkId = true;
                }
                case Fields.CHUNK_TOTAL -> {
                    if (!isLong(p, v)) {
                        return null;
                    }
                    m.chunkTotal = p.getLongValue();
                    m.hasChunkTotal = true;
                }
                default -> {
                    if (!skip(p)) {
                        return null;
                    }
                }
            }
        }
        return p.currentToken() == JsonToken.END_OBJECT ? m : null;
    }

    /** Reads the (short) id and records where its bytes are; declines escapes and out-of-rule lengths. */
    private static boolean id(JsonParser p, byte[] b, int off, Body m) throws IOException {
        long open = p.currentTokenLocation().getByteOffset();
        String id = p.getText();
        long close = p.currentLocation().getByteOffset() - 1;
        if (id.isEmpty() || id.length() > MessageValidator.MAX_ID_LENGTH || open < 0 || close <= open) {
            return false;
        }
        int start = (int) open + 1;
        int end = (int) close;
        if (b[off + start - 1] != '"' || b[off + end] != '"') {
            return false;
        }
        for (int i = off + start; i < off + end; i++) {
            if (b[i] == '\\') {
                return false;
            }
        }
        m.id = id;
        m.start = start;
        m.end = end;
        return true;
    }

    private static boolean isLong(JsonParser p, JsonToken v) throws IOException {
        return v == JsonToken.VALUE_NUMBER_INT
                && (p.getNumberType() == JsonParser.NumberType.INT || p.getNumberType() == JsonParser.NumberType.LONG);
    }

    /**
     * Skips the value at the current token. Fractional numbers anywhere decline: the tree path turns them into
     * BigDecimal and may refuse (or re-spell) them, which a skip would not notice.
     */
    private static boolean skip(JsonParser p) throws IOException {
        int depth = 0;
        JsonToken t = p.currentToken();
        while (t != null) {
            if (t == JsonToken.VALUE_NUMBER_FLOAT) {
                return false;
            }
            if (t.isStructStart()) {
                depth++;
            } else if (t.isStructEnd()) {
                depth--;
            }
            if (depth == 0) {
                return true;
            }
            t = p.nextToken();
        }
        return false;
    }
}
