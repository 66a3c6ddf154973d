package dev.qrbeam.core.engine;

import dev.qrbeam.relay.Relay;
import dev.qrbeam.relay.RelayConfig;
import dev.qrbeam.relay.RelayHandle;
import dev.qrbeam.relay.core.RelayLimits;
import dev.qrbeam.relay.core.ResumeTokens;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;

/**
 * The relay a sender starts in-process when no relay URL is given. It binds this machine's LAN address (or
 * 127.0.0.1 with the loopback switch) and keeps its resume key in the state dir, so a restarted sender on the same
 * port keeps its connection id and the code stays valid.
 */
public final class EmbeddedRelay implements AutoCloseable {
    private final RelayHandle handle;
    private final String host;

    private EmbeddedRelay(RelayHandle handle, String host) {
        this.handle = handle;
        this.host = host;
    }

    /** Starts on {@code port} (0 = any) with the key in {@code keyFile} (created if missing). */
    public static EmbeddedRelay start(boolean loopback, int port, Path keyFile, RelayLimits limits) throws IOException {
        String host = loopback ? "127.0.0.1" : lanAddress();
        Files.createDirectories(keyFile.getParent());
        ResumeTokens tokens = ResumeTokens.fromKeyFile(keyFile);
        RelayHandle h = Relay.start(new RelayConfig(host, port, limits, tokens, 0));
        return new EmbeddedRelay(h, h.address().getAddress().getHostAddress());
    }

    /** The WebSocket URI clients use (the advertised host, never 0.0.0.0). */
    public URI uri() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("ws://" + h + ":" + handle.address().getPort() + "/");
    }

    public int port() {
        return handle.address().getPort();
    }

    public RelayHandle handle() {
        return handle;
    }

    /** A site-local IPv4 address of an up, non-loopback interface; 127.0.0.1 if there is none. */
    static String lanAddress() {
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp() || ni.isLoopback() || ni.isVirtual()) {
                    continue;
                }
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (a instanceof Inet4Address && a.isSiteLocalAddress()) {
                        return a.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            // fall through
        }
        return "127.0.0.1";
    }

    @Override
    public void close() {
        handle.close();
    }
}
