package dev.qrbeam.app.scan;

import java.awt.image.BufferedImage;

/** Receives every captured frame for the live preview, on the capture thread. */
@FunctionalInterface
interface PreviewSink {
    /** Copies what it needs from {@code frame} before returning; the source reuses the image. */
    void publish(BufferedImage frame);

    /** A sink that shows nothing. */
    PreviewSink NONE = frame -> {};
}
