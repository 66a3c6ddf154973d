package dev.qrbeam.app.qr;

import com.google.zxing.common.BitMatrix;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import javafx.scene.image.Image;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * The app's one QR path: draws the project's QR matrix ({@link dev.qrbeam.core.qr.QrCodes#encode}, ZXing) as
 * a JavaFX image, and decodes QR codes from pictures through the scan decoder.
 */
public final class QrImages {
    private QrImages() {}

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

    /** Largest picture decoded at full resolution; larger ones are read subsampled down to about this size. */
    static final long MAX_DECODED_PIXELS = 16L << 20;
    /** Pictures claiming more pixels than this are refused before any pixel is decoded (decompression bombs). */
    static final long MAX_PIXELS = 256L << 20;

    /**
     * Reads an image file (PNG, JPEG, GIF, BMP) and decodes a QR code from it. Off the FX thread. The dimensions are
     * read from the header first: a picture of more than {@value #MAX_PIXELS} pixels is refused, and one of more than
     * {@value #MAX_DECODED_PIXELS} is decoded subsampled, so memory stays bounded whatever the file claims.
     */
    public static Optional<String> decode(Path imageFile) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(imageFile.toFile())) {
            Iterator<ImageReader> readers =
                    in == null ? java.util.Collections.emptyIterator() : ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("Not an image: " + imageFile.getFileName());
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width * height > MAX_PIXELS) {
                    throw new IOException(String.format(
                            "The picture is too large (%d x %d pixels): %s", width, height, imageFile.getFileName()));
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = (int) Math.ceil(Math.sqrt((double) (width * height) / MAX_DECODED_PIXELS));
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                BufferedImage image = reader.read(0, param);
                return decode(image);
            } catch (RuntimeException e) {
                throw new IOException("Not a readable image: " + imageFile.getFileName(), e);
            } finally {
                reader.dispose();
            }
        }
    }
}
