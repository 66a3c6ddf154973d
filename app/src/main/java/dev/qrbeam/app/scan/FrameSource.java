package dev.qrbeam.app.scan;

import java.awt.image.BufferedImage;

/**
 * One camera as the scan loop sees it. All methods are called from the capture thread only and may block
 * (the session bounds them with timeouts).
 */
interface FrameSource {
    /** Human-readable camera name. */
    String name();

    /** Opens the device; throws with a {@link CameraFailure} when it cannot. */
    void open() throws CameraException;

    /** The current frame, or {@code null} when none is available yet. The image may be reused by the source. */
    BufferedImage grab() throws CameraException;

    /** Releases the device. Idempotent; never throws. */
    void close();
}
