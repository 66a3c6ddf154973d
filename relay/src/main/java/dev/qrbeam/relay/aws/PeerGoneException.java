package dev.qrbeam.relay.aws;

/** The gateway connection a message was posted to no longer exists (API Gateway answered 410 Gone). */
public final class PeerGoneException extends Exception {
    public PeerGoneException(String gatewayId) {
        super("connection " + gatewayId + " is gone");
    }
}
