package dev.qrbeam.relay.aws;

import dev.qrbeam.protocol.message.ErrorCode;
import dev.qrbeam.protocol.message.ProtocolException;
import dev.qrbeam.relay.core.BinaryMessage;
import dev.qrbeam.relay.core.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Session} for one API Gateway connection during one Lambda invocation: the relay core's view of either
 * the sender of the event or a target it routes to. Sends go out through the management API.
 *
 * <p>A target that API Gateway reports gone (410) is released in the {@link ConnectionMap} and the send fails with
 * {@link ProtocolException} {@code peer-gone}, which the core reports to the sender. The sender's own replies are
 * dropped if the sender itself is gone: nobody is left to tell.
 */
final class GatewaySession implements Session {
    private static final Logger LOG = LoggerFactory.getLogger(GatewaySession.class);

    /** Which side of the current event this session is. */
    enum Role {
        SENDER,
        TARGET
    }

    private final Role role;
    private final String gatewayId;
    private final String remoteAddress;
    private final GatewayOutbound outbound;
    private final ConnectionMap map;
    private String id;

    GatewaySession(
            Role role, String gatewayId, String id, String remoteAddress, GatewayOutbound outbound, ConnectionMap map) {
        this.role = role;
        this.gatewayId = gatewayId;
        this.id = id;
        this.remoteAddress = remoteAddress;
        this.outbound = outbound;
        this.map = map;
    }

    String gatewayId() {
        return gatewayId;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void assignId(String newId) {
        this.id = newId;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public void sendText(String text) {
        try {
            outbound.post(gatewayId, text);
        } catch (PeerGoneException e) {
            if (id != null) {
                map.release(id, gatewayId);
            }
            map.forget(gatewayId);
            if (role == Role.TARGET) {
                throw new ProtocolException(ErrorCode.PEER_GONE, "connection " + id + " has gone away");
            }
            LOG.debug("reply to {} dropped: its connection is gone", id);
        } catch (PayloadTooLargeException e) {
            if (role == Role.TARGET) {
                throw new ProtocolException(
                        ErrorCode.BAD_FIELD,
                        "message exceeds the gateway's " + AwsLimits.MESSAGE_BYTES + "-byte limit once relayed");
            }
            LOG.warn("reply to {} dropped: {}", id, e.getMessage());
        }
    }

    /** API Gateway never carries binary frames to clients; the core only sends them to binary-capable relays. */
    @Override
    public void sendBinary(BinaryMessage message) {
        throw new ProtocolException(ErrorCode.BAD_FRAME, "binary frames are not supported on API Gateway");
    }

    @Override
    public void close(int code, String reason) {
        LOG.info("closing gateway connection {} ({} {})", gatewayId, code, reason);
        outbound.disconnect(gatewayId);
    }
}
