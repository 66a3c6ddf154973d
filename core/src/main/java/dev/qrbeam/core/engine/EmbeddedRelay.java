package dev.qrbeam.core.engine;

import dev.qrbeam.core.net.AddressRanking;
import dev.qrbeam.core.net.MachineAddresses;
import dev.qrbeam.relay.LoopbackSwitch;
import dev.qrbeam.relay.Relay;
import dev.qrbeam.relay.RelayConfig;
import dev.qrbeam.relay.RelayHandle;
import dev.qrbeam.relay.core.RelayLimits;
import dev.qrbeam.relay.core.ResumeTokens;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay a sender starts in-process. It listens on every address of the machine (the wildcard, IPv6 and IPv4
 * where the OS allows, else IPv4 only) and advertises the machine's addresses ranked best first
 * ({@link AddressRanking}); with the loopback switch it binds and advertises 127.0.0.1 only. It keeps its resume
 * key in the state dir, so a restarted sender on the same port keeps its connection id and the code stays valid.
 */
final class EmbeddedRelay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRelay.class);
    private static final String LOOPBACK = "127.0.0.1";

    private final RelayHandle handle;
    private final List<String> hosts;

    private EmbeddedRelay(RelayHandle handle, List<String> hosts) {
        this.handle = handle;
        this.hosts = List.copyOf(hosts);
    }

    /** Starts on {@code port} (0 = any) with the key in {@code keyFile} (created if missing). */
    public static EmbeddedRelay start(boolean loopback, int port, Path keyFile, RelayLimits limits) throws IOException {
        Files.createDirectories(keyFile.getParent());
        ResumeTokens tokens = ResumeTokens.fromKeyFile(keyFile);
        if (loopback || LoopbackSwitch.isOn()) {
            return new EmbeddedRelay(
                    Relay.start(new RelayConfig(LOOPBACK, port, limits, tokens, 0)), List.of(LOOPBACK));
        }
        List<String> hosts = MachineAddresses.ranked().stream()
                .map(AddressRanking.Ranked::urlHost)
                .toList();
        if (hosts.isEmpty()) {
            LOG.warn("no network address found: the built-in relay is reachable from this computer only");
            hosts = List.of(LOOPBACK);
        }
        return new EmbeddedRelay(bindAll(port, limits, tokens), hosts);
    }

    /** The dual-stack wildcard, or the IPv4 wildcard where IPv6 is switched off. */
    private static RelayHandle bindAll(int port, RelayLimits limits, ResumeTokens tokens) {
        try {
            return Relay.start(new RelayConfig("::", port, limits, tokens, 0));
        } catch (RuntimeException e) {
            LOG.debug("binding [::] failed ({}); listening on IPv4 only", e.toString());
            return Relay.start(new RelayConfig("0.0.0.0", port, limits, tokens, 0));
        }
    }

    /** The WebSocket URI of the best-ranked address (the pairing code's URL host). */
    public URI uri() {
        return uriOf(hosts.get(0));
    }

    /** Every advertised WebSocket URI, best first (never a wildcard address). */
    public List<URI> uris() {
        return hosts.stream().map(this::uriOf).toList();
    }

    public int port() {
        return handle.address().getPort();
    }

    public RelayHandle handle() {
        return handle;
    }

    private URI uriOf(String host) {
        return URI.create("ws://" + host + ":" + port() + "/");
    }

    @Override
    public void close() {
        handle.close();
    }
}
