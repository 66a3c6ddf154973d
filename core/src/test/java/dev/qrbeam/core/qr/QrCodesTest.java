package dev.qrbeam.core.qr;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.LuminanceSource;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.Test;

class QrCodesTest {
    private static final String CODE =
            "http://127.0.0.1:41873/r/1/q2Xh0bE1Z3lWn4Tt9k8Y0A#mZ1b0y2w7eWcS3c8o6rJc8Y3Vd2m6Bq0sJ0l1Yk9u3E";

    @Test
    void theMatrixDecodesBackToThePairingCode() throws Exception {
        BitMatrix m = QrCodes.encode(CODE);
        assertThat(new QRCodeReader()
                        .decode(new BinaryBitmap(new HybridBinarizer(scaled(m, 4))))
                        .getText())
                .isEqualTo(CODE);
    }

    @Test
    void theTerminalDrawingHasTwoModulesPerLineAndDecodesBack() throws Exception {
        BitMatrix m = QrCodes.encode(CODE);
        String drawn = QrCodes.toTerminal(m);
        String[] lines = drawn.split("\n");
        assertThat(lines).hasSize((m.getHeight() + 1) / 2);
        assertThat(lines[0]).hasSize(m.getWidth());
        BitMatrix back = new BitMatrix(m.getWidth(), lines.length * 2);
        for (int y = 0; y < lines.length; y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                char c = lines[y].charAt(x);
                boolean topLight = c == '\u2588' || c == '\u2580';
                boolean bottomLight = c == '\u2588' || c == '\u2584';
                if (!topLight) {
                    back.set(x, 2 * y);
                }
                if (!bottomLight && 2 * y + 1 < m.getHeight()) {
                    back.set(x, 2 * y + 1);
                }
            }
        }
        assertThat(new QRCodeReader()
                        .decode(new BinaryBitmap(new HybridBinarizer(scaled(back, 4))))
                        .getText())
                .isEqualTo(CODE);
    }

    private static LuminanceSource scaled(BitMatrix m, int s) {
        int w = m.getWidth() * s;
        int h = m.getHeight() * s;
        byte[] px = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                px[y * w + x] = (byte) (m.get(x / s, y / s) ? 0 : 255);
            }
        }
        return new LuminanceSource(w, h) {
            @Override
            public byte[] getRow(int y, byte[] row) {
                byte[] r = row != null && row.length >= w ? row : new byte[w];
                System.arraycopy(px, y * w, r, 0, w);
                return r;
            }

            @Override
            public byte[] getMatrix() {
                return px;
            }
        };
    }
}
