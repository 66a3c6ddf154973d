package dev.qrbeam.core.api;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the engine ({@code QrBeamEngine}, built by the composition roots) — the one settings class of the engine.
 *
 * @param relay relay WebSocket URI; null means "start an embedded relay" (see {@link #loopback})
 * @param loopback bind and advertise the embedded relay on 127.0.0.1 instead of the LAN address
 * @param stateDir where resume state lives (send sessions, receive journals)
 * @param expiry how long a code admits a first receiver
 * @param chunkSize plaintext chunk size override (0: chosen from the relay's limits); system property
 *     {@code qrbeam.chunk} sets it (a tuning knob for benchmarks; still capped by what the relay accepts)
 * @param windowBytes most bytes in flight beyond what the receiver reported (bounds loss on a disconnect);
 *     default 3 MiB, system property {@code qrbeam.window} overrides it
 * @param maxResends how often one chunk may be re-requested before the transfer fails
 * @param peerTimeout how long to wait for a silent or absent peer before failing
 * @param directWrites the receiver writes whole chunks around the page cache (O_DIRECT) where the file system
 *     allows it, falling back by itself; default on, system property {@code qrbeam.directio=false} turns it off
 * @param internetRelay with the built-in relay ({@code relay} null): a relay the sender registers on as well, named
 *     in the code as the fallback when the LAN addresses cannot be reached; null for none. With the loopback switch
 *     the engine uses it as the only relay (there is no LAN to offer)
 */
public record EngineConfig(
        URI relay,
        boolean loopback,
        Path stateDir,
        Duration expiry,
        int chunkSize,
        long windowBytes,
        int maxResends,
        Duration peerTimeout,
        boolean directWrites,
        URI internetRelay) {

    /** Defaults: embedded relay, loopback from {@code qrbeam.loopback} / {@code QRBEAM_LOOPBACK}, XDG state dir. */
    public static EngineConfig defaults() {
        return new EngineConfig(
                null,
                loopbackRequested(),
                defaultStateDir(),
                Duration.ofMinutes(10),
                Integer.getInteger("qrbeam.chunk", 0),
                Long.getLong("qrbeam.window", 3L << 20),
                20,
                Duration.ofMinutes(10),
                !"false".equalsIgnoreCase(System.getProperty("qrbeam.directio")),
                null);
    }

    /** True if the system property {@code qrbeam.loopback=true} or env {@code QRBEAM_LOOPBACK=1} is set. */
    public static boolean loopbackRequested() {
        String env = System.getenv("QRBEAM_LOOPBACK");
        return Boolean.getBoolean("qrbeam.loopback") || "1".equals(env) || "true".equalsIgnoreCase(env);
    }

    /** {@code $XDG_STATE_HOME/qrbeam}, else {@code ~/.local/state/qrbeam}. */
    public static Path defaultStateDir() {
        String xdg = System.getenv("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isBlank()
                ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("qrbeam");
    }

    public EngineConfig withRelay(URI uri) {
        return edit(d -> d.relay = uri);
    }

    /** The built-in relay for the LAN, plus {@code uri} as the internet fallback (null: none). */
    public EngineConfig withInternetRelay(URI uri) {
        return edit(d -> d.internetRelay = uri);
    }

    public EngineConfig withLoopback(boolean on) {
        return edit(d -> d.loopback = on);
    }

    public EngineConfig withStateDir(Path dir) {
        return edit(d -> d.stateDir = dir);
    }

    public EngineConfig withExpiry(Duration expiry) {
        return edit(d -> d.expiry = expiry);
    }

    public EngineConfig withChunkSize(int bytes) {
        return edit(d -> d.chunkSize = bytes);
    }

    public EngineConfig withWindowBytes(long bytes) {
        return edit(d -> d.windowBytes = bytes);
    }

    public EngineConfig withDirectWrites(boolean on) {
        return edit(d -> d.directWrites = on);
    }

    public EngineConfig withPeerTimeout(Duration timeout) {
        return edit(d -> d.peerTimeout = timeout);
    }

    /** A copy with {@code change} applied: the one place that lists every field for the {@code with...} methods. */
    private EngineConfig edit(java.util.function.Consumer<Draft> change) {
        Draft d = new Draft(this);
        change.accept(d);
        return new EngineConfig(
                d.relay,
                d.loopback,
                d.stateDir,
                d.expiry,
                d.chunkSize,
                d.windowBytes,
                d.maxResends,
                d.peerTimeout,
                d.directWrites,
                d.internetRelay);
    }

    /** Mutable copy of the fields, used only inside {@link #edit}. */
    private static final class Draft {
        URI relay;
        boolean loopback;
        Path stateDir;
        Duration expiry;
        int chunkSize;
        long windowBytes;
        int maxResends;
        Duration peerTimeout;
        boolean directWrites;
        URI internetRelay;

        Draft(EngineConfig c) {
            relay = c.relay;
            loopback = c.loopback;
            stateDir = c.stateDir;
            expiry = c.expiry;
            chunkSize = c.chunkSize;
            windowBytes = c.windowBytes;
            maxResends = c.maxResends;
            peerTimeout = c.peerTimeout;
            directWrites = c.directWrites;
            internetRelay = c.internetRelay;
        }
    }
}
