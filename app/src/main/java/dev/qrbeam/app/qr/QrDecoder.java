package dev.qrbeam.app.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.Binarizer;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.NotFoundException;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.common.BitArray;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a QR code in one luminance frame with a cascade that stops at the first hit: the whole frame, a
 * contrast-stretched center crop (small codes far from the camera, dim screens), the inverted frame (codes shown in
 * dark mode), and finally ZXing's {@code TRY_HARDER} mode, first with the local (hybrid) threshold, then with a
 * global histogram threshold, which reads low-contrast screens whose large uniform areas the hybrid binarizer
 * washes out. Each step tries ZXing's single-symbol detector, then its multi-symbol finder. QR codes only.
 * Not thread-safe: one instance per decoding thread.
 */
public final class QrDecoder {
    /** Which cascade step found the code. */
    public enum Stage {
        WHOLE,
        CENTER,
        INVERTED,
        HARDER,
        HARDER_GLOBAL
    }

    /** A decoded QR text and the step that found it. */
    public record Decoded(String text, Stage stage) {}

    /** Side of the center crop as a fraction of the frame's shorter side. */
    private static final double CENTER_FRACTION = 0.6;

    private final QRCodeReader reader = new QRCodeReader();
    private final QRCodeMultiReader multiReader = new QRCodeMultiReader();
    private final Map<DecodeHintType, Object> fast = hints(false);
    private final Map<DecodeHintType, Object> harder = hints(true);
    private byte[] crop = new byte[0];

    /** Decodes a picture (e.g. an opened QR image file): the same cascade as for camera frames. */
    public Optional<Decoded> decode(BufferedImage image) {
        byte[] luma = new byte[image.getWidth() * image.getHeight()];
        FrameConverter.toLuma(image, luma);
        return decode(luma, image.getWidth(), image.getHeight());
    }

    /** Decodes the frame {@code luma} (row-major, {@code width·height} bytes). */
    public Optional<Decoded> decode(byte[] luma, int width, int height) {
        LuminanceSource whole = new PlanarYUVLuminanceSource(luma, width, height, 0, 0, width, height, false);
        BinaryBitmap wholeBits = new BinaryBitmap(new HybridBinarizer(whole)); // binarized once, used by 3 steps
        String text = attempt(wholeBits, fast);
        if (text != null) {
            return Optional.of(new Decoded(text, Stage.WHOLE));
        }
        text = attempt(new BinaryBitmap(new HybridBinarizer(stretchedCenter(luma, width, height))), fast);
        if (text != null) {
            return Optional.of(new Decoded(text, Stage.CENTER));
        }
        text = attempt(inverted(whole, wholeBits), fast);
        if (text != null) {
            return Optional.of(new Decoded(text, Stage.INVERTED));
        }
        text = attempt(wholeBits, harder);
        if (text != null) {
            return Optional.of(new Decoded(text, Stage.HARDER));
        }
        text = attempt(new BinaryBitmap(new GlobalHistogramBinarizer(whole)), harder);
        return Optional.ofNullable(text).map(t -> new Decoded(t, Stage.HARDER_GLOBAL));
    }

    /** The whole frame's black/white matrix flipped: the same as binarizing the inverted frame, without redoing it. */
    private static BinaryBitmap inverted(LuminanceSource whole, BinaryBitmap wholeBits) {
        try {
            BitMatrix flipped = wholeBits.getBlackMatrix().clone();
            flipped.flip();
            return new BinaryBitmap(new FixedBinarizer(whole, flipped));
        } catch (NotFoundException e) {
            return new BinaryBitmap(new HybridBinarizer(whole.invert()));
        }
    }

    /**
     * The center square, contrast-stretched to 0..255: a small code gets more pixels per finder-pattern row, and a
     * dim or washed-out screen gets the dynamic range the hybrid binarizer needs in its uniform blocks.
     */
    private LuminanceSource stretchedCenter(byte[] luma, int width, int height) {
        int side = (int) (Math.min(width, height) * CENTER_FRACTION);
        int left = (width - side) / 2;
        int top = (height - side) / 2;
        if (crop.length != side * side) {
            crop = new byte[side * side];
        }
        int min = 255;
        int max = 0;
        for (int y = 0; y < side; y++) {
            int row = (top + y) * width + left;
            for (int x = 0; x < side; x++) {
                int v = luma[row + x] & 0xFF;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        int range = Math.max(1, max - min);
        for (int y = 0; y < side; y++) {
            int row = (top + y) * width + left;
            for (int x = 0; x < side; x++) {
                crop[y * side + x] = (byte) (((luma[row + x] & 0xFF) - min) * 255 / range);
            }
        }
        return new PlanarYUVLuminanceSource(crop, side, side, 0, 0, side, side, false);
    }

    /**
     * One step: ZXing's single-symbol detector, then its multi-symbol finder on the same bits. The multi finder picks
     * finder patterns differently and reads the ~0.7 % of ZXing-encoded symbols (level M, the encoder's chosen mask)
     * whose data fools the single detector even in a perfect image; it costs about 0.2 ms at 720p.
     */
    private String attempt(BinaryBitmap bitmap, Map<DecodeHintType, Object> hints) {
        try {
            return reader.decode(bitmap, hints).getText();
        } catch (ReaderException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            // fall through to the multi finder
        } finally {
            reader.reset();
        }
        try {
            Result[] results = multiReader.decodeMultiple(bitmap, hints);
            return results.length > 0 ? results[0].getText() : null;
        } catch (ReaderException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            return null;
        }
    }

    /** A binarizer whose result is already known. */
    private static final class FixedBinarizer extends Binarizer {
        private final BitMatrix matrix;

        FixedBinarizer(LuminanceSource source, BitMatrix matrix) {
            super(source);
            this.matrix = matrix;
        }

        @Override
        public BitArray getBlackRow(int y, BitArray row) {
            return matrix.getRow(y, row);
        }

        @Override
        public BitMatrix getBlackMatrix() {
            return matrix;
        }

        @Override
        public Binarizer createBinarizer(LuminanceSource source) {
            throw new UnsupportedOperationException("fixed result");
        }
    }

    private static Map<DecodeHintType, Object> hints(boolean tryHarder) {
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE));
        hints.put(DecodeHintType.CHARACTER_SET, "UTF-8");
        if (tryHarder) {
            hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        }
        return hints;
    }
}
