package dev.qrbeam.relay;

import dev.qrbeam.relay.core.RelayLimits;
import dev.qrbeam.relay.core.ResumeTokens;
import dev.qrbeam.relay.tls.TlsFiles;

/**
 * What {@link Relay#start(RelayConfig)} needs.
 *
 * @param host          address to bind (forced to 127.0.0.1 when the loopback switch is on)
 * @param port          port, 0 = any free port
 * @param limits        limits, e.g. {@link RelayLimits#defaults()}
 * @param resumeTokens  resume token key; {@link ResumeTokens#random()} unless ids must survive restarts
 * @param ioThreads     Netty I/O threads, 0 = default (2 x cores)
 * @param tls           certificate and key for {@code wss://}, or null for plain {@code ws://}
 */
public record RelayConfig(
        String host, int port, RelayLimits limits, ResumeTokens resumeTokens, int ioThreads, TlsFiles tls) {
    public RelayConfig(String host, int port, RelayLimits limits, ResumeTokens resumeTokens, int ioThreads) {
        this(host, port, limits, resumeTokens, ioThreads, null);
    }

    /** This config serving {@code wss://} with the given PEM files. */
    public RelayConfig withTls(TlsFiles files) {
        return new RelayConfig(host, port, limits, resumeTokens, ioThreads, files);
    }

    public static RelayConfig of(String host, int port, RelayLimits limits) {
        return new RelayConfig(host, port, limits, ResumeTokens.random(), 0);
    }
}
