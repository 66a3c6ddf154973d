package dev.qrbeam.relay.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qrbeam.protocol.json.WireJson;
import dev.qrbeam.protocol.json.WireMessage;
import dev.qrbeam.protocol.message.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The text Transfer fast path against the tree path it replaces: what it accepts must be delivered with the same
 * meaning as the tree path's output (compared as parsed trees), every byte outside the id untouched; what the
 * tree path refuses it must decline (so the tree path's error reply is given).
 */
class TextTransferSplicerTest {
    private static final String TARGET = "TargetTargetTargetTarg";
    private static final String SENDER = "SenderSenderSenderSend";
    private final WireJson json = new WireJson();
    private final TextTransferSplicer splicer = new TextTransferSplicer(json);

    private static String transfer(String body) {
        return "{\"action\":\"Transfer\",\"message\":{" + body + "}}";
    }

    private static final String OK_BODY = "\"connectionid\":\"" + TARGET + "\",\"data\":\"QUJD\",\"chunkid\":0,"
            + "\"chunktotal\":1,\"chunkhash\":\"h\"";

    /** What the tree path delivers: parse, validate, stamp, re-serialise. */
    private JsonNode treeDelivery(byte[] in) {
        WireMessage m = json.parse(in, 0, in.length);
        m.body().put("connectionid", SENDER);
        return json.readTree(new String(json.writeBytes(m.root()), StandardCharsets.UTF_8));
    }

    private byte[] spliced(byte[] in) {
        TextTransferSplicer.Splice s = splicer.find(in, 0, in.length);
        assertThat(s).as("fast path accepts").isNotNull();
        assertThat(s.targetId()).isEqualTo(TARGET);
        Splicing.Out out = Splicing.copyStamped(in, 0, in.length, s, SENDER);
        return Arrays.copyOf(out.bytes(), out.length());
    }

    static Stream<Arguments> accepted() {
        String canonical = transfer(OK_BODY);
        return Stream.of(
                Arguments.of("canonical", canonical),
                Arguments.of("message before action", "{\"message\":{" + OK_BODY + "},\"action\":\"Transfer\"}"),
                Arguments.of(
                        "connectionid last",
                        transfer("\"data\":\"QUJD\",\"chunkhash\":\"h\",\"chunktotal\":9,"
                                + "\"chunkid\":8,\"connectionid\":\"" + TARGET + "\"")),
                Arguments.of(
                        "whitespace everywhere",
                        " \n{ \"action\" :\t\"Transfer\" ,\r\n \"message\" : { \"connectionid\" : \"" + TARGET
                                + "\" , \"data\" : \"QUJD\" , \"chunkid\" : 0 , \"chunktotal\" : 1 , \"chunkhash\" : \"h\" } } \n"),
                Arguments.of(
                        "unicode escapes elsewhere",
                        transfer(OK_BODY.replace("\"h\"", "\"\\u00e9\\n\\\"x\\ud83d\\ude00\"")
                                + ",\"note\":\"caf\\u00e9 \\\\ \\/\"")),
                Arguments.of("raw non-ASCII elsewhere", transfer(OK_BODY + ",\"note\":\"café ✓ 😀\"")),
                Arguments.of(
                        "unknown fields of every kind",
                        "{\"v\":2,\"action\":\"Transfer\",\"extra\":{\"a\":[1,true,null,{\"b\":\"c\"}]},"
                                + "\"message\":{" + OK_BODY
                                + ",\"x\":[[],{}],\"y\":null,\"z\":-12345678901234,\"big\":123456789012345678901234567890}}"),
                Arguments.of(
                        "largest chunk numbers",
                        transfer("\"connectionid\":\"" + TARGET + "\",\"data\":\"\",\"chunkid\":2147483646,"
                                + "\"chunktotal\":2147483647,\"chunkhash\":\"\"")),
                Arguments.of(
                        "nested but within depth", transfer(OK_BODY + ",\"x\":" + "[".repeat(25) + "]".repeat(25))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void acceptedTransfersAreDeliveredAsTheTreePathWouldWithOtherBytesUntouched(String name, String msg) {
        byte[] in = msg.getBytes(StandardCharsets.UTF_8);
        byte[] out = spliced(in);
        assertThat(json.readTree(new String(out, StandardCharsets.UTF_8))).isEqualTo(treeDelivery(in));
        String expected = msg.replace("\"" + TARGET + "\"", "\"" + SENDER + "\"");
        assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void aHugeBase64ChunkIsForwardedByteIdenticalAndFromAnOffset() {
        byte[] raw = new byte[1 << 20];
        new Random(7).nextBytes(raw);
        String data = Base64.getEncoder().encodeToString(raw);
        String msg = transfer("\"connectionid\":\"" + TARGET + "\",\"data\":\"" + data
                + "\",\"chunkid\":3,\"chunktotal\":4,\"chunkhash\":\"h\"");
        byte[] in = msg.getBytes(StandardCharsets.US_ASCII);
        byte[] padded = new byte[in.length + 10];
        System.arraycopy(in, 0, padded, 7, in.length);
        TextTransferSplicer.Splice s = splicer.find(padded, 7, in.length);
        assertThat(s).isNotNull();
        Splicing.Out out = Splicing.copyStamped(padded, 7, in.length, s, "short");
        String text = new String(out.bytes(), 0, out.length(), StandardCharsets.US_ASCII);
        JsonNode tree = json.readTree(text);
        assertThat(tree.get("message").get("connectionid").asText()).isEqualTo("short");
        assertThat(tree.get("message").get("data").asText()).isEqualTo(data);
        assertThat(text).isEqualTo(msg.replace(TARGET, "short"));
    }

    @Test
    void inPlaceStampingHandlesLongerAndShorterIds() {
        byte[] in = transfer(OK_BODY).getBytes(StandardCharsets.US_ASCII);
        for (String sender : new String[] {"a", SENDER, SENDER + SENDER + "x"}) {
            byte[] buf = Arrays.copyOf(in, in.length + sender.length());
            TextTransferSplicer.Splice s = splicer.find(buf, 0, in.length);
            Splicing.Out out = Splicing.stampInPlace(buf, in.length, s, sender);
            assertThat(new String(out.bytes(), 0, out.length(), StandardCharsets.US_ASCII))
                    .isEqualTo(transfer(OK_BODY).replace(TARGET, sender));
        }
    }

    /** Valid messages the fast path leaves to the tree path (which then delivers them as before). */
    static Stream<Arguments> declinedButValid() {
        return Stream.of(
                Arguments.of(
                        "escaped connectionid", transfer(OK_BODY.replace(TARGET, "\\u0054" + TARGET.substring(1)))),
                Arguments.of("unquoted names (seed style)", "{action:\"Transfer\",message:{" + OK_BODY + "}}"),
                Arguments.of("fractional number in an unknown field", transfer(OK_BODY + ",\"x\":1.50")),
                Arguments.of("exponent number in an unknown field", transfer(OK_BODY + ",\"x\":1e3")),
                Arguments.of(
                        "Request",
                        "{\"action\":\"Request\",\"message\":{\"connectionid\":\"" + TARGET + "\",\"qrhash\":\"q\"}}"),
                Arguments.of("Control", "{\"action\":\"Control\",\"message\":{\"connectionid\":\"" + TARGET + "\"}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("declinedButValid")
    void unusualButValidMessagesFallBackToTheTreePath(String name, String msg) {
        byte[] in = msg.getBytes(StandardCharsets.UTF_8);
        assertThat(splicer.find(in, 0, in.length)).isNull();
        json.parse(in, 0, in.length); // and the tree path does accept it
    }

    @Test
    void aByteOrderMarkOrUtf16FallsBackToTheTreePath() {
        byte[] plain = transfer(OK_BODY).getBytes(StandardCharsets.UTF_8);
        byte[] bom = new byte[plain.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(plain, 0, bom, 3, plain.length);
        assertThat(splicer.find(bom, 0, bom.length)).isNull();
        byte[] utf16 = transfer(OK_BODY).getBytes(StandardCharsets.UTF_16LE);
        assertThat(splicer.find(utf16, 0, utf16.length)).isNull();
    }

    static Stream<Arguments> refused() {
        String t = "\"connectionid\":\"" + TARGET + "\",";
        return Stream.of(
                Arguments.of(
                        "duplicate key at top",
                        "{\"action\":\"Transfer\",\"action\":\"Transfer\",\"message\":{" + OK_BODY + "}}"),
                Arguments.of("duplicate key in message", transfer(OK_BODY + ",\"chunkid\":0")),
                Arguments.of("duplicate connectionid", transfer(OK_BODY + ",\"connectionid\":\"other\"")),
                Arguments.of("duplicate key nested", transfer(OK_BODY + ",\"x\":{\"a\":1,\"a\":2}")),
                Arguments.of("depth over the limit", transfer(OK_BODY + ",\"x\":" + "[".repeat(40) + "]".repeat(40))),
                Arguments.of("huge number", transfer(OK_BODY + ",\"x\":" + "9".repeat(100))),
                Arguments.of("trailing tokens", transfer(OK_BODY) + "{}"),
                Arguments.of("truncated", transfer(OK_BODY).substring(0, 60)),
                Arguments.of("control char in data", transfer(OK_BODY.replace("QUJD", "QU\u0001JD"))),
                Arguments.of("bad escape in data", transfer(OK_BODY.replace("QUJD", "QU\\qJD"))),
                Arguments.of("message not an object", "{\"action\":\"Transfer\",\"message\":\"x\"}"),
                Arguments.of("message missing", "{\"action\":\"Transfer\"}"),
                Arguments.of("action missing", "{\"message\":{" + OK_BODY + "}}"),
                Arguments.of("action wrong case", "{\"action\":\"transfer\",\"message\":{" + OK_BODY + "}}"),
                Arguments.of("action not a string", "{\"action\":7,\"message\":{" + OK_BODY + "}}"),
                Arguments.of(
                        "connectionid missing",
                        transfer("\"data\":\"QUJD\",\"chunkid\":0,\"chunktotal\":1,\"chunkhash\":\"h\"")),
                Arguments.of("connectionid a number", transfer(OK_BODY.replace("\"" + TARGET + "\"", "5"))),
                Arguments.of("connectionid null", transfer(OK_BODY.replace("\"" + TARGET + "\"", "null"))),
                Arguments.of("connectionid empty", transfer(OK_BODY.replace(TARGET, ""))),
                Arguments.of("connectionid too long", transfer(OK_BODY.replace(TARGET, "x".repeat(129)))),
                Arguments.of("data missing", transfer(t + "\"chunkid\":0,\"chunktotal\":1,\"chunkhash\":\"h\"")),
                Arguments.of(
                        "data a number", transfer(t + "\"data\":1,\"chunkid\":0,\"chunktotal\":1,\"chunkhash\":\"h\"")),
                Arguments.of(
                        "data null", transfer(t + "\"data\":null,\"chunkid\":0,\"chunktotal\":1,\"chunkhash\":\"h\"")),
                Arguments.of(
                        "data an array",
                        transfer(t + "\"data\":[\"QUJD\"],\"chunkid\":0,\"chunktotal\":1,\"chunkhash\":\"h\"")),
                Arguments.of("chunkhash missing", transfer(t + "\"data\":\"\",\"chunkid\":0,\"chunktotal\":1")),
                Arguments.of(
                        "chunkhash a boolean",
                        transfer(t + "\"data\":\"\",\"chunkid\":0,\"chunktotal\":1,\"chunkhash\":true")),
                Arguments.of("chunkid missing", transfer(t + "\"data\":\"\",\"chunktotal\":1,\"chunkhash\":\"h\"")),
                Arguments.of(
                        "chunkid a string",
                        transfer(t + "\"data\":\"\",\"chunkid\":\"0\",\"chunktotal\":1,\"chunkhash\":\"h\"")),
                Arguments.of(
                        "chunkid fractional",
                        transfer(t + "\"data\":\"\",\"chunkid\":0.0,\"chunktotal\":1,\"chunkhash\":\"h\"")),
                Arguments.of(
                        "chunkid negative",
                        transfer(t + "\"data\":\"\",\"chunkid\":-1,\"chunktotal\":1,\"chunkhash\":\"h\"")),
                Arguments.of(
                        "chunkid = chunktotal",
                        transfer(t + "\"data\":\"\",\"chunkid\":3,\"chunktotal\":3,\"chunkhash\":\"h\"")),
                Arguments.of("chunktotal missing", transfer(t + "\"data\":\"\",\"chunkid\":0,\"chunkhash\":\"h\"")),
                Arguments.of(
                        "chunktotal null",
                        transfer(t + "\"data\":\"\",\"chunkid\":0,\"chunktotal\":null,\"chunkhash\":\"h\"")),
                Arguments.of(
                        "chunktotal 0",
                        transfer(t + "\"data\":\"\",\"chunkid\":0,\"chunktotal\":0,\"chunkhash\":\"h\"")),
                Arguments.of(
                        "chunktotal 2^31",
                        transfer(t + "\"data\":\"\",\"chunkid\":0,\"chunktotal\":2147483648,\"chunkhash\":\"h\"")),
                Arguments.of(
                        "chunktotal 2^63",
                        transfer(
                                t
                                        + "\"data\":\"\",\"chunkid\":0,\"chunktotal\":9223372036854775808,\"chunkhash\":\"h\"")),
                Arguments.of(
                        "chunktotal 1e3",
                        transfer(t + "\"data\":\"\",\"chunkid\":0,\"chunktotal\":1e3,\"chunkhash\":\"h\"")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void whatTheTreePathRefusesIsDeclined(String name, String msg) {
        byte[] in = msg.getBytes(StandardCharsets.UTF_8);
        ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> json.parse(in, 0, in.length));
        assertThat(e).as("the tree path refuses it").isNotNull();
        assertThat(splicer.find(in, 0, in.length)).isNull();
    }

    @Test
    void invalidUtf8IsDeclined() {
        byte[] in = transfer(OK_BODY.replace("QUJD", "QU~JD")).getBytes(StandardCharsets.UTF_8);
        int at = new String(in, StandardCharsets.US_ASCII).indexOf('~');
        byte[] overlong = new byte[in.length + 1];
        System.arraycopy(in, 0, overlong, 0, at);
        overlong[at] = (byte) 0xC0; // overlong encoding of '/': the parser alone would let it pass in a skipped string
        overlong[at + 1] = (byte) 0xAF;
        System.arraycopy(in, at + 1, overlong, at + 2, in.length - at - 1);
        assertThat(catchThrowableOfType(ProtocolException.class, () -> json.parse(overlong, 0, overlong.length)))
                .isNotNull();
        assertThat(splicer.find(overlong, 0, overlong.length)).isNull();
    }

    /**
     * Differential check: random byte edits of a valid Transfer. Whenever the fast path accepts the edited bytes,
     * the tree path must accept them too and deliver the same tree.
     */
    @Test
    void randomEditsNeverPassTheFastPathButFailTheTreePath() {
        byte[] base = transfer(OK_BODY + ",\"x\":[1,{\"y\":\"z\"}]").getBytes(StandardCharsets.UTF_8);
        byte[] alphabet = "{}[]\":,\\ 0123456789-.eEtrufalsn\u00e9xa".getBytes(StandardCharsets.UTF_8);
        Random random = new Random(42);
        int accepted = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] in = base.clone();
            for (int k = 1 + random.nextInt(2); k > 0; k--) {
                in[random.nextInt(in.length)] =
                        random.nextInt(8) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
            }
            TextTransferSplicer.Splice s = splicer.find(in, 0, in.length);
            if (s == null) {
                continue;
            }
            accepted++;
            byte[] copy = in;
            JsonNode tree;
            try {
                WireMessage m = json.parse(copy, 0, copy.length);
                assertThat(m.connectionId()).isEqualTo(s.targetId());
                tree = treeDelivery(copy);
            } catch (ProtocolException e) {
                throw new AssertionError(
                        "fast path accepted what the tree path refuses (" + e.code() + "): "
                                + new String(in, StandardCharsets.UTF_8),
                        e);
            }
            Splicing.Out out = Splicing.copyStamped(in, 0, in.length, s, SENDER);
            assertThat(json.readTree(new String(out.bytes(), 0, out.length(), StandardCharsets.UTF_8)))
                    .isEqualTo(tree);
        }
        assertThat(accepted).as("some edits keep the message valid").isGreaterThan(100);
    }
}
