package dev.qrbeam.app.qr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

class QrImagesTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void renderedCodeDecodesFromAPngFile() throws Exception {
        String code = "http://127.0.0.1:40123/r/1/q2Xh0bE1Z3lWn4Tt9k8Y0A#mZ1b0y2w7eWcS3c8o6rJc8Y3Vd2m6Bq0sJ0l1Yk9u3E";
        var image = QrImages.render(code, 320);
        assertThat(image.getWidth()).isBetween(250.0, 320.0);
        Path png = tmp.resolve("code.png");
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", png.toFile());
        assertThat(QrImages.decode(png)).contains(code);
    }

    @Test
    void aPictureWithoutACodeGivesNothing() throws Exception {
        BufferedImage blank = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        Path png = tmp.resolve("blank.png");
        ImageIO.write(blank, "png", png.toFile());
        assertThat(QrImages.decode(png)).isEmpty();
    }

    @Test
    void aFileThatIsNotAPictureIsRefused() throws Exception {
        Path txt = Files.writeString(tmp.resolve("x.png"), "not an image");
        assertThatThrownBy(() -> QrImages.decode(txt)).isInstanceOf(IOException.class);
    }

    @Test
    void aPictureClaimingBillionsOfPixelsIsRefusedBeforeDecoding() throws Exception {
        Path bomb = tmp.resolve("bomb.png");
        Files.write(bomb, pngHeader(60_000, 60_000));
        assertThatThrownBy(() -> QrImages.decode(bomb))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("too large");
    }

    @Test
    void aPictureLargerThanTheDecodeCapIsReadSubsampledAndStillDecodes() throws Exception {
        String code = "http://127.0.0.1:40123/r/1/q2Xh0bE1Z3lWn4Tt9k8Y0A#mZ1b0y2w7eWcS3c8o6rJc8Y3Vd2m6Bq0sJ0l1Yk9u3E";
        BufferedImage qr = SwingFXUtils.fromFXImage(QrImages.render(code, 3000), null);
        int side = 4400; // 19 million pixels: over the full-resolution cap
        BufferedImage big = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
        var g = big.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, side, side);
        g.drawImage(qr, 500, 500, null);
        g.dispose();
        Path png = tmp.resolve("big.png");
        ImageIO.write(big, "png", png.toFile());
        assertThat(QrImages.decode(png)).contains(code);
    }

    /** A PNG signature, an IHDR chunk claiming {@code w} x {@code h} RGB pixels, and IEND: no pixel data at all. */
    private static byte[] pngHeader(int w, int h) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + 25 + 12);
        b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a});
        chunk(
                b,
                "IHDR",
                java.nio.ByteBuffer.allocate(13)
                        .putInt(w)
                        .putInt(h)
                        .put((byte) 8)
                        .put((byte) 2)
                        .put((byte) 0)
                        .put((byte) 0)
                        .put((byte) 0)
                        .array());
        chunk(b, "IEND", new byte[0]);
        return b.array();
    }

    private static void chunk(java.nio.ByteBuffer b, String type, byte[] data) {
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(t);
        crc.update(data);
        b.putInt(data.length).put(t).put(data).putInt((int) crc.getValue());
    }
}
