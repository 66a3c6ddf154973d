package dev.qrbeam.app.qr;

import com.google.zxing.common.BitMatrix;
import dev.qrbeam.app.scan.QrDecoder;
import javafx.scene.image.Image;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * The app's one QR path: draws the project's QR matrix ({@link dev.qrbeam.core.qr.QrCodes#encode}, ZXing) as
 * a JavaFX image, and decodes QR codes from pictures through the scan decoder.
 */
public final class QrImages {
    private QrImages() {
    }

    /**
     * Renders {@code text} as a black-on-white QR image about {@code targetPx} wide, each module a whole
     * number of pixels (crisp on screen and for camera decoders), with the quiet zone of the encoder.
     */
    public static Image render(String text, int targetPx) {
        BitMatrix matrix = dev.qrbeam.core.qr.QrCodes.encode(text);
        int modules = matrix.getWidth();
        int scale = Math.max(1, targetPx / modules);
        int size = modules * scale;
        WritableImage img = new WritableImage(size, size);
        PixelWriter w = img.getPixelWriter();
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                w.setColor(x, y, matrix.get(x / scale, y / scale) ? Color.BLACK : Color.WHITE);
            }
        }
        return img;
    }

    /**
     * Decodes the first QR code in {@code image}, if any, with the same cascade as camera frames
     * ({@link QrDecoder}: whole, centre crop, inverted, harder modes), so a picture and the webcam read alike.
     */
    public static Optional<String> decode(BufferedImage image) {
        return new QrDecoder().decode(image).map(QrDecoder.Decoded::text);
    }

    /** Reads an image file (PNG, JPEG, GIF, BMP) and decodes a QR code from it. Off the FX thread. */
    public static Optional<String> decode(Path imageFile) throws IOException {
        BufferedImage image = ImageIO.read(imageFile.toFile());
        if (image == null) {
            throw new IOException("Not an image: " + imageFile.getFileName());
        }
        return decode(image);
    }
}
