package dev.qrbeam.app.scan;

import dev.qrbeam.protocol.pairing.PairingCode;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;

/** Real pairing codes (protocol's {@link PairingCode}) with fresh random ids and secrets. */
final class TestCodes {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestCodes() {
    }

    static String pairingCode() {
        URI relay = URI.create("http://127.0.0.1:" + (20000 + RANDOM.nextInt(40000)));
        return PairingCode.create(relay, random(16), RANDOM).format();
    }

    static String foreignCode() {
        return "https://example.com/menu?table=12";
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
