package dev.qrbeam.app.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.app.qr.FrameConverter;
import java.awt.image.BufferedImage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast raster paths give the same pixels as {@code getRGB}, mirrored when asked. */
class FrameConverterTest {
    private static final int[] COLOURS = {0x102030, 0xFF0000, 0x00FF00, 0x0000FF, 0xFFFFFF, 0x7F8081};

    @ParameterizedTest
    @ValueSource(
            ints = {
                BufferedImage.TYPE_INT_RGB,
                BufferedImage.TYPE_INT_ARGB,
                BufferedImage.TYPE_3BYTE_BGR,
                BufferedImage.TYPE_4BYTE_ABGR,
                BufferedImage.TYPE_USHORT_565_RGB
            })
    void argbIsOpaqueAndMirroredAndLumaMatches(int type) {
        BufferedImage img = new BufferedImage(3, 2, type);
        for (int i = 0; i < 6; i++) {
            img.setRGB(i % 3, i / 3, 0xFF000000 | COLOURS[i]);
        }
        int[] plain = new int[6];
        int[] mirrored = new int[6];
        byte[] luma = new byte[6];
        FrameConverter.toArgb(img, plain, false);
        FrameConverter.toArgb(img, mirrored, true);
        FrameConverter.toLuma(img, luma);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                int expected = img.getRGB(x, y) | 0xFF000000;
                assertThat(plain[y * 3 + x]).isEqualTo(expected);
                assertThat(mirrored[y * 3 + (2 - x)]).isEqualTo(expected);
                int r = (expected >> 16) & 0xFF;
                int g = (expected >> 8) & 0xFF;
                int b = expected & 0xFF;
                assertThat(luma[y * 3 + x] & 0xFF).isEqualTo((r + 2 * g + b) / 4);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {BufferedImage.TYPE_BYTE_GRAY})
    void greyFramesAreCopiedAsLuma(int type) {
        BufferedImage img = new BufferedImage(2, 1, type);
        img.getRaster().setSample(0, 0, 0, 17);
        img.getRaster().setSample(1, 0, 0, 200);
        byte[] luma = new byte[2];
        FrameConverter.toLuma(img, luma);
        assertThat(luma[0] & 0xFF).isEqualTo(17);
        assertThat(luma[1] & 0xFF).isEqualTo(200);
    }
}
