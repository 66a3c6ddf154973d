package dev.qrbeam.protocol.crypto;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qrbeam.protocol.chunk.ChunkLayout;
import dev.qrbeam.protocol.chunk.ChunkRef;
import dev.qrbeam.protocol.json.WireJson;
import dev.qrbeam.protocol.manifest.Manifest;
import dev.qrbeam.protocol.manifest.ManifestCodec;
import dev.qrbeam.protocol.manifest.ManifestFile;
import dev.qrbeam.protocol.manifest.ManifestLimits;
import dev.qrbeam.protocol.pairing.Base64Url;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shared test vectors of the phone page ({@code web/test/vectors.test.mjs} checks the JavaScript against the
 * same file): control records, chunk records with their associated data and chunkhash, and a manifest — computed
 * here by the Java protocol code from fixed keys and compared with the committed file. Regenerate with
 * {@code -Dqrbeam.writeVectors=true} after a deliberate protocol change.
 */
class PhoneVectorsTest {
    static final Path FILE = Path.of("src/test/resources/vectors/phone-records.json");

    @Test
    void javaRecordsMatchTheSharedVectorFile() throws Exception {
        VectorFile.check(FILE, PhoneVectorsTest::vectors);
    }

    static ObjectNode vectors(ObjectMapper json) throws Exception {
        byte[] s2r = bytes(32, 1);
        byte[] r2s = bytes(32, 101);
        byte[] transferId = bytes(16, 7);
        ObjectNode root = json.createObjectNode();
        root.put("s2r", Base64Url.encode(s2r))
                .put("r2s", Base64Url.encode(r2s))
                .put("transferid", Base64Url.encode(transferId));
        SessionKeys sender = new SessionKeys(true, s2r, r2s, new byte[32]);
        ControlCipher control = new ControlCipher(sender);
        ArrayNode controls = root.putArray("control");
        for (String text : List.of("{\"type\":\"sync\",\"epoch\":1}", "{\"type\":\"bye\"}")) {
            controls.addObject()
                    .put("plaintext", text)
                    .put(
                            "record",
                            Base64.getEncoder().encodeToString(control.seal(text.getBytes(StandardCharsets.UTF_8))));
        }
        for (RecordSuite suite : RecordSuite.values()) {
            ObjectNode v = root.putObject(suite.wire());
            ChunkLayout layout = new ChunkLayout(new long[] {10_000, 0, 5000}, 4096);
            ChunkCipher chunks = new ChunkCipher(new SessionKeys(true, s2r, r2s, new byte[32]), transferId, suite);
            ArrayNode list = v.putArray("chunks");
            v.putArray("sizes").add(10_000).add(0).add(5000);
            v.put("chunksize", 4096);
            for (long id : new long[] {0, 2, 3, 5, 1}) {
                ChunkRef ref = layout.ref(id);
                byte[] plain = bytes(ref.length(), (int) id + 40);
                ByteBuffer record = ByteBuffer.allocate(ref.length() + ChunkCipher.OVERHEAD);
                chunks.encrypt(ref, ByteBuffer.wrap(plain), record);
                record.flip();
                list.addObject()
                        .put("chunkid", id)
                        .put("plaintext", Base64.getEncoder().encodeToString(plain))
                        .put("record", Base64.getEncoder().encodeToString(Arrays.copyOf(record)))
                        .put("chunkhash", ChunkCipher.chunkHash(record));
            }
        }
        Manifest m = new Manifest(
                Manifest.VERSION,
                Base64Url.encode(transferId),
                4096,
                List.of("photos"),
                List.of(
                        new ManifestFile(
                                "photos/a.jpg", 10_000, HexFormat.of().formatHex(bytes(32, 3)), 1764150000000L),
                        new ManifestFile("photos/empty.txt", 0, HexFormat.of().formatHex(bytes(32, 4)), 0),
                        new ManifestFile("notes ü.txt", 5000, HexFormat.of().formatHex(bytes(32, 5)), 1)));
        root.put("manifest", new ManifestCodec(new WireJson(), ManifestLimits.DEFAULT).write(m));
        return root;
    }

    static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed * 31 + i * 7);
        }
        return b;
    }

    private static final class Arrays {
        static byte[] copyOf(ByteBuffer b) {
            byte[] out = new byte[b.remaining()];
            b.duplicate().get(out);
            return out;
        }
    }
}
