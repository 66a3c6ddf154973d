package dev.qrbeam.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qrbeam.protocol.message.Action;
import dev.qrbeam.protocol.message.ChunkRules;
import dev.qrbeam.protocol.message.ErrorCode;
import dev.qrbeam.protocol.message.Fields;
import dev.qrbeam.protocol.message.ProtocolException;

/**
 * Field rules per action (see docs/protocol.md). Unknown extra fields are allowed and left untouched.
 * <ul>
 *   <li>all: {@code action} string naming an accepted action</li>
 *   <li>Connect: optional {@code message} object; if it has {@code connectionid} or {@code resumetoken}, both strings;
 *       optional string {@code resumekey}; {@code resumeproof} (string) needs {@code connectionid} and {@code resumekey}</li>
 *   <li>routed actions: {@code message} object with a non-empty {@code connectionid} string of at most
 *       {@value #MAX_ID_LENGTH} chars</li>
 *   <li>Request: {@code qrhash} string; {@code message} string if present</li>
 *   <li>Transfer: {@code data} string, {@code chunkid}/{@code chunktotal} integers per {@link ChunkRules},
 *       {@code chunkhash} string</li>
 *   <li>Acknowledge: {@code success} boolean; {@code missingchunkids} array of integers if present</li>
 *   <li>Handshake, Control: only {@code connectionid}</li>
 * </ul>
 */
public final class MessageValidator {
    /** Longest connection id accepted in a routed message (relay ids are 22 chars; AWS ids ~16). */
    public static final int MAX_ID_LENGTH = 128;

    /** Validates a parsed root object as a client sends it to the relay (Error is not accepted). */
    public WireMessage validate(ObjectNode root) {
        return validate(root, false);
    }

    /**
     * Validates a parsed root object.
     *
     * @param fromRelay true on the client side: also accepts {@code Error} replies ({@code code}, {@code error} strings)
     */
    public WireMessage validate(ObjectNode root, boolean fromRelay) {
        Action action = action(root, fromRelay);
        JsonNode message = root.get(Fields.MESSAGE);
        if (action == Action.CONNECT) {
            return new WireMessage(action, root, connectBody(message));
        }
        if (action == Action.ERROR) {
            if (message == null || !message.isObject()) {
                throw message == null ? missing(Fields.MESSAGE) : bad(Fields.MESSAGE, "must be an object");
            }
            string((ObjectNode) message, Fields.CODE);
            string((ObjectNode) message, Fields.ERROR);
            return new WireMessage(action, root, (ObjectNode) message);
        }
        if (message == null) {
            throw missing(Fields.MESSAGE);
        }
        if (!message.isObject()) {
            throw bad(Fields.MESSAGE, "must be an object");
        }
        ObjectNode body = (ObjectNode) message;
        connectionId(body);
        switch (action) {
            case REQUEST -> request(body);
            case TRANSFER -> transfer(body);
            case ACKNOWLEDGE -> acknowledge(body);
            default -> {
                // extensions: only connectionid is validated; the rest is opaque
            }
        }
        return new WireMessage(action, root, body);
    }

    private static Action action(ObjectNode root, boolean fromRelay) {
        JsonNode a = root.get(Fields.ACTION);
        if (a == null) {
            throw missing(Fields.ACTION);
        }
        if (!a.isTextual()) {
            throw bad(Fields.ACTION, "must be a string");
        }
        String name = a.textValue();
        return Action.fromWire(name)
                .filter(x -> fromRelay || x.acceptedFromClient())
                .orElseThrow(() -> new ProtocolException(
                        ErrorCode.UNKNOWN_ACTION,
                        "unknown action \"" + printable(name) + "\"; expected Connect, Request, Transfer, "
                                + "Acknowledge, Handshake or Control"));
    }

