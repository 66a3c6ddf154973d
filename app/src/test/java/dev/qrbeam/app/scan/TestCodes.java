package dev.qrbeam.app.scan;

import java.security.SecureRandom;
import java.util.Base64;

/** Pairing codes in the wire-contract shape (contract 7), with fresh random ids and secrets. */
final class TestCodes {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestCodes() {
    }

    static String pairingCode() {
        return "http://127.0.0.1:" + (20000 + RANDOM.nextInt(40000)) + "/r/1/" + random(16) + "#" + random(32);
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
