package dev.qrbeam.core.send;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qrbeam.core.link.PeerHandler;
import dev.qrbeam.core.relay.RelayClient;
import dev.qrbeam.protocol.pairing.PairingCode;
import java.nio.ByteBuffer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One relay a {@link SendSession} is registered on (the built-in relay, and the internet relay when one is set):
 * passes its events to the session with the relay's code identity, so a Request is answered through the relay it
 * came from. Losing the internet relay does not end a send that the LAN can still serve; losing the relay the
 * receiver paired through does.
 */
public final class SendRoute implements PeerHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SendRoute.class);

    private final SendSession session;
    private final PairingCode identity;
    private final RelayClient client;
    private final boolean primary;

    /** @param primary the relay in the code's URL (its connection events are the session's own) */
    public SendRoute(SendSession session, PairingCode identity, RelayClient client, boolean primary) {
        this.session = session;
        this.identity = identity;
        this.client = client;
        this.primary = primary;
    }

    @Override
    public void onRequest(String from, String qrhash, String message) {
        session.onRequest(identity, client, from, qrhash);
    }

    @Override
    public void onControl(String from, byte[] record) {
        session.onControl(from, record);
    }

    @Override
    public void onAcknowledge(String from, boolean success, List<Long> missingChunkIds) {
        session.onAcknowledge(from, success, missingChunkIds);
    }

    @Override
    public void onTransfer(String from, long chunkId, long chunkTotal, String chunkHash, ByteBuffer data) {
        session.onTransfer(from, chunkId, chunkTotal, chunkHash, data);
    }

    @Override
    public void onHandshake(String from, ObjectNode body) {
        session.onHandshake(from, body);
    }

    @Override
    public void onError(String code, String message) {
        session.onError(code, message);
    }

    @Override
    public void onConnected(String ownId, boolean resumed) {
        if (primary) {
            session.onConnected(ownId, resumed);
            // the resume token is the primary relay's even while the receiver is served through the other one
            session.saved().put("resumetoken", client.resumeToken());
            session.saveQuietly();
        } else if (session.outbound() == client) {
            session.requestSync();
        }
    }

    @Override
    public void onDisconnected(String reason) {
        session.onDisconnected(reason);
    }

    @Override
    public void onClosed(String reason) {
        if (session.outbound() == client) {
            session.onClosed(reason);
        } else {
            LOG.warn("the relay {} is gone ({}); the other one still serves this code", client.uri(), reason);
        }
    }
}
