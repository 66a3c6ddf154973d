package dev.qrbeam.relay.aws;

/** Sends to API Gateway connections: the management API ({@code @connections}) as the Lambda adapter needs it. */
public interface GatewayOutbound {

    /**
     * Posts one text message to a gateway connection.
     *
     * @throws PeerGoneException        the connection no longer exists (410)
     * @throws PayloadTooLargeException the message exceeds the gateway's limit (413)
     */
    void post(String gatewayId, String text) throws PeerGoneException;

    /** Closes a gateway connection; closing one that is already gone is not an error. */
    void disconnect(String gatewayId);
}
