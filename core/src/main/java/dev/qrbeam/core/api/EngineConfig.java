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
        return new EngineConfig(
                uri,
                loopback,
                stateDir,
                expiry,
                chunkSize,
                windowBytes,
                maxResends,
                peerTimeout,
                directWrites,
                internetRelay);
    }

    /** The built-in relay for the LAN, plus {@code uri} as the internet fallback (null: none). */
    public EngineConfig withInternetRelay(URI uri) {
        return new EngineConfig(
                relay, loopback, stateDir, expiry, chunkSize, windowBytes, maxResends, peerTimeout, directWrites, uri);
    }

    public EngineConfig withLoopback(boolean on) {
        return new EngineConfig(
                relay,
                on,
                stateDir,
                expiry,
                chunkSize,
                windowBytes,
                maxResends,
                peerTimeout,
                directWrites,
                internetRelay);
    }

    public EngineConfig withStateDir(Path dir) {
        return new EngineConfig(
                relay,
                loopback,
                dir,
                expiry,
                chunkSize,
                windowBytes,
                maxResends,
                peerTimeout,
                directWrites,
                internetRelay);
    }

    public EngineConfig withExpiry(Duration d) {
        return new EngineConfig(
                relay,
                loopback,
                stateDir,
                d,
                chunkSize,
                windowBytes,
                maxResends,
                peerTimeout,
                directWrites,
                internetRelay);
    }

    public EngineConfig withChunkSize(int bytes) {
        return new EngineConfig(
                relay,
                loopback,
                stateDir,
                expiry,
                bytes,
                windowBytes,
                maxResends,
                peerTimeout,
                directWrites,
                internetRelay);
    }

    public EngineConfig withWindowBytes(long bytes) {
        return new EngineConfig(
                relay,
                loopback,
                stateDir,
                expiry,
                chunkSize,
                bytes,
                maxResends,
                peerTimeout,
                directWrites,
                internetRelay);
    }

    public EngineConfig withDirectWrites(boolean on) {
        return new EngineConfig(
                relay, loopback, stateDir, expiry, chunkSize, windowBytes, maxResends, peerTimeout, on, internetRelay);
    }

    public EngineConfig withPeerTimeout(Duration d) {
        return new EngineConfig(
                relay, loopback, stateDir, expiry, chunkSize, windowBytes, maxResends, d, directWrites, internetRelay);
    }
}
