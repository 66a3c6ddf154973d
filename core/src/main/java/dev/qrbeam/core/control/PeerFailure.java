package dev.qrbeam.core.control;

import dev.qrbeam.core.api.FailureCode;
import dev.qrbeam.core.api.TransferFailure;
import dev.qrbeam.protocol.message.ForeignText;

/**
 * Turns a {@code failure} control from the peer into this side's {@link TransferFailure}. The code is always
 * {@link FailureCode#PEER_FAILED} (a fixed mapping: the peer cannot pick this side's outcome or exit code); the
 * peer's code and message are kept only as filtered text.
 */
public final class PeerFailure {
    private static final int MAX_CODE = 40;

    private PeerFailure() {}

    /** @param side "sender" or "receiver", as the user calls the peer */
    public static TransferFailure of(String side, Control m) {
        String reason = m.message() != null ? m.message() : m.code();
        String code = m.code() == null ? "" : " [" + ForeignText.printable(m.code(), MAX_CODE) + "]";
        return new TransferFailure(FailureCode.PEER_FAILED, side + code + ": " + ForeignText.printable(reason));
    }
}
