package dev.qrbeam.protocol.pairing;

import java.net.URI;

/**
 * A dialable way to the sender: where to connect, and which code identity the handshake binds there.
 *
 * @param webSocketUri the relay endpoint to dial ({@code ws://10.77.0.2:40125/} for an alternative address)
 * @param identity the code as the handshake must see it on this route: the code itself for every address of the
 *     primary relay (its prologue binds the primary base, never the address dialled), a code with that relay's
 *     base and sender id for a separate relay
 * @param primaryRelay true for addresses of the primary relay (the LAN candidates of a built-in relay), false for
 *     a separate relay (the internet fallback), which receivers start after a short head start of the others
 */
public record Route(URI webSocketUri, PairingCode identity, boolean primaryRelay) {
    /** {@code host:port} of the dialled endpoint, for messages. */
    public String endpoint() {
        String host = webSocketUri.getHost();
        int port = webSocketUri.getPort();
        return port < 0 ? host : host + ":" + port;
    }
}
