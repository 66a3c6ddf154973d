package dev.qrbeam.relay.core;

import java.security.SecureRandom;
import java.util.Base64;

/** Connection ids: 128 bits from {@link SecureRandom}, base64url without padding (22 chars). */
public final class ConnectionIds {
    private final SecureRandom random;

    public ConnectionIds(SecureRandom random) {
        this.random = random;
    }

    public ConnectionIds() {
        this(new SecureRandom());
    }

    public String next() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