    private static ObjectNode connectBody(JsonNode message) {
        if (message == null || message.isNull()) {
            return null;
        }
        if (!message.isObject()) {
            throw bad(Fields.MESSAGE, "must be an object");
        }
        ObjectNode body = (ObjectNode) message;
        boolean hasId = body.has(Fields.CONNECTION_ID);
        boolean hasToken = body.has(Fields.RESUME_TOKEN);
        if (hasId || hasToken) {
            if (!hasId) {
                throw missing(Fields.CONNECTION_ID);
            }
            if (!hasToken) {
                throw missing(Fields.RESUME_TOKEN);
            }
            string(body, Fields.CONNECTION_ID);
            string(body, Fields.RESUME_TOKEN);
        }
        if (body.has(Fields.RESUME_KEY)) {
            string(body, Fields.RESUME_KEY);
        }
        if (body.has(Fields.RESUME_PROOF)) {
            if (!hasId) {
                throw missing(Fields.CONNECTION_ID);
            }
            if (!body.has(Fields.RESUME_KEY)) {
                throw missing(Fields.RESUME_KEY);
            }
            string(body, Fields.RESUME_PROOF);
        }
        return body;
    }

    private static void connectionId(ObjectNode body) {
        String id = string(body, Fields.CONNECTION_ID);
        if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            throw bad(Fields.CONNECTION_ID, "must be 1.." + MAX_ID_LENGTH + " characters");
        }
    }

    private static void request(ObjectNode body) {
        string(body, Fields.QR_HASH);
        JsonNode m = body.get(Fields.MESSAGE);
        if (m != null && !m.isTextual()) {
            throw bad(Fields.MESSAGE, "must be a string");
        }
    }

    private static void transfer(ObjectNode body) {
        string(body, Fields.DATA);
        long total = integer(body, Fields.CHUNK_TOTAL);
        long id = integer(body, Fields.CHUNK_ID);
        string(body, Fields.CHUNK_HASH);
        ChunkRules.check(id, total);
    }

    private static void acknowledge(ObjectNode body) {
        JsonNode s = body.get(Fields.SUCCESS);
        if (s == null) {
            throw missing(Fields.SUCCESS);
        }
        if (!s.isBoolean()) {
            throw bad(Fields.SUCCESS, "must be true or false");
        }
        JsonNode list = body.get(Fields.MISSING_CHUNK_IDS);
        if (list == null) {
            return;
        }
        if (!list.isArray()) {
            throw bad(Fields.MISSING_CHUNK_IDS, "must be an array of integers");
        }
        for (JsonNode n : list) {
            ChunkRules.checkListedId(integerValue(n, Fields.MISSING_CHUNK_IDS));
        }
    }

    private static String string(ObjectNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null) {
            throw missing(field);
        }
        if (!n.isTextual()) {
            throw bad(field, "must be a string");
        }
        return n.textValue();
    }

    private static long integer(ObjectNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null) {
            throw missing(field);
        }
        return integerValue(n, field);
    }

    private static long integerValue(JsonNode n, String field) {
        if (!n.isIntegralNumber()) {
            throw bad(field, "must be an integer, got " + describe(n));
        }
        if (!n.canConvertToLong()) {
            throw new ProtocolException(ErrorCode.BAD_CHUNK, field + " out of range: " + n.asText());
        }
        return n.longValue();
    }

    private static String describe(JsonNode n) {
        if (n.isNull()) {
            return "null";
        }
        if (n.isTextual()) {
            return "a string";
        }
        if (n.isNumber()) {
            return "a fractional number";
        }
        return n.getNodeType().name().toLowerCase();
    }

    private static ProtocolException missing(String field) {
        return new ProtocolException(ErrorCode.MISSING_FIELD, "missing field \"" + field + "\"");
    }

    private static ProtocolException bad(String field, String why) {
        return new ProtocolException(ErrorCode.BAD_FIELD, "field \"" + field + "\" " + why);
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints()
                .limit(40)
                .forEach(c -> b.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? Character.toString(c) : "?"));
        return s.length() > 40 ? b + "..." : b.toString();
    }
}
