package dev.qrbeam.core.relay;

import java.io.IOException;

/** The relay answered with {@code {"action":"Error","message":{"code":...,"error":...}}}. */
public final class RelayErrorException extends IOException {
    private final String code;

    public RelayErrorException(String code, String error) {
        super("relay error " + code + ": " + error);
        this.code = code;
    }

    /** The stable relay error code (wire contract §8). */
    public String code() {
        return code;
    }
}
