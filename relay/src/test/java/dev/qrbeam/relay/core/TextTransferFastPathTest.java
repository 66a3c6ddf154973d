package dev.qrbeam.relay.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.qrbeam.protocol.json.WireJson;
import dev.qrbeam.protocol.message.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link RelayCore#onText(Session, ByteBuffer)} and {@link RelayCore#onTextOwned} with the Transfer fast path: same replies as the tree path for bad
 * input (heap and direct buffers), exact splicing for ids of other lengths, tree path when the sender id would
 * need escaping.
 */
class TextTransferFastPathTest {
    private final WireJson json = new WireJson();
    private final Queue<String> ids = new ArrayDeque<>();
    private final RelayCore core = new RelayCore(
            RelayLimits.defaults(),
            new InMemoryConnectionRegistry(),
            ResumeTokens.random(),
            ids::remove,
            new TokenBucketRateLimiter(100, 100),
            new TokenBucketRateLimiter(100, 100),
            json,
            new RelayCounters());

    private RelayCoreTest.FakeSession connected(String id) {
        ids.add(id);
        RelayCoreTest.FakeSession s = new RelayCoreTest.FakeSession();
        core.onConnect(s);
        return s;
    }

    private static ByteBuffer direct(byte[] b) {
        ByteBuffer d = ByteBuffer.allocateDirect(b.length);
        d.put(b).flip();
        return d;
    }

    /** A heap buffer whose array has bytes before and after the message (as a pooled buffer would). */
    private static ByteBuffer heapSlice(byte[] b) {
        byte[] big = new byte[b.length + 20];
        System.arraycopy(b, 0, big, 5, b.length);
        return ByteBuffer.wrap(big, 5, b.length).slice();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.qrbeam.relay.core.TextTransferSplicerTest#refused")
    void badTransfersGetExactlyTheTreePathsErrorReply(String name, String msg) {
        RelayCoreTest.FakeSession from = connected("S1");
        connected("TargetTargetTargetTarg");
        byte[] in = msg.getBytes(StandardCharsets.UTF_8);
        ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> json.parse(in, 0, in.length));
        String expected = json.error(e.code(), e.getMessage());
        assertThat(core.onText(from, direct(in))).isNull();
        assertThat(core.onText(from, heapSlice(in))).isNull();
        assertThat(from.texts).containsExactly(expected, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.qrbeam.relay.core.TextTransferSplicerTest#refused")
    void badTransfersAsStringsGetExactlyTheStringTreePathsErrorReply(String name, String msg) {
        RelayCoreTest.FakeSession from = connected("S1");
        connected("TargetTargetTargetTarg");
        ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> json.parse(msg));
        assertThat(core.onText(from, msg)).isNull();
        assertThat(from.texts).containsExactly(json.error(e.code(), e.getMessage()));
    }

    @Test
    void stringTransfersAreSplicedAndStringsWithSurrogatesTakeTheTreePath() {
        RelayCoreTest.FakeSession target = connected("T");
        RelayCoreTest.FakeSession sender = connected("the-sender");
        String msg =
                "{ \"action\": \"Transfer\", \"message\": {\"connectionid\": \"T\", \"data\": \"QUJD\", \"chunkid\": 0,"
                        + " \"chunktotal\": 1, \"chunkhash\": \"é\"}}";
        assertThat(core.onText(sender, msg)).isSameAs(target);
        assertThat(target.texts).containsExactly(msg.replace("\"T\"", "\"the-sender\""));
        String emoji = msg.replace("é", "\ud83d\ude00");
        assertThat(core.onText(sender, emoji)).isSameAs(target);
        assertThat(json.readTree(target.texts.get(1)))
                .isEqualTo(json.readTree(emoji.replace("\"T\"", "\"the-sender\"")));
        assertThat(target.texts.get(1)).doesNotContain(" "); // re-serialised by the tree path
    }

    @Test
    void transfersAreSplicedExactlyForShorterAndLongerSenderIds() {
        RelayCoreTest.FakeSession target = connected("the-target-id");
        for (String senderId : List.of("s", "a-much-longer-sender-id-than-the-target-has")) {
            RelayCoreTest.FakeSession sender = connected(senderId);
            String msg = "{\"action\":\"Transfer\",\"message\":{\"connectionid\":\"the-target-id\",\"data\":\"QUJD\","
                    + "\"chunkid\":1,\"chunktotal\":2,\"chunkhash\":\"caf\\u00e9\"}}";
            byte[] in = msg.getBytes(StandardCharsets.UTF_8);
            assertThat(core.onText(sender, direct(in))).isSameAs(target);
            assertThat(core.onText(sender, heapSlice(in))).isSameAs(target);
            assertThat(core.onTextOwned(sender, in.clone(), in.length)).isSameAs(target); // no spare room: copies
            byte[] spare = java.util.Arrays.copyOf(in, in.length + RelayCore.TEXT_SPARE);
            assertThat(core.onTextOwned(sender, spare, in.length)).isSameAs(target); // stamped in place
            String out = msg.replace("the-target-id", senderId);
            assertThat(target.texts).containsExactly(out, out, out, out);
            target.texts.clear();
        }
    }

    @Test
    void unknownAndGoneTargetsGetTheSameErrorsAsBefore() {
        RelayCoreTest.FakeSession from = connected("S1");
        RelayCoreTest.FakeSession gone = connected("GONE");
        core.onClose(gone);
        for (String target : List.of("NOBODY", "GONE")) {
            byte[] in = ("{\"action\":\"Transfer\",\"message\":{\"connectionid\":\"" + target + "\",\"data\":\"\","
                            + "\"chunkid\":0,\"chunktotal\":1,\"chunkhash\":\"h\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(core.onText(from, direct(in))).isNull();
            assertThat(from.last(json).get("message").get("code").asText())
                    .isEqualTo(target.equals("GONE") ? "peer-gone" : "unknown-target");
        }
    }

    @Test
    void aSenderIdThatWouldNeedEscapingTakesTheTreePath() {
        RelayCoreTest.FakeSession target = connected("T");
        RelayCoreTest.FakeSession sender = connected("odd\"id");
        byte[] in =
                "{\"action\":\"Transfer\",\"message\":{\"connectionid\":\"T\",\"data\":\"\",\"chunkid\":0,\"chunktotal\":1,\"chunkhash\":\"h\"}}"
                        .getBytes(StandardCharsets.UTF_8);
        assertThat(core.onText(sender, direct(in))).isSameAs(target);
        assertThat(json.readTree(target.texts.get(0))
                        .get("message")
                        .get("connectionid")
                        .asText())
                .isEqualTo("odd\"id");
    }
}
