package dev.qrbeam.app.qr;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;

/**
 * Copies camera frames into flat buffers: opaque ARGB (optionally mirrored) for the preview and 8-bit luminance
 * for the decoder. Reads the raster directly for the common camera layouts and falls back to {@code getRGB}.
 */
public final class FrameConverter {
    private FrameConverter() {}

    /** Writes {@code img} as opaque ARGB into {@code dst} (length ≥ w·h), mirrored left-right if asked. */
    public static void toArgb(BufferedImage img, int[] dst, boolean mirror) {
        int w = img.getWidth();
        int h = img.getHeight();
        int type = img.getType();
        if (isIntRgb(img)) {
            int[] src = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
            for (int y = 0; y < h; y++) {
                int row = y * w;
                if (mirror) {
                    for (int x = 0, m = row + w - 1; x < w; x++, m--) {
                        dst[row + x] = 0xFF000000 | src[m];
                    }
                } else {
                    for (int x = 0; x < w; x++) {
                        dst[row + x] = 0xFF000000 | src[row + x];
                    }
                }
            }
        } else if (type == BufferedImage.TYPE_3BYTE_BGR && isPacked(img, 3)) {
            byte[] src = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
            for (int y = 0; y < h; y++) {
                int row = y * w;
                for (int x = 0; x < w; x++) {
                    int i = (row + x) * 3;
                    int argb = 0xFF000000 | (src[i + 2] & 0xFF) << 16 | (src[i + 1] & 0xFF) << 8 | (src[i] & 0xFF);
                    dst[mirror ? row + w - 1 - x : row + x] = argb;
                }
            }
        } else {
            int[] line = new int[w];
            for (int y = 0; y < h; y++) {
                img.getRGB(0, y, w, 1, line, 0, w);
                int row = y * w;
                for (int x = 0; x < w; x++) {
                    dst[mirror ? row + w - 1 - x : row + x] = 0xFF000000 | line[x];
                }
            }
        }
    }

    /** Writes the luminance (R + 2G + B) / 4 of {@code img} into {@code dst} (length ≥ w·h). */
    public static void toLuma(BufferedImage img, byte[] dst) {
        int w = img.getWidth();
        int h = img.getHeight();
        if (isIntRgb(img)) {
            int[] src = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
            int n = w * h;
            for (int i = 0; i < n; i++) {
                dst[i] = luma(src[i]);
            }
        } else if (img.getType() == BufferedImage.TYPE_3BYTE_BGR && isPacked(img, 3)) {
            byte[] src = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
            int n = w * h;
            for (int i = 0, j = 0; i < n; i++, j += 3) {
                dst[i] = (byte) (((src[j + 2] & 0xFF) + 2 * (src[j + 1] & 0xFF) + (src[j] & 0xFF)) >> 2);
            }
        } else if (img.getType() == BufferedImage.TYPE_BYTE_GRAY && isPacked(img, 1)) {
            byte[] src = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
            System.arraycopy(src, 0, dst, 0, w * h);
        } else {
            int[] line = new int[w];
            for (int y = 0; y < h; y++) {
                img.getRGB(0, y, w, 1, line, 0, w);
                for (int x = 0; x < w; x++) {
                    dst[y * w + x] = luma(line[x]);
                }
            }
        }
    }

    private static byte luma(int rgb) {
        return (byte) ((((rgb >> 16) & 0xFF) + 2 * ((rgb >> 8) & 0xFF) + (rgb & 0xFF)) >> 2);
    }

    private static boolean isIntRgb(BufferedImage img) {
        int type = img.getType();
        return (type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_INT_ARGB)
                && img.getRaster().getDataBuffer() instanceof DataBufferInt
                && img.getRaster().getParent() == null
                && ((DataBufferInt) img.getRaster().getDataBuffer()).getData().length
                        == img.getWidth() * img.getHeight();
    }

    private static boolean isPacked(BufferedImage img, int bytesPerPixel) {
        return img.getRaster().getDataBuffer() instanceof DataBufferByte
                && img.getRaster().getParent() == null
                && ((DataBufferByte) img.getRaster().getDataBuffer()).getData().length
                        == img.getWidth() * img.getHeight() * bytesPerPixel;
    }
}
