package dev.qrbeam.relay.core;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;

/** Connection ids: 128 bits from {@link SecureRandom}, base64url without padding (22 chars). */
public final class ConnectionIds implements Supplier<String> {
    private final SecureRandom random;

    public ConnectionIds(SecureRandom random) {
        this.random = random;
    }

    public ConnectionIds() {
        this(new SecureRandom());
    }

    @Override
    public String get() {
        return next();
    }

    public String next() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
