package dev.qrbeam.core.receive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.core.api.FailureCode;
import dev.qrbeam.core.api.TransferHandle;
import dev.qrbeam.core.api.TransferProgress;
import dev.qrbeam.core.api.TransferState;
import dev.qrbeam.core.control.Control;
import dev.qrbeam.core.control.ControlType;
import dev.qrbeam.core.testing.ReceiverBench;
import dev.qrbeam.core.testing.RogueSender;
import dev.qrbeam.protocol.chunk.ChunkLayout;
import dev.qrbeam.protocol.chunk.ChunkRef;
import dev.qrbeam.protocol.chunk.Pieces;
import dev.qrbeam.protocol.crypto.ChunkCipher;
import dev.qrbeam.protocol.json.WireJson;
import dev.qrbeam.protocol.manifest.Manifest;
import dev.qrbeam.protocol.manifest.ManifestCodec;
import dev.qrbeam.protocol.manifest.ManifestFile;
import dev.qrbeam.protocol.manifest.ManifestLimits;
import dev.qrbeam.protocol.pairing.Base64Url;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Piece records against a real receiver (docs/protocol-transfer.md §5, §6): assembled, re-asked with have. */
@Timeout(60)
class PieceIntakeTest {
    private static final int CHUNK = 65536;
    private static final int G = Pieces.GRANULE;
    private final WireJson wire = new WireJson();

    @TempDir
    Path tmp;

    private ReceiverBench bench;
    private Path out;

    @BeforeEach
    void start() {
        bench = new ReceiverBench(tmp.resolve("state"), wire);
        out = tmp.resolve("out");
    }

    @AfterEach
    void stop() {
        bench.close();
    }

    @Test
    void aCorruptedPieceIsAskedForAgainWithWhatIsHereAndTheFileIsAssembledFromPieces() throws Exception {
        byte[] data = new byte[CHUNK + 40_000];
        new SecureRandom().nextBytes(data);
        try (RogueSender rogue = new RogueSender(bench.relay.uri())) {
            TransferHandle h = bench.receiver.receive(rogue.code(), out, p -> {});
            Sending s = pair(rogue, data);
            assertThat(s.resume.pieces()).isEqualTo(G);
            s.piece(0, 0, G);
            ByteBuffer bad = s.seal(0, G, G);
            bad.put(bad.limit() - 30, (byte) (bad.get(bad.limit() - 30) ^ 1));
            rogue.send(0, s.total, bad, null);
            s.piece(0, 2 * G, 2 * G);
            Control have = rogue.await(ControlType.HAVE);
            assertThat(have.chunk()).isEqualTo(0L);
            assertThat(Pieces.decodeHave(have.data(), CHUNK, G).stream()).containsExactly(0, 2, 3);
            assertThat(rogue.acks.poll(10, TimeUnit.SECONDS)).containsExactly(0L);
            assertThat(out.resolve("f.bin")).doesNotExist();
            s.piece(1, 2 * G, 40_000 - 2 * G);
            s.piece(1, 0, 2 * G);
            s.piece(0, G, G); // the missing piece completes chunk 0 and with it the file
            rogue.await(ControlType.DONE);
            rogue.control(Control.of(ControlType.BYE));
            TransferProgress end = h.completion().get(20, TimeUnit.SECONDS);
            assertThat(end.failure()).isNull();
            assertThat(end.state()).isEqualTo(TransferState.DONE);
            assertThat(end.bytesResent()).isEqualTo(G);
        }
        assertThat(Files.readAllBytes(out.resolve("f.bin"))).isEqualTo(data);
        try (Stream<Path> all = Files.list(out)) {
            assertThat(all.map(p -> p.getFileName().toString()).toList()).containsExactly("f.bin");
        }
    }

    @Test
    void aSenderThatOnlySendsBadPiecesEndsWithIntegrityAndNoFileAppears() throws Exception {
        byte[] data = new byte[CHUNK + 40_000];
        new SecureRandom().nextBytes(data);
        try (RogueSender rogue = new RogueSender(bench.relay.uri())) {
            TransferHandle h = bench.receiver.receive(rogue.code(), out, p -> {});
            Sending s = pair(rogue, data);
            for (int i = 0; i < 40 && !h.completion().isDone(); i++) {
                ByteBuffer moved = s.seal(0, G, G);
                moved.putInt(moved.position() + dev.qrbeam.core.link.PeerLink.HEADER_ROOM, 0); // claims offset 0
                rogue.send(0, s.total, moved, null);
            }
            TransferProgress end = h.completion().get(20, TimeUnit.SECONDS);
            assertThat(end.state()).isEqualTo(TransferState.FAILED);
            assertThat(end.failure().code()).isEqualTo(FailureCode.INTEGRITY);
        }
        assertThat(out.resolve("f.bin")).doesNotExist();
    }

    /** A paired rogue sender that sent the manifest of one file {@code f.bin} and got the receiver's resume. */
    private Sending pair(RogueSender rogue, byte[] data) throws Exception {
        rogue.awaitPaired();
        byte[] tid = new byte[16];
        new SecureRandom().nextBytes(tid);
        String sha =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        Manifest m = new Manifest(
                Manifest.VERSION,
                Base64Url.encode(tid),
                CHUNK,
                List.of(),
                List.of(new ManifestFile("f.bin", data.length, sha, 0)));
        rogue.manifest(new ManifestCodec(wire, ManifestLimits.DEFAULT).write(m), 1);
        Control resume = rogue.await(ControlType.RESUME);
        ChunkLayout layout = new ChunkLayout(new long[] {data.length}, CHUNK);
        return new Sending(rogue, new ChunkCipher(rogue.keys(), tid), layout, data, resume, layout.chunkTotal());
    }

    private record Sending(
            RogueSender rogue, ChunkCipher cipher, ChunkLayout layout, byte[] data, Control resume, long total) {
        ByteBuffer seal(long id, int offset, int length) throws Exception {
            ChunkRef ref = layout.ref(id);
            return rogue.sealPiece(cipher, ref, G, offset, data, (int) ref.offset() + offset, length);
        }

        void piece(long id, int offset, int length) throws Exception {
            rogue.send(id, total, seal(id, offset, length), null);
        }
    }
}
