package dev.qrbeam.protocol.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qrbeam.protocol.message.Action;
import dev.qrbeam.protocol.message.Envelope;
import dev.qrbeam.protocol.message.ErrorCode;
import dev.qrbeam.protocol.message.ErrorMessage;
import dev.qrbeam.protocol.message.ProtocolException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The project's one JSON mapper for untrusted wire input, plus parse/validate/write helpers.
 * <p>
 * Accepts strict JSON and the seed document's unquoted keys ({@code { action: "Connect" }}); rejects duplicate
 * keys, trailing tokens, nesting deeper than {@value #MAX_NESTING}, strings longer than {@value #MAX_STRING},
 * numbers longer than {@value #MAX_NUMBER} digits; never coerces types ("12" is not a number). Output is always
 * strict JSON. Create one instance in the composition root and share it (thread-safe).
 */
public final class WireJson {
    public static final int MAX_NESTING = 32;
    public static final int MAX_STRING = 4 * 1024 * 1024;
    public static final int MAX_NUMBER = 32;
    public static final int MAX_NAME = 256;
    public static final long MAX_DOCUMENT = 16L * 1024 * 1024;

    private final ObjectMapper mapper;
    private final MessageValidator validator = new MessageValidator();

    public WireJson() {
        this.mapper = newMapper();
    }

    /** Builds a mapper configured as described in the class comment. */
    public static ObjectMapper newMapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING)
                        .maxStringLength(MAX_STRING)
                        .maxNumberLength(MAX_NUMBER)
                        .maxNameLength(MAX_NAME)
                        .maxDocumentLength(MAX_DOCUMENT)
                        .build())
                .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        return JsonMapper.builder(factory)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .build();
    }

    /** The shared mapper (for typed DTO conversion by the engine). */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** Decodes strict UTF-8 (rejecting malformed, overlong and surrogate sequences) or throws {@code bad-json}. */
    public static String decodeUtf8(ByteBuffer bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException(ErrorCode.BAD_JSON, "text message is not valid UTF-8");
        }
    }

    /** Parses a JSON object or throws {@code bad-json}. */
    public ObjectNode readObject(String text) {
        try {
            return object(mapper.readTree(text));
        } catch (JsonProcessingException e) {
            throw badJson(e);
        }
    }

    /** Parses a JSON object from strict UTF-8 bytes or throws {@code bad-json}. */
    public ObjectNode readObject(byte[] utf8, int off, int len) {
        if (!Utf8.isValid(utf8, off, len)) {
            throw new ProtocolException(ErrorCode.BAD_JSON, "text message is not valid UTF-8");
        }
        try {
            return object(mapper.readTree(utf8, off, len));
        } catch (IOException e) {
            throw badJson(e);
        }
    }

    private static ProtocolException badJson(IOException e) {
        String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        if (e instanceof StreamConstraintsException) {
            return new ProtocolException(ErrorCode.BAD_JSON, "JSON exceeds limits: " + firstLine(why));
        }
        return new ProtocolException(ErrorCode.BAD_JSON, "malformed JSON: " + firstLine(why));
    }

    private static ObjectNode object(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            throw new ProtocolException(ErrorCode.BAD_JSON, "empty message");
        }
        if (!node.isObject()) {
            throw new ProtocolException(ErrorCode.BAD_JSON, "message must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /**
     * Parses and validates one text message as a client may send it (or as a relay delivers it):
     * known action, {@code message} object, and the per-action field rules of {@link MessageValidator}.
     */
    public WireMessage parse(String text) {
        ObjectNode root = readObject(text);
        return validator.validate(root);
    }

    /** {@link #parse(String)} from UTF-8 bytes (validated strictly), without decoding to a String first. */
    public WireMessage parse(byte[] utf8, int off, int len) {
        return validator.validate(readObject(utf8, off, len));
    }

    /**
     * Parses and validates one text message received from a relay (client side): like {@link #parse} but also
     * accepts {@code Error} replies. A routed message's {@code connectionid} is then the sender's id.
     */
    public WireMessage parseFromRelay(String text) {
        ObjectNode root = readObject(text);
        return validator.validate(root, true);
    }

    /** Converts a validated message body into its record type (e.g. {@code TransferMessage.class}). */
    public <T> T convert(JsonNode body, Class<T> type) {
        try {
            return mapper.treeToValue(body, type);
        } catch (JsonProcessingException e) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, firstLine(e.getOriginalMessage()));
        }
    }

    /** Serializes any message (record, envelope or tree) as strict compact JSON. */
    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serializes as strict compact JSON in UTF-8. */
    public byte[] writeBytes(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Builds the full text of an envelope. */
    public String envelope(Action action, Object body) {
        return write(Envelope.of(action, body));
    }

    /** The full text of an Error reply. */
    public String error(ErrorCode code, String text) {
        return envelope(Action.ERROR, new ErrorMessage(code.code(), text));
    }

    /** Reads a tree without validation (for tests and tools). */
    public JsonNode readTree(String text) {
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            throw new ProtocolException(ErrorCode.BAD_JSON, firstLine(e.getMessage()));
        }
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl >= 0 ? s.substring(0, nl) : s;
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    /** For parser construction in streaming readers that need the same constraints. */
    public JsonParser createParser(String text) throws IOException {
        return mapper.createParser(text);
    }

    /**
     * A streaming parser over UTF-8 bytes from the same factory (features, duplicate detection and
     * {@link StreamReadConstraints}) as {@link #parse(byte[], int, int)}. It does not check UTF-8 strictly:
     * callers that must match the tree path run {@link Utf8#isValid} first.
     */
    public JsonParser createParser(byte[] utf8, int off, int len) throws IOException {
        return mapper.createParser(utf8, off, len);
    }
}
