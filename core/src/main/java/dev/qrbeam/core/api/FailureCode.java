package dev.qrbeam.core.api;

/** Stable reasons a transfer ends without success; the UI maps each to a human message. */
public enum FailureCode {
    CODE_INVALID,
    CODE_EXPIRED,
    CODE_ALREADY_USED,
    RELAY_UNREACHABLE,
    PEER_GONE,
    HANDSHAKE_FAILED,
    INTEGRITY,
    SOURCE_CHANGED,
    DISK_FULL,
    IO,
    RETRIES_EXHAUSTED,
    CANCELLED_BY_PEER,
    CANCELLED_LOCALLY,
    PROTOCOL,
    /**
     * The other side reported a failure of its own. Whatever code it named, this is the code here: a peer never
     * chooses this side's outcome (or exit code); its reason is only shown, filtered, in the message.
     */
    PEER_FAILED
}
