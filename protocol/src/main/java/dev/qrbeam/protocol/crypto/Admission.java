package dev.qrbeam.protocol.crypto;

/** The sender's decision on a handshake attempt, see {@link ReceiverGate#admit}. */
public enum Admission {
    /** First receiver: paired now. Answer with the accepting handshake message. */
    ACCEPTED,
    /** The already-paired receiver again (reconnect, restart): continue, even after the code's expiry. */
    RESUMED,
    /** Nobody paired before the code expired: refuse with {@code code-expired}. */
    EXPIRED,
    /** A different receiver already paired: refuse with {@code code-used}. */
    ALREADY_PAIRED;

    /** True for {@link #ACCEPTED} and {@link #RESUMED}. */
    public boolean admitted() {
        return this == ACCEPTED || this == RESUMED;
    }
}
