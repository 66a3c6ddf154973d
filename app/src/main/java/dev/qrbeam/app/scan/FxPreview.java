package dev.qrbeam.app.scan;

import dev.qrbeam.app.qr.FrameConverter;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.image.Image;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * The live preview as a JavaFX {@link Image} backed by a {@link PixelBuffer}. The capture thread converts each
 * frame (mirrored, like a selfie view) into a back buffer; the FX thread copies it into the pixel buffer at most
 * once per pulse (updates coalesce, so a slow FX thread drops frames instead of queueing them).
 */
final class FxPreview implements PreviewSink {
    private final ReadOnlyObjectWrapper<Image> image = new ReadOnlyObjectWrapper<>(this, "image");
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicLong shown = new AtomicLong();
    private final Object lock = new Object();
    private int[] back = new int[0];
    private int backWidth;
    private int backHeight;
    private PixelBuffer<IntBuffer> pixels;

    @Override
    public void publish(BufferedImage frame) {
        int w = frame.getWidth();
        int h = frame.getHeight();
        synchronized (lock) {
            if (back.length != w * h) {
                back = new int[w * h];
            }
            FrameConverter.toArgb(frame, back, true);
            backWidth = w;
            backHeight = h;
        }
        if (pending.compareAndSet(false, true)) {
            Platform.runLater(this::show);
        }
    }

    private void show() {
        pending.set(false);
        synchronized (lock) {
            if (pixels == null || pixels.getWidth() != backWidth || pixels.getHeight() != backHeight) {
                IntBuffer buffer = ByteBuffer.allocateDirect(backWidth * backHeight * 4)
                        .order(ByteOrder.nativeOrder())
                        .asIntBuffer();
                pixels = new PixelBuffer<>(backWidth, backHeight, buffer, PixelFormat.getIntArgbPreInstance());
                image.set(new WritableImage(pixels));
            }
            pixels.getBuffer().put(0, back, 0, backWidth * backHeight);
        }
        pixels.updateBuffer(b -> null);
        shown.incrementAndGet();
    }

    /** The preview image; replaced only when the frame size changes. Read on the FX thread. */
    public ReadOnlyObjectProperty<Image> imageProperty() {
        return image.getReadOnlyProperty();
    }

    /** How many frames reached the screen so far. */
    public long framesShown() {
        return shown.get();
    }
}
