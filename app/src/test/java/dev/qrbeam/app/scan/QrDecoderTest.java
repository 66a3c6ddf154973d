package dev.qrbeam.app.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.ReaderException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.qrbeam.app.qr.FrameConverter;
import dev.qrbeam.app.qr.QrDecoder;
import dev.qrbeam.app.qr.QrDecoder.Stage;
import java.awt.image.BufferedImage;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The decode cascade on rendered camera frames at both benchmark resolutions. */
class QrDecoderTest {
    private final QrDecoder decoder = new QrDecoder();

    @ParameterizedTest(name = "{0} at 1280x720")
    @EnumSource(FrameCase.class)
    void decodesOrClearlyDoesNotAt720p(FrameCase frameCase) {
        assertCase(frameCase, 1280, 720);
    }

    @ParameterizedTest(name = "{0} at 640x480")
    @EnumSource(FrameCase.class)
    void decodesOrClearlyDoesNotAt480p(FrameCase frameCase) {
        assertCase(frameCase, 640, 480);
    }

    @ParameterizedTest(name = "{0} is read by step {1}")
    @CsvSource({"PLAIN, WHOLE", "INVERTED_DARK_MODE, INVERTED", "LOW_CONTRAST, CENTER"})
    void theCascadeStepsAreTheOnesThatReadTheirCase(FrameCase frameCase, Stage stage) {
        String code = TestCodes.pairingCode(100);
        assertThat(decode(frameCase.render(1280, 720, code, 11)))
                .map(QrDecoder.Decoded::stage)
                .contains(stage);
    }

    @ParameterizedTest(name = "a big low-contrast code is read by the global threshold")
    @CsvSource({"LOW_CONTRAST, HARDER_GLOBAL"})
    void aCodeBiggerThanTheCenterCropIsReadByTheGlobalThreshold(FrameCase frameCase, Stage stage) {
        String code = TestCodes.pairingCode(101);
        BufferedImage frame = new SceneBuilder(1280, 720)
                .code(code)
                .size(560)
                .colours(105, 150)
                .seed(11)
                .render();
        assertThat(decode(frame)).map(QrDecoder.Decoded::stage).contains(stage);
    }

    /** Regression: ~0.7 % of ZXing's own symbols were unreadable by ZXing's single-symbol detector at any size. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = FrameCase.class,
            names = {"PLAIN", "ROTATED_25", "NOISY", "LOW_CONTRAST", "INVERTED_DARK_MODE"})
    void aSymbolThatFoolsZxingsSingleDetectorIsStillRead(FrameCase frameCase) throws Exception {
        String code = TestCodes.FOOLS_SINGLE_DETECTOR;
        BufferedImage perfect = SceneBuilder.qr(code, 6 * 57, 0, 255);
        assertThat(singleDetectorOnly(perfect))
                .as("plain QRCodeReader on a perfect symbol")
                .isNull();
        assertThat(decoder.decode(perfect)).map(QrDecoder.Decoded::text).contains(code);
        assertThat(decode(frameCase.render(1280, 720, code, 3)))
                .map(QrDecoder.Decoded::text)
                .contains(code);
    }

    private static String singleDetectorOnly(BufferedImage img) {
        try {
            return new QRCodeReader()
                    .decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(img))))
                    .getText();
        } catch (ReaderException e) {
            return null;
        }
    }

    private void assertCase(FrameCase frameCase, int w, int h) {
        for (long seed = 1; seed <= 3; seed++) {
            String code = TestCodes.pairingCode(1000L * frameCase.ordinal() + w + seed);
            Optional<QrDecoder.Decoded> result = decode(frameCase.render(w, h, code, seed));
            if (frameCase.decodes) {
                assertThat(result)
                        .as("%s seed %d", frameCase, seed)
                        .map(QrDecoder.Decoded::text)
                        .contains(code);
            } else {
                assertThat(result).as("%s seed %d", frameCase, seed).isEmpty();
            }
        }
    }

    private Optional<QrDecoder.Decoded> decode(BufferedImage frame) {
        byte[] luma = new byte[frame.getWidth() * frame.getHeight()];
        FrameConverter.toLuma(frame, luma);
        return decoder.decode(luma, frame.getWidth(), frame.getHeight());
    }
}
