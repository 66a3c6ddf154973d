package dev.qrbeam.core.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;

/**
 * The project's one QR encoding path: pairing code text to a module matrix (ZXing), error correction M, a quiet
 * zone of {@value #QUIET_ZONE} modules. Front ends only draw the matrix (terminal half-blocks, JavaFX canvas).
 */
public final class QrCodes {
    public static final int QUIET_ZONE = 2;

    private QrCodes() {}

    /** One module per matrix cell (size 1 request makes ZXing return the natural module size). */
    public static BitMatrix encode(String text) {
        try {
            return new QRCodeWriter()
                    .encode(
                            text,
                            BarcodeFormat.QR_CODE,
                            1,
                            1,
                            Map.of(
                                    EncodeHintType.ERROR_CORRECTION,
                                    ErrorCorrectionLevel.M,
                                    EncodeHintType.MARGIN,
                                    QUIET_ZONE,
                                    EncodeHintType.CHARACTER_SET,
                                    "UTF-8"));
        } catch (WriterException e) {
            throw new IllegalArgumentException("text too long for a QR code", e);
        }
    }

    /** The QR version (1–40) {@link #encode} gives for {@code text}: 21 + 4 × (version − 1) modules a side. */
    public static int version(String text) {
        try {
            return com.google.zxing.qrcode.encoder.Encoder.encode(
                            text, ErrorCorrectionLevel.M, Map.of(EncodeHintType.CHARACTER_SET, "UTF-8"))
                    .getVersion()
                    .getVersionNumber();
        } catch (WriterException e) {
            throw new IllegalArgumentException("text too long for a QR code", e);
        }
    }

    /**
     * Draws the matrix with Unicode half blocks, two modules per character cell vertically, light modules as
     * blocks so it scans on dark terminals too (inverted QR codes are read by ZXing and phone cameras).
     */
    public static String toTerminal(BitMatrix m) {
        StringBuilder b = new StringBuilder();
        for (int y = 0; y < m.getHeight(); y += 2) {
            for (int x = 0; x < m.getWidth(); x++) {
                boolean top = !m.get(x, y);
                boolean bottom = y + 1 < m.getHeight() && !m.get(x, y + 1);
                b.append(top && bottom ? '\u2588' : top ? '\u2580' : bottom ? '\u2584' : ' ');
            }
            b.append('\n');
        }
        return b.toString();
    }
}
