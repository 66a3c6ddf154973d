package dev.qrbeam.app.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.app.scan.QrDecoder.Stage;
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
        assertThat(decode(frameCase.render(1280, 720, code, 11))).map(QrDecoder.Decoded::stage).contains(stage);
    }

    @ParameterizedTest(name = "a big low-contrast code is read by the global threshold")
    @CsvSource({"LOW_CONTRAST, HARDER_GLOBAL"})
    void aCodeBiggerThanTheCenterCropIsReadByTheGlobalThreshold(FrameCase frameCase, Stage stage) {
        String code = TestCodes.pairingCode(101);
        BufferedImage frame = new SceneBuilder(1280, 720).code(code).size(560).colours(105, 150).seed(11).render();
        assertThat(decode(frame)).map(QrDecoder.Decoded::stage).contains(stage);
    }

    private void assertCase(FrameCase frameCase, int w, int h) {
        for (long seed = 1; seed <= 3; seed++) {
            String code = TestCodes.pairingCode(1000L * frameCase.ordinal() + w + seed);
            Optional<QrDecoder.Decoded> result = decode(frameCase.render(w, h, code, seed));
            if (frameCase.decodes) {
                assertThat(result).as("%s seed %d", frameCase, seed).map(QrDecoder.Decoded::text).contains(code);
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
