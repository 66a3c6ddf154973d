package dev.qrbeam.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.core.api.EngineConfig;
import dev.qrbeam.core.api.SendHandle;
import dev.qrbeam.core.api.TransferProgress;
import dev.qrbeam.core.api.TransferState;
import dev.qrbeam.core.testing.FaultProxy;
import dev.qrbeam.core.testing.ProgressWatch;
import dev.qrbeam.core.testing.TestFiles;
import dev.qrbeam.protocol.json.WireJson;
import dev.qrbeam.relay.Relay;
import dev.qrbeam.relay.RelayHandle;
import dev.qrbeam.relay.core.RelayLimits;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transfers through a {@link FaultProxy} that cuts every connection at random moments (and, in the short test,
 * delays and corrupts bytes): the file arrives byte-identical and little is sent twice.
 */
class DisconnectTest {
    @TempDir
    Path tmp;

    /**
     * A bit flipped in 2% of the TCP reads on both legs fails about half of all 1 MiB records: whole-chunk re-sends
     * re-sent 62–142% of the 48 MiB. Pieces of an adaptive size (docs/protocol-transfer.md §5) re-send only what
     * failed: measured 8–40% in all (21 runs, median 30%; 8 of them beside stress-ng --cpu 1), of which the 5 cuts alone cost about 21% (the 3 MiB window in flight
     * is lost at each cut; 10 MiB measured without corruption), and 1–8 MiB of records failing authentication at the
     * receiver (whole chunks: about half of all records).
     */
    @Test
    @Timeout(180)
    void survivesCutsDelayAndCorruptedBytes() throws Exception {
        long size = 48L << 20;
        Result r = run(size, 5, 0.02, 1, 11);
        assertThat(r.cuts).isEqualTo(5);
        assertThat(r.resentBytes).as("bytes sent twice").isLessThan(size * 55 / 100);
        assertThat(r.refusedBytes)
                .as("bytes of records that failed at the receiver")
                .isLessThan(size / 4);
    }

    @Test
    @Tag("long")
    @Timeout(900)
    void oneGibArrivesIdenticalThroughTwentyRandomDisconnectsWithUnderFivePercentResent() throws Exception {
        Result r = run(1L << 30, 20, 0, 0, 42);
        assertThat(r.cuts).isEqualTo(20);
        assertThat(r.resentBytes).as("bytes sent twice").isLessThan((long) ((1L << 30) * 0.05));
    }

    private record Result(long cuts, long resentBytes, long refusedBytes) {}

    private Result run(long size, int cuts, double corrupt, long delayMillis, long seed) throws Exception {
        Path file = TestFiles.random(tmp.resolve("src/big.bin"), size, seed);
        Random random = new Random(seed);
        ProgressWatch watch = new ProgressWatch();
        SendHandle send;
        TransferProgress received;
        TransferProgress sent;
        long proxyCuts;
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, RelayLimits.defaults());
                FaultProxy proxy = new FaultProxy(relay.address())) {
            URI uri = URI.create("ws://127.0.0.1:" + proxy.port() + "/");
            try (QrBeamEngine sender = engine(uri, "s");
                    QrBeamEngine receiver = engine(uri, "r")) {
                send = sender.send(List.of(file), p -> {});
                var recv = receiver.receive(send.pairingCode(), tmp.resolve("out"), watch);
                assertThat(watch.awaitBytes(1, Duration.ofSeconds(60))).isTrue();
                proxy.delay(delayMillis);
                proxy.corrupt(corrupt);
                for (int k = 1; k <= cuts; k++) {
                    long at = (long) (size * (k + random.nextDouble() * 0.8) / (cuts + 1));
                    assertThat(watch.awaitBytes(at, Duration.ofSeconds(120)))
                            .as("progress before cut " + k)
                            .isTrue();
                    proxy.cutAll();
                }
                proxy.corrupt(0);
                received = recv.completion().get(600, TimeUnit.SECONDS);
                sent = send.completion().get(30, TimeUnit.SECONDS);
            }
            proxyCuts = proxy.cuts();
        }
        assertThat(received.failure()).isNull();
        assertThat(received.state()).isEqualTo(TransferState.DONE);
        assertThat(sent.state()).isEqualTo(TransferState.DONE);
        assertThat(TestFiles.sha256(tmp.resolve("out/big.bin"))).isEqualTo(TestFiles.sha256(file));
        long resent = sent.bytesResent();
        System.out.printf(
                "%d MiB, %d cuts: %d chunks re-sent in part or whole, %.1f MiB (%.2f%%); receiver refused %.1f MiB%n",
                size >> 20,
                proxyCuts,
                sent.chunksResent(),
                resent / 1048576.0,
                100.0 * resent / size,
                received.bytesResent() / 1048576.0);
        return new Result(proxyCuts, resent, received.bytesResent());
    }

    private QrBeamEngine engine(URI relay, String name) {
        return new QrBeamEngine(
                EngineConfig.defaults().withRelay(relay).withStateDir(tmp.resolve("state-" + name)),
                new WireJson(),
                new SecureRandom());
    }
}
