package dev.qrbeam.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qrbeam.protocol.chunk.ChunkException;
import dev.qrbeam.protocol.chunk.ChunkLayout;
import dev.qrbeam.protocol.chunk.ChunkRef;
import dev.qrbeam.protocol.chunk.ReceiveOffer;
import dev.qrbeam.protocol.pairing.Base64Url;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Shared vectors of the phone-sends direction (docs/protocol-transfer.md §6b), for the page's tests: the code-less
 * receiver's control records (the {@code receive} offer, a {@code resume} asking for ChaCha20-Poly1305) sealed with
 * {@code k_s2r}, chunk records the scanner seals with {@code k_r2s} (ChaCha20-Poly1305), and which offers are valid.
 * Regenerate with {@code -Dqrbeam.writeVectors=true} after a deliberate protocol change.
 */
class PhoneSendVectorsTest {
    static final Path FILE = Path.of("src/test/resources/vectors/phone-send.json");
    static final List<Long> VALID_OFFERS = List.of(4096L, 20_480L, 1_048_576L, 16_777_216L);
    static final List<Long> INVALID_OFFERS = List.of(0L, -4096L, 1000L, 4097L, 33_554_432L);

    @Test
    void javaRecordsMatchTheSharedVectorFile() throws Exception {
        VectorFile.check(FILE, PhoneSendVectorsTest::vectors);
    }

    @Test
    void offersOutsideTheRulesAreRefusedWithTheirReason() {
        VALID_OFFERS.forEach(n -> assertThat(ReceiveOffer.chunkSize(n)).isEqualTo(n.intValue()));
        for (long n : INVALID_OFFERS) {
            assertThatThrownBy(() -> ReceiveOffer.chunkSize(n))
                    .isInstanceOf(ChunkException.class)
                    .hasMessageContaining("chunk size " + n)
                    .extracting(e -> ((ChunkException) e).code())
                    .isEqualTo("bad-offer");
        }
        assertThatThrownBy(() -> ReceiveOffer.chunkSize(null)).hasMessageContaining("no chunk size");
        assertThatThrownBy(() -> ReceiveOffer.chunkSize(4096.5)).hasMessageContaining("chunk size 4096.5");
        assertThatThrownBy(() -> ReceiveOffer.checkManifest(65_536, 4096))
                .hasMessageContaining("uses chunk size 4096; this receiver asked for 65536");
    }

    static ObjectNode vectors(ObjectMapper json) throws Exception {
        byte[] s2r = PhoneVectorsTest.bytes(32, 1);
        byte[] r2s = PhoneVectorsTest.bytes(32, 101);
        byte[] transferId = PhoneVectorsTest.bytes(16, 9);
        ObjectNode root = json.createObjectNode();
        root.put("s2r", Base64Url.encode(s2r))
                .put("r2s", Base64Url.encode(r2s))
                .put("transferid", Base64Url.encode(transferId));
        ControlCipher shower = new ControlCipher(new SessionKeys(true, s2r, r2s, new byte[32]));
        ArrayNode controls = root.putArray("shower_control");
        for (String text : List.of(
                "{\"type\":\"admitted\"}",
                "{\"type\":\"receive\",\"chunksize\":4096}",
                "{\"type\":\"resume\",\"epoch\":1,\"missing\":[[0,4]],\"truncated\":false,"
                        + "\"suite\":\"chacha20-poly1305\"}")) {
            controls.addObject()
                    .put("plaintext", text)
                    .put(
                            "record",
                            Base64.getEncoder().encodeToString(shower.seal(text.getBytes(StandardCharsets.UTF_8))));
        }
        ChunkLayout layout = new ChunkLayout(new long[] {10_000, 0}, 4096);
        ChunkCipher scanner = new ChunkCipher(
                new SessionKeys(false, r2s, s2r, new byte[32]), transferId, RecordSuite.CHACHA20_POLY1305);
        ObjectNode chunks = root.putObject("scanner_chunks");
        chunks.put("suite", RecordSuite.CHACHA20_POLY1305.wire()).put("chunksize", 4096);
        chunks.putArray("sizes").add(10_000).add(0);
        ArrayNode list = chunks.putArray("chunks");
        for (long id = 0; id < layout.chunkTotal(); id++) {
            ChunkRef ref = layout.ref(id);
            byte[] plain = PhoneVectorsTest.bytes(ref.length(), (int) id + 60);
            ByteBuffer record = ByteBuffer.allocate(ref.length() + ChunkCipher.OVERHEAD);
            scanner.encrypt(ref, ByteBuffer.wrap(plain), record);
            record.flip();
            byte[] r = new byte[record.remaining()];
            record.duplicate().get(r);
            list.addObject()
                    .put("chunkid", id)
                    .put("plaintext", Base64.getEncoder().encodeToString(plain))
                    .put("record", Base64.getEncoder().encodeToString(r))
                    .put("chunkhash", ChunkCipher.chunkHash(record));
        }
        ObjectNode offers = root.putObject("offers");
        VALID_OFFERS.forEach(offers.putArray("valid")::add);
        INVALID_OFFERS.forEach(offers.putArray("invalid")::add);
        return root;
    }
}
