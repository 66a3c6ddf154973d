package dev.qrbeam.relay.core;

/** WebSocket close codes the relay uses (RFC 6455 plus one private code). */
public final class CloseCodes {
    /** Relay shutting down, or idle timeout (no frames, not even pongs). */
    public static final int GOING_AWAY = 1001;
    /** Binary message while the relay accepts text only. */
    public static final int UNSUPPORTED_DATA = 1003;
    /** The client's outbound queue overflowed (it does not read fast enough), or a limit was abused. */
    public static final int POLICY_VIOLATION = 1008;
    /** Message larger than the advertised limit. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** Unexpected relay failure. */
    public static final int INTERNAL_ERROR = 1011;
    /** Another connection resumed this connection's id. */
    public static final int RESUMED_ELSEWHERE = 4001;

    private CloseCodes() {}
}
