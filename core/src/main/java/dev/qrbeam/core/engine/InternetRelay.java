package dev.qrbeam.core.engine;

import dev.qrbeam.core.api.EngineConfig;
import dev.qrbeam.core.api.TransferException;
import dev.qrbeam.core.link.PeerLink;
import dev.qrbeam.core.relay.RelayClient;
import dev.qrbeam.core.relay.RelayClientOptions;
import dev.qrbeam.protocol.chunk.ChunkSizing;
import java.net.URI;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured internet relay a sender registers on next to its built-in LAN relay ("LAN first, internet as
 * fallback"): one code names both. If it cannot be reached within 4 s the send goes on with the LAN addresses only
 * (the code is shown once both registrations are settled, so it never changes afterwards).
 */
final class InternetRelay {
    private static final Logger LOG = LoggerFactory.getLogger(InternetRelay.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(4);

    private InternetRelay() {}

    /** Connects {@code link} to {@code relay}; null (and a warning) when it cannot be reached. */
    static RelayClient register(QrBeamEngine engine, URI relay, PeerLink link) {
        try {
            return engine.connect(
                    RelayAddress.webSocketOf(relay),
                    link,
                    RelayClientOptions.defaults().withConnectTimeout(CONNECT_TIMEOUT));
        } catch (TransferException e) {
            LOG.warn("the internet relay is not reachable, the code names the LAN addresses only: {}", e.getMessage());
            return null;
        }
    }

    /** {@code config} with a chunk size that both relays carry (the data may take either path). */
    static EngineConfig chunkFitting(EngineConfig config, RelayClient internet) {
        var l = internet.limits();
        int fits = ChunkSizing.choose(l.binary(), l.maxBinaryBytes(), l.maxTextBytes(), l.maxFrameBytes());
        return config.withChunkSize(config.chunkSize() > 0 ? Math.min(config.chunkSize(), fits) : fits);
    }
}
