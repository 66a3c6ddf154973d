package dev.qrbeam.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.core.api.EngineConfig;
import dev.qrbeam.core.api.SendHandle;
import dev.qrbeam.core.control.Control;
import dev.qrbeam.core.control.ControlCodec;
import dev.qrbeam.core.control.ControlType;
import dev.qrbeam.core.testing.RogueReceiver;
import dev.qrbeam.core.testing.TestFiles;
import dev.qrbeam.protocol.chunk.Pieces;
import dev.qrbeam.protocol.crypto.ChunkCipher;
import dev.qrbeam.protocol.crypto.ClaimMode;
import dev.qrbeam.protocol.crypto.ControlCipher;
import dev.qrbeam.protocol.crypto.ReceiverGate;
import dev.qrbeam.protocol.crypto.ReceiverHandshake;
import dev.qrbeam.protocol.json.WireJson;
import dev.qrbeam.protocol.pairing.Base64Url;
import dev.qrbeam.protocol.pairing.PairingCode;
import dev.qrbeam.relay.Relay;
import dev.qrbeam.relay.RelayHandle;
import dev.qrbeam.relay.core.RelayLimits;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sender sends pieces only to a receiver that declared a granule in its {@code resume} (docs/protocol-transfer.md
 * §3): the phone page declares none and must get whole chunks even after re-requests, which shrink the piece size
 * for a receiver that can take pieces.
 */
@Timeout(60)
class PieceNegotiationTest {
    private static final int CHUNK = 256 * 1024;
    private final WireJson wire = new WireJson();

    @TempDir
    Path tmp;

    @Test
    void aReceiverThatDeclaresNoPiecesGetsWholeChunksEvenAfterReRequests() throws Exception {
        List<long[]> resent = reRequestedRecords(null, (r, c) -> {});
        assertThat(resent).hasSize(1);
        assertThat(resent.get(0)).containsExactly(1, CHUNK + ChunkCipher.OVERHEAD);
    }

    @Test
    void aReceiverThatDeclaresAGranuleGetsSmallerPiecesAfterReRequests() throws Exception {
        List<long[]> resent = reRequestedRecords(Pieces.GRANULE, (r, c) -> {});
        assertThat(resent)
                .hasSize(4)
                .allSatisfy(r -> assertThat(r).containsExactly(1, CHUNK / 4 + ChunkCipher.PIECE_OVERHEAD));
    }

    @Test
    void aHaveHintLeavesOnlyTheMissingPieceToSend() throws Exception {
        List<long[]> resent = reRequestedRecords(Pieces.GRANULE, (sender, controls) -> {
            java.util.BitSet held = new java.util.BitSet();
            held.set(0, 12); // the first three quarters of chunk 1, in 16 KiB granules
            sender.accept(Control.have(1, Pieces.encodeHave(held)));
        });
        assertThat(resent).hasSize(1);
        assertThat(resent.get(0)).containsExactly(1, CHUNK / 4 + ChunkCipher.PIECE_OVERHEAD);
    }

    @Test
    void forgedOrOversizedHaveHintsAreIgnoredAndTheChunkIsSentInFull() throws Exception {
        String[] forged = {
            "A".repeat(100_000), // oversized
            Base64Url.encode(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 1}), // a granule past the chunk's end
            "not base64!",
            "AA==",
            Base64Url.encode(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1}) // claims all of chunk 1
        };
        List<long[]> resent = reRequestedRecords(Pieces.GRANULE, (sender, controls) -> {
            for (String data : forged) {
                sender.accept(new Control(
                        "have", null, null, null, data, null, null, 1L, null, null, null, null, null, null));
            }
            sender.accept(Control.have(-1, Base64Url.encode(new byte[] {1})));
            sender.accept(Control.have(99, Base64Url.encode(new byte[] {1})));
        });
        assertThat(resent)
                .hasSize(4)
                .allSatisfy(r -> assertThat(r).containsExactly(1, CHUNK / 4 + ChunkCipher.PIECE_OVERHEAD));
    }

    /** What the test's receiver sends before it asks for chunk 1 again. */
    private interface BeforeAsking {
        void run(ThrowingSink sender, ControlCodec controls) throws Exception;
    }

    private interface ThrowingSink {
        void accept(Control c) throws Exception;
    }

    /**
     * Pairs a hand-made receiver, answers the manifest with a resume declaring {@code pieces}, takes the four
     * chunks, asks for chunk 1 again: the records the sender sends in answer ({@code [chunkId, length]}).
     */
    private List<long[]> reRequestedRecords(Integer pieces, BeforeAsking before) throws Exception {
        Path file = TestFiles.random(tmp.resolve("src/f.bin"), 4L * CHUNK, 3);
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, RelayLimits.defaults());
                QrBeamEngine sender = new QrBeamEngine(
                        EngineConfig.defaults()
                                .withRelay(relay.uri())
                                .withStateDir(tmp.resolve("state"))
                                .withChunkSize(CHUNK),
                        wire,
                        new SecureRandom());
                RogueReceiver receiver = new RogueReceiver(relay.uri())) {
            SendHandle send = sender.send(List.of(file), p -> {});
            PairingCode code = PairingCode.parse(send.pairingCode());
            SecureRandom random = new SecureRandom();
            ReceiverHandshake hs = new ReceiverHandshake(
                    code, receiver.connectionId(), ReceiverGate.newToken(random), ClaimMode.NEW, random);
            receiver.request(code.senderId(), hs.message1());
            receiver.control(code.senderId(), hs.accept(receiver.awaitMessage2(20)));
            ControlCodec controls = new ControlCodec(wire, new ControlCipher(hs.keys()));
            Control part;
            do {
                byte[] record = receiver.controls.poll(20, TimeUnit.SECONDS);
                assertThat(record).as("the sender's manifest").isNotNull();
                part = controls.open(record);
            } while (part.kind() != ControlType.MANIFEST || part.index() != part.count() - 1);
            receiver.control(
                    code.senderId(),
                    controls.seal(Control.resume(part.epoch(), List.of(new long[] {0, 4}), false, null, pieces)));
            for (int i = 0; i < 4; i++) {
                assertThat(receiver.records.poll(20, TimeUnit.SECONDS))
                        .as("chunk " + i)
                        .isNotNull();
            }
            before.run(c -> receiver.control(code.senderId(), controls.seal(c)), controls);
            receiver.acknowledge(code.senderId(), List.of(1L));
            List<long[]> again = new ArrayList<>();
            long[] r = receiver.records.poll(20, TimeUnit.SECONDS);
            while (r != null && again.size() < 64) { // then whatever follows within 2 s of quiet
                again.add(r);
                r = receiver.records.poll(2, TimeUnit.SECONDS);
            }
            assertThat(send.progress().state().isTerminal())
                    .as("the sender carries on")
                    .isFalse();
            send.cancel();
            return again;
        }
    }
}
