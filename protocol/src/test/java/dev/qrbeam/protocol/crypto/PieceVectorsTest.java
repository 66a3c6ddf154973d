package dev.qrbeam.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qrbeam.protocol.chunk.ChunkLayout;
import dev.qrbeam.protocol.chunk.ChunkRef;
import dev.qrbeam.protocol.chunk.Pieces;
import dev.qrbeam.protocol.pairing.Base64Url;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Base64;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

/**
 * Vectors of piece records (docs/protocol-transfer.md §3, §5) for a later page implementation: fixed keys, the
 * records of a few pieces in both suites (clear offset, record, chunkhash, plaintext), and a {@code have} bitmap.
 * Each record also opens again here. Regenerate with {@code -Dqrbeam.writeVectors=true} after a deliberate change.
 */
class PieceVectorsTest {
    static final Path FILE = Path.of("src/test/resources/vectors/pieces.json");

    @Test
    void javaPieceRecordsMatchTheVectorFile() throws Exception {
        VectorFile.check(FILE, PieceVectorsTest::vectors);
    }

    static ObjectNode vectors(ObjectMapper json) throws Exception {
        byte[] s2r = PhoneVectorsTest.bytes(32, 1);
        byte[] r2s = PhoneVectorsTest.bytes(32, 101);
        byte[] transferId = PhoneVectorsTest.bytes(16, 7);
        int granule = 4096;
        ObjectNode root = json.createObjectNode();
        root.put("s2r", Base64Url.encode(s2r))
                .put("r2s", Base64Url.encode(r2s))
                .put("transferid", Base64Url.encode(transferId))
                .put("granule", granule)
                .put("chunksize", 16384);
        root.putArray("sizes").add(40_000).add(10_000);
        ChunkLayout layout = new ChunkLayout(new long[] {40_000, 10_000}, 16384);
        int[][] pieces = {{0, 0, 8192}, {1, 8192, 4096}, {3, 4096, 4096}, {3, 8192, 10_000 - 8192}};
        for (RecordSuite suite : RecordSuite.values()) {
            ObjectNode v = root.putObject(suite.wire());
            ChunkCipher sealer = new ChunkCipher(new SessionKeys(true, s2r, r2s, new byte[32]), transferId, suite);
            ChunkCipher opener = new ChunkCipher(new SessionKeys(false, r2s, s2r, new byte[32]), transferId, suite);
            ArrayNode list = v.putArray("pieces");
            for (int[] p : pieces) {
                ChunkRef ref = layout.ref(p[0]);
                byte[] chunk = PhoneVectorsTest.bytes(ref.length(), p[0] + 40);
                ByteBuffer record = ByteBuffer.allocate(p[2] + ChunkCipher.PIECE_OVERHEAD);
                sealer.encryptPiece(ref, granule, p[1], ByteBuffer.wrap(chunk, p[1], p[2]), record);
                record.flip();
                ByteBuffer back = ByteBuffer.allocate(p[2]);
                assertThat(opener.decryptPiece(ref, granule, record.duplicate(), back))
                        .isEqualTo(p[1]);
                assertThat(back.array()).isEqualTo(java.util.Arrays.copyOfRange(chunk, p[1], p[1] + p[2]));
                byte[] bytes = new byte[record.remaining()];
                record.duplicate().get(bytes);
                list.addObject()
                        .put("chunkid", p[0])
                        .put("offset", p[1])
                        .put("length", p[2])
                        .put("chunkplaintext", Base64.getEncoder().encodeToString(chunk))
                        .put("record", Base64.getEncoder().encodeToString(bytes))
                        .put("chunkhash", ChunkCipher.chunkHash(record));
            }
        }
        BitSet have = new BitSet();
        have.set(0);
        have.set(2, 4);
        root.putObject("have").put("chunkid", 0).put("granules", "0,2,3").put("data", Pieces.encodeHave(have));
        return root;
    }
}
