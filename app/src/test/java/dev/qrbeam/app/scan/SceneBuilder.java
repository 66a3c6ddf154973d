package dev.qrbeam.app.scan;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

/**
 * Renders camera-like frames: a textured background (a desk, a monitor bezel) with a QR code of a given size,
 * position, rotation, colours, then blur and sensor noise, as a TYPE_3BYTE_BGR image like most webcams deliver.
 */
final class SceneBuilder {
    private final int width;
    private final int height;
    private String text;
    private BufferedImage picture;
    private int codeSize = 300;
    private double centerX = 0.5;
    private double centerY = 0.5;
    private double degrees;
    private int dark = 20;
    private int light = 235;
    private int blurRadius;
    private double noiseSigma;
    private long seed = 42;

    SceneBuilder(int width, int height) {
        this.width = width;
        this.height = height;
    }

    SceneBuilder code(String text) {
        this.text = text;
        return this;
    }
    /** Shows {@code image} (e.g. a snapshot of the sender's QR node) scaled to {@link #size} instead of a code. */
    SceneBuilder picture(BufferedImage image) {
        this.picture = image;
        return this;
    }

    SceneBuilder size(int pixels) {
        this.codeSize = pixels;
        return this;
    }

    SceneBuilder at(double fx, double fy) {
        this.centerX = fx;
        this.centerY = fy;
        return this;
    }
    /** Places the code so that {@code fraction} of its width (quiet zone included) lies left of the frame. */
    SceneBuilder cutLeft(double fraction) {
        this.centerX = (codeSize * (0.5 - fraction)) / width;
        return this;
    }

    SceneBuilder rotate(double deg) {
        this.degrees = deg;
        return this;
    }

    SceneBuilder colours(int darkLevel, int lightLevel) {
        this.dark = darkLevel;
        this.light = lightLevel;
        return this;
    }

    SceneBuilder blur(int radius) {
        this.blurRadius = radius;
        return this;
    }

    SceneBuilder noise(double sigma) {
        this.noiseSigma = sigma;
        return this;
    }

    SceneBuilder seed(long s) {
        this.seed = s;
        return this;
    }

    BufferedImage render() {
        Random random = new Random(seed);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        background(g, random);
        if (text != null || picture != null) {
            BufferedImage code = picture != null ? scaled(picture, codeSize) : qr(text, codeSize, dark, light);
            double cx = centerX * width;
            double cy = centerY * height;
            g.rotate(Math.toRadians(degrees), cx, cy);
            g.drawImage(
                    code,
                    (int) Math.round(cx - code.getWidth() / 2.0),
                    (int) Math.round(cy - code.getHeight() / 2.0),
                    null);
        }
        g.dispose();
        if (blurRadius > 0) {
            img = blur(img, blurRadius);
        }
        if (noiseSigma > 0) {
            addNoise(img, noiseSigma, random);
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D o = out.createGraphics();
        o.drawImage(img, 0, 0, null);
        o.dispose();
        return out;
    }

    private void background(Graphics2D g, Random random) {
        for (int y = 0; y < height; y += 8) {
            int v = 90 + (int) (50.0 * y / height);
            g.setColor(new Color(v, v - 10, v - 20));
            g.fillRect(0, y, width, 8);
        }
        for (int i = 0; i < 25; i++) {
            int v = 40 + random.nextInt(170);
            g.setColor(new Color(v, v, Math.min(255, v + 15)));
            int w = 20 + random.nextInt(width / 4);
            int h = 10 + random.nextInt(height / 4);
            g.fillRect(random.nextInt(width), random.nextInt(height), w, h);
        }
        // a monitor: dark bezel with a lighter screen around the code position
        int screenW = (int) (codeSize * 1.8);
        int screenH = (int) (codeSize * 1.5);
        int sx = (int) (centerX * width - screenW / 2.0);
        int sy = (int) (centerY * height - screenH / 2.0);
        g.setColor(new Color(25, 25, 28));
        g.fillRect(sx - 20, sy - 20, screenW + 40, screenH + 40);
        g.setColor(new Color(light, light, light));
        g.fillRect(sx, sy, screenW, screenH);
    }

    /** A QR code of {@code pixels}² (plus a 4-module quiet zone) in the given grey levels. */
    static BufferedImage qr(String text, int pixels, int darkLevel, int lightLevel) {
        BitMatrix m;
        try {
            m = new QRCodeWriter()
                    .encode(
                            text,
                            BarcodeFormat.QR_CODE,
                            0,
                            0,
                            Map.of(EncodeHintType.MARGIN, 0, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M));
        } catch (WriterException e) {
            throw new IllegalArgumentException(e);
        }
        int modules = m.getWidth() + 8;
        double module = (double) pixels / modules;
        BufferedImage img = new BufferedImage(pixels, pixels, BufferedImage.TYPE_INT_RGB);
        int dark = darkLevel << 16 | darkLevel << 8 | darkLevel;
        int light = lightLevel << 16 | lightLevel << 8 | lightLevel;
        for (int y = 0; y < pixels; y++) {
            int my = (int) (y / module) - 4;
            for (int x = 0; x < pixels; x++) {
                int mx = (int) (x / module) - 4;
                boolean on = mx >= 0 && my >= 0 && mx < m.getWidth() && my < m.getHeight() && m.get(mx, my);
                img.setRGB(x, y, on ? dark : light);
            }
        }
        return img;
    }

    private static BufferedImage scaled(BufferedImage src, int size) {
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, size, size, null);
        g.dispose();
        return out;
    }

    private static BufferedImage blur(BufferedImage img, int radius) {
        int size = radius * 2 + 1;
        float[] k = new float[size];
        Arrays.fill(k, 1f / size);
        BufferedImage padded = img;
        padded = new ConvolveOp(new Kernel(size, 1, k), ConvolveOp.EDGE_NO_OP, null).filter(padded, null);
        return new ConvolveOp(new Kernel(1, size, k), ConvolveOp.EDGE_NO_OP, null).filter(padded, null);
    }

    private static void addNoise(BufferedImage img, double sigma, Random random) {
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int n = (int) (random.nextGaussian() * sigma);
                int r = clamp(((rgb >> 16) & 0xFF) + n);
                int gr = clamp(((rgb >> 8) & 0xFF) + n);
                int b = clamp((rgb & 0xFF) + n);
                img.setRGB(x, y, r << 16 | gr << 8 | b);
            }
        }
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
