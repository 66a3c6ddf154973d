package dev.qrbeam.app.scan;

import dev.qrbeam.protocol.pairing.PairingCode;
import java.util.Base64;
import java.util.Random;

/**
 * Real pairing codes (checked by protocol's {@link PairingCode}), drawn from a seed so every test frame is the same
 * on every run: a decoder test must not depend on which random symbol it got (see docs/bench-scan.md for the
 * success rates over random codes).
 *
 * <p>About 1 code in 100 is encoded by ZXing (level M, its chosen mask) into a symbol that ZXing's own detector
 * cannot find even as a perfect bitmap (e.g. {@code …/r/1/H66Fv7bpK1VSziW80Z0mlw#E8WUHUQv…}: mask 2 fails, every
 * other mask decodes). The sender's QR path must guard against that; {@link #readableAsPerfectSymbol} is the check.
 */
final class TestCodes {
    private TestCodes() {
    }

    /**
     * The same valid pairing code for the same seed, skipping the rare symbols ZXing cannot read even when perfect
     * (as a sender that checks its own QR code would).
     */
    static String pairingCode(long seed) {
        Random random = new Random(seed);
        while (true) {
            String text = "http://127.0.0.1:" + (20000 + random.nextInt(40000)) + "/r/1/" + random(random, 16)
                    + "#" + random(random, 32);
            String code = PairingCode.parse(text).format();
            if (readableAsPerfectSymbol(code)) {
                return code;
            }
        }
    }

    /** Like {@link #pairingCode(long)} but without skipping unreadable symbols. */
    static String anyPairingCode(long seed) {
        Random random = new Random(seed);
        return PairingCode.parse("http://127.0.0.1:" + (20000 + random.nextInt(40000)) + "/r/1/"
                + random(random, 16) + "#" + random(random, 32)).format();
    }

    static String foreignCode() {
        return "https://example.com/menu?table=12";
    }

    /** Whether ZXing reads {@code text} back from a clean 6-pixel-per-module rendering of its own symbol. */
    static boolean readableAsPerfectSymbol(String text) {
        java.awt.image.BufferedImage img = SceneBuilder.qr(text, 6 * 57, 0, 255);
        byte[] luma = new byte[img.getWidth() * img.getHeight()];
        FrameConverter.toLuma(img, luma);
        return new QrDecoder().decode(luma, img.getWidth(), img.getHeight())
                .filter(d -> d.text().equals(text)).isPresent();
    }

    private static String random(Random random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
