package dev.qrbeam.relay.aws;

/** API Gateway refused a post because the message exceeds its 128 KB limit (413). */
public final class PayloadTooLargeException extends RuntimeException {
    public PayloadTooLargeException(String gatewayId, int bytes) {
        super(bytes + " bytes to " + gatewayId + " exceed the gateway's message limit");
    }
}
