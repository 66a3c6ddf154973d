package dev.qrbeam.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qrbeam.protocol.message.Action;
import dev.qrbeam.protocol.message.ErrorCode;
import dev.qrbeam.protocol.message.ProtocolException;
import dev.qrbeam.protocol.message.TransferMessage;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WireJsonTest {
    private final WireJson json = new WireJson();

    private void rejects(String text, ErrorCode code) {
        assertThatThrownBy(() -> json.parse(text))
                .isInstanceOf(ProtocolException.class)
                .satisfies(e -> assertThat(((ProtocolException) e).code()).isEqualTo(code));
    }

    private static String transfer(String chunkid, String chunktotal) {
        return "{\"action\":\"Transfer\",\"message\":{\"connectionid\":\"x\",\"data\":\"AA==\",\"chunkid\":" + chunkid
                + ",\"chunktotal\":" + chunktotal + ",\"chunkhash\":\"h\"}}";
    }

    @Test
    void acceptsTheSeedsUnquotedKeys() {
        WireMessage m = json.parse("{ action: \"Connect\" }");
        assertThat(m.action()).isEqualTo(Action.CONNECT);
        assertThat(m.body()).isNull();
    }

    @Test
    void acceptsSeedTransferAndConvertsToRecord() {
        WireMessage m = json.parse(transfer("0", "1"));
        TransferMessage t = json.convert(m.body(), TransferMessage.class);
        assertThat(t).isEqualTo(new TransferMessage("x", "AA==", 0, 1, "h"));
    }

    @Test
    void acceptsSeedAcknowledgeAndRequest() {
        assertThat(json.parse(
                                "{action:\"Acknowledge\",message:{connectionid:\"a\",success:false,missingchunkids:[2,4,8]}}")
                        .action())
                .isEqualTo(Action.ACKNOWLEDGE);
        assertThat(json.parse("{action:\"Request\",message:{connectionid:\"a\",qrhash:\"q\",message:\"\"}}")
                        .connectionId())
                .isEqualTo("a");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "0|0|bad-chunk", "0|-1|bad-chunk", "0|2147483648|bad-chunk", "0|9223372036854775808|bad-chunk",
                "0|\"12\"|bad-field", "0|1.5|bad-field", "0|null|bad-field", "0|1e3|bad-field",
                "-1|5|bad-chunk", "5|5|bad-chunk", "\"0\"|5|bad-field", "null|5|bad-field",
                "9223372036854775808|5|bad-chunk"
            })
    void chunkNumbersAreIntegersInRange(String id, String total, String code) {
        rejects(transfer(id, total), ErrorCode.fromCode(code).orElseThrow());
    }

    @Test
    void acceptsLargestChunkTotal() {
        assertThat(json.parse(transfer("2147483646", "2147483647")).action()).isEqualTo(Action.TRANSFER);
    }

    @Test
    void rejectsMalformedAndHostileJson() {
        rejects("{\"action\":\"Connect\"", ErrorCode.BAD_JSON);
        rejects("not json", ErrorCode.BAD_JSON);
        rejects("[1,2]", ErrorCode.BAD_JSON);
        rejects("", ErrorCode.BAD_JSON);
        rejects("{\"action\":\"Connect\"} {}", ErrorCode.BAD_JSON);
        rejects("{\"action\":\"Connect\",\"action\":\"Request\"}", ErrorCode.BAD_JSON);
        rejects("{\"action\":\"Connect\",\"x\":" + "[".repeat(1000) + "]".repeat(1000) + "}", ErrorCode.BAD_JSON);
        rejects("{\"action\":\"Connect\",\"x\":1" + "0".repeat(100) + "}", ErrorCode.BAD_JSON);
        rejects("{\"action\":\"Connect\",\"x\":\"" + "a".repeat(WireJson.MAX_STRING + 1) + "\"}", ErrorCode.BAD_JSON);
    }

    @Test
    void rejectsUnknownMissingAndIllTypedFields() {
        rejects("{\"action\":\"Bogus\"}", ErrorCode.UNKNOWN_ACTION);
        rejects("{\"action\":\"connect\"}", ErrorCode.UNKNOWN_ACTION);
        rejects("{\"action\":\"Error\",\"message\":{}}", ErrorCode.UNKNOWN_ACTION);
        rejects("{\"message\":{}}", ErrorCode.MISSING_FIELD);
        rejects("{\"action\":7}", ErrorCode.BAD_FIELD);
        rejects("{\"action\":\"Request\"}", ErrorCode.MISSING_FIELD);
        rejects("{\"action\":\"Request\",\"message\":\"x\"}", ErrorCode.BAD_FIELD);
        rejects("{\"action\":\"Request\",\"message\":{\"qrhash\":\"q\"}}", ErrorCode.MISSING_FIELD);
        rejects("{\"action\":\"Request\",\"message\":{\"connectionid\":5,\"qrhash\":\"q\"}}", ErrorCode.BAD_FIELD);
        rejects("{\"action\":\"Request\",\"message\":{\"connectionid\":\"\",\"qrhash\":\"q\"}}", ErrorCode.BAD_FIELD);
        rejects(
                "{\"action\":\"Acknowledge\",\"message\":{\"connectionid\":\"a\",\"success\":\"yes\"}}",
                ErrorCode.BAD_FIELD);
        rejects(
                "{\"action\":\"Acknowledge\",\"message\":{\"connectionid\":\"a\",\"success\":true,\"missingchunkids\":[-1]}}",
                ErrorCode.BAD_CHUNK);
        rejects(
                "{\"action\":\"Acknowledge\",\"message\":{\"connectionid\":\"a\",\"success\":true,\"missingchunkids\":[\"1\"]}}",
                ErrorCode.BAD_FIELD);
        rejects("{\"action\":\"Connect\",\"message\":{\"connectionid\":\"a\"}}", ErrorCode.MISSING_FIELD);
    }

    @Test
    void clientSideParsingAcceptsErrorReplies() {
        WireMessage m = json.parseFromRelay(json.error(ErrorCode.PEER_GONE, "gone"));
        assertThat(m.action()).isEqualTo(Action.ERROR);
        assertThat(json.convert(m.body(), dev.qrbeam.protocol.message.ErrorMessage.class)
                        .code())
                .isEqualTo("peer-gone");
        assertThat(json.parseFromRelay(
                                "{\"action\":\"Connect\",\"message\":{\"connectionid\":\"a\",\"resumetoken\":\"t\","
                                        + "\"limits\":{\"maxtextbytes\":1,\"maxbinarybytes\":0,\"binary\":false,\"maxframebytes\":1}}}")
                        .connectionId())
                .isEqualTo("a");
        assertThatThrownBy(() -> json.parseFromRelay("{\"action\":\"Error\",\"message\":{\"code\":1}}"))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void extensionsValidateOnlyTheTarget() {
        assertThat(json.parse("{\"action\":\"Control\",\"message\":{\"connectionid\":\"a\",\"anything\":[1,{}]}}")
                        .action())
                .isEqualTo(Action.CONTROL);
        rejects("{\"action\":\"Handshake\",\"message\":{\"payload\":\"p\"}}", ErrorCode.MISSING_FIELD);
    }

    @Test
    void rejectsInvalidUtf8() {
        assertThatThrownBy(() -> WireJson.decodeUtf8(ByteBuffer.wrap(new byte[] {'{', (byte) 0xC0, (byte) 0x80, '}'})))
                .isInstanceOf(ProtocolException.class)
                .satisfies(e -> assertThat(((ProtocolException) e).code()).isEqualTo(ErrorCode.BAD_JSON));
        assertThat(WireJson.decodeUtf8(ByteBuffer.wrap("{\"é\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .isEqualTo("{\"é\":1}");
    }

    @Test
    void validatesUtf8StrictlyWithoutDecoding() {
        String[] good = {
            "", "plain ascii and more than eight bytes", "é", "€", "\uD83D\uDE00", "\u07FF\uFFFF", "a\u0000b"
        };
        for (String g : good) {
            byte[] b = g.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(Utf8.isValid(b, 0, b.length)).as(g).isTrue();
        }
        int[][] bad = {
            {0xC0, 0x80},
            {0xC1, 0xBF},
            {0xE0, 0x80, 0x80},
            {0xED, 0xA0, 0x80},
            {0xF0, 0x80, 0x80, 0x80},
            {0xF4, 0x90, 0x80, 0x80},
            {0xF5, 0x80, 0x80, 0x80},
            {0x80},
            {0xC3},
            {0xE2, 0x82},
            {0xFF},
            {'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 0xC3, 0x28}
        };
        for (int[] bs : bad) {
            byte[] b = new byte[bs.length];
            for (int i = 0; i < bs.length; i++) {
                b[i] = (byte) bs[i];
            }
            assertThat(Utf8.isValid(b, 0, b.length))
                    .as(java.util.Arrays.toString(bs))
                    .isFalse();
            assertThatThrownBy(() -> json.parse(b, 0, b.length)).isInstanceOf(ProtocolException.class);
        }
        byte[] ok = "{action:\"Connect\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json.parse(ok, 0, ok.length).action()).isEqualTo(Action.CONNECT);
    }

    @Test
    void writesStrictJsonAndKeepsUnknownFields() {
        WireMessage m = json.parse("{action:\"Transfer\",message:{connectionid:\"x\",data:\"d\",chunkid:0,chunktotal:1,"
                + "chunkhash:\"h\",extra:1.50}}");
        m.body().put("connectionid", "y");
        assertThat(json.write(m.root()))
                .isEqualTo("{\"action\":\"Transfer\",\"message\":{\"connectionid\":\"y\","
                        + "\"data\":\"d\",\"chunkid\":0,\"chunktotal\":1,\"chunkhash\":\"h\",\"extra\":1.50}}");
        assertThat(json.error(ErrorCode.BAD_JSON, "oops"))
                .isEqualTo("{\"action\":\"Error\",\"message\":{\"code\":\"bad-json\",\"error\":\"oops\"}}");
    }
}
