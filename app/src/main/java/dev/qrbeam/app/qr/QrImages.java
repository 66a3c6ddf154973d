package dev.qrbeam.app.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.NotFoundException;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import javafx.scene.image.Image;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * The app's one QR path: draws the project's QR matrix ({@link dev.qrbeam.core.qr.QrCodes#encode}, ZXing) as
 * a JavaFX image, and decodes QR codes from pictures with ZXing.
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

    /** Decodes the first QR code in {@code image}, if any. */
    public static Optional<String> decode(BufferedImage image) {
        LuminanceSource source = new BufferedImageLuminanceSource(image);
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        hints.put(DecodeHintType.POSSIBLE_FORMATS, java.util.List.of(BarcodeFormat.QR_CODE));
        for (BinaryBitmap bitmap : new BinaryBitmap[]{
                new BinaryBitmap(new HybridBinarizer(source)), new BinaryBitmap(new GlobalHistogramBinarizer(source))}) {
            try {
                Result result = new QRCodeReader().decode(bitmap, hints);
                return Optional.of(result.getText());
            } catch (NotFoundException e) {
                // try the next binarizer
            } catch (ReaderException e) {
                // checksum/format trouble: try the next binarizer
            }
        }
        return Optional.empty();
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
