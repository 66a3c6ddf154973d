package dev.qrbeam.core.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qrbeam.protocol.json.WireJson;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Inbound parsing of text Transfers: the fast path gives the same result as the full parse and refuses the same. */
class PeerLinkTest {
    private final List<String> got = new ArrayList<>();
    private final PeerLink link = new PeerLink(new WireJson(), new Recorder());

    @Test
    void largeTextTransferIsDecodedLikeTheFullParse() {
        byte[] data = new byte[30_000];
        new Random(1).nextBytes(data);
        String b64 = Base64.getEncoder().encodeToString(data);
        link.onText("{\"action\":\"Transfer\",\"message\":{\"connectionid\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"data\":\""
                + b64 + "\",\"chunkid\":3,\"chunktotal\":9,\"chunkhash\":\"h\"}}");
        assertThat(got).containsExactly("transfer AAAAAAAAAAAAAAAAAAAAAA 3/9 h " + b64.hashCode());
    }

    @Test
    void aLargeTransferWithBadNumberingIsRefusedWithTheRelayCode() {
        String b64 = Base64.getEncoder().encodeToString(new byte[30_000]);
        link.onText("{\"action\":\"Transfer\",\"message\":{\"connectionid\":\"A\",\"data\":\"" + b64
                + "\",\"chunkid\":9,\"chunktotal\":9,\"chunkhash\":\"h\"}}");
        assertThat(got).containsExactly("error bad-chunk");
    }

    @Test
    void duplicateDataKeysAreRefused() {
        String b64 = Base64.getEncoder().encodeToString(new byte[30_000]);
        link.onText("{\"action\":\"Transfer\",\"message\":{\"connectionid\":\"A\",\"data\":\"" + b64
                + "\",\"data\":\"QUFB\",\"chunkid\":1,\"chunktotal\":9,\"chunkhash\":\"h\"}}");
        assertThat(got).containsExactly("error bad-json");
    }

    @Test
    void escapedDataFallsBackToTheFullParse() {
        String b64 = Base64.getEncoder().encodeToString(new byte[30_000]);
        link.onText("{\"action\":\"Transfer\",\"message\":{\"connectionid\":\"A\",\"data\":\"\\u0041" + b64.substring(1)
                + "\",\"chunkid\":1,\"chunktotal\":9,\"chunkhash\":\"h\"}}");
        assertThat(got).containsExactly("transfer A 1/9 h " + ("A" + b64.substring(1)).hashCode());
    }

    @Test
    void anEscapedQuoteInsideDataIsRefusedByTheFullParseNotMisread() {
        String b64 = Base64.getEncoder().encodeToString(new byte[30_000]);
        link.onText("{\"action\":\"Transfer\",\"message\":{\"connectionid\":\"A\",\"data\":\"" + b64.substring(0, 100)
                + "\\\"" + b64.substring(100) + "\",\"chunkid\":1,\"chunktotal\":9,\"chunkhash\":\"h\"}}");
        assertThat(got).containsExactly("error bad-field");
    }

    @Test
    void whatTheEncoderWritesTheReceiverReadsBackWholeAndInFrames() {
        byte[] data = new byte[70_001];
        new Random(2).nextBytes(data);
        CharSequence text = new TextTransferEncoder().encode("B_-x", 4, 5, "tag", ByteBuffer.wrap(data));
        StringBuilder framed = new StringBuilder();
        for (int off = 0; off < text.length(); off += 32_768) {
            framed.append(text.subSequence(off, Math.min(text.length(), off + 32_768)));
        }
        assertThat(framed.toString()).isEqualTo(text.toString());
        link.onText(framed.toString());
        assertThat(got)
                .containsExactly("transfer B_-x 4/5 tag "
                        + Base64.getEncoder().encodeToString(data).hashCode());
    }

    @Test
    void idsThatNeedEscapingStillMakeValidJson() {
        CharSequence text = new TextTransferEncoder().encode("a\"b\u00e9", 0, 1, "h", ByteBuffer.wrap(new byte[9]));
        assertThat(new WireJson()
                        .readObject(text.toString())
                        .path("message")
                        .path("connectionid")
                        .asText())
                .isEqualTo("a\"b\u00e9");
    }

    /** HostileRelayTest timed out under load: the client gave up while the receive session was still being built. */
    @Test
    void aRelayClientThatGaveUpBeforeTheSessionWasAttachedStillTellsIt() {
        PeerLink early = new PeerLink(new WireJson(), null);
        early.onClosed("relay sent a text message over 2097152 bytes");
        early.handler(new Recorder());
        assertThat(got).containsExactly("closed relay sent a text message over 2097152 bytes");
    }

    private final class Recorder implements PeerHandler {
        @Override
        public void onTransfer(String from, long chunkId, long chunkTotal, String chunkHash, ByteBuffer data) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            got.add("transfer " + from + " " + chunkId + "/" + chunkTotal + " " + chunkHash + " "
                    + Base64.getEncoder().encodeToString(b).hashCode());
        }

        @Override
        public void onAcknowledge(String from, boolean success, List<Long> missingChunkIds) {
            got.add("ack");
        }

        @Override
        public void onControl(String from, byte[] record) {
            got.add("control");
        }

        @Override
        public void onHandshake(String from, ObjectNode body) {
            got.add("handshake");
        }

        @Override
        public void onError(String code, String message) {
            got.add("error " + code);
        }

        @Override
        public void onConnected(String ownId, boolean resumed) {}

        @Override
        public void onDisconnected(String reason) {}

        @Override
        public void onClosed(String reason) {
            got.add("closed " + reason);
        }
    }
}
