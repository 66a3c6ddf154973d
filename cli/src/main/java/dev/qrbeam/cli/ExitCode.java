package dev.qrbeam.cli;

import dev.qrbeam.core.api.FailureCode;

/**
 * Process exit codes of the CLI (documented in README.md).
 */
public enum ExitCode {
    OK(0),
    /** Local I/O problem: unreadable source, unwritable destination. */
    IO(1),
    /** Bad command line (picocli's usage error code). */
    USAGE(2),
    /** The code is malformed, expired, or already used by another receiver. */
    CODE(3),
    /** Relay unreachable, or the peer vanished and did not come back in time. */
    NETWORK(4),
    /** Handshake, integrity or protocol failure (wrong secret, tampered data, changed source file). */
    SECURITY(5),
    /** Not enough disk space. */
    DISK_FULL(6),
    /** A chunk kept failing; retries exhausted. */
    RETRIES(7),
    /** Cancelled by the other side. */
    CANCELLED(8),
    /** The other side reported a failure of its own (its reason is printed); never chosen by the peer. */
    PEER_FAILED(9),
    /** Interrupted here (Ctrl-C); run the same command again to resume. */
    INTERRUPTED(130);

    public final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public static ExitCode of(FailureCode f) {
        return switch (f) {
            case CODE_INVALID, CODE_EXPIRED, CODE_ALREADY_USED -> CODE;
            case RELAY_UNREACHABLE, PEER_GONE -> NETWORK;
            case HANDSHAKE_FAILED, INTEGRITY, SOURCE_CHANGED, PROTOCOL -> SECURITY;
            case DISK_FULL -> DISK_FULL;
            case IO -> IO;
            case RETRIES_EXHAUSTED -> RETRIES;
            case CANCELLED_BY_PEER -> CANCELLED;
            case CANCELLED_LOCALLY -> INTERRUPTED;
            case PEER_FAILED -> PEER_FAILED;
        };
    }
}
