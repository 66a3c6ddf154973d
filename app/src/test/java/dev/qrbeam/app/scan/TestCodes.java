package dev.qrbeam.app.scan;

import dev.qrbeam.protocol.pairing.PairingCode;
import java.util.Base64;
import java.util.Random;

/**
 * Real pairing codes (checked by protocol's {@link PairingCode}), drawn from a seed so every test frame is the same
 * on every run: a decoder test must not depend on which random symbol it got (docs/benchmarks.md has the read rates
 * over random codes).
 */
final class TestCodes {
    /**
     * A code whose ZXing symbol (level M, mask 2 chosen by the encoder) ZXing's single-symbol detector cannot find
     * even in a perfect image; about 7 codes in 1000 are like this.
     */
    static final String FOOLS_SINGLE_DETECTOR =
            "http://127.0.0.1:49408/r/1/H66Fv7bpK1VSziW80Z0mlw#E8WUHUQvLzVCNQk-2gHe2KmltAo6Y47Yw_-YeI06kb4";

    private TestCodes() {}

    /** The same valid pairing code for the same seed. */
    static String pairingCode(long seed) {
        Random random = new Random(seed);
        return PairingCode.parse("http://127.0.0.1:" + (20000 + random.nextInt(40000)) + "/r/1/" + random(random, 16)
                        + "#" + random(random, 32))
                .format();
    }

    static String foreignCode() {
        return "https://example.com/menu?table=12";
    }

    private static String random(Random random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
