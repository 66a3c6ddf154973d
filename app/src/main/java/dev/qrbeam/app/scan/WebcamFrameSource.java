package dev.qrbeam.app.scan;

import com.github.sarxos.webcam.Webcam;
import com.github.sarxos.webcam.WebcamLockException;
import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.util.Locale;

/** A {@link FrameSource} over one webcam-capture {@link Webcam}, preferring 1280×720. */
final class WebcamFrameSource implements FrameSource {
    private static final Dimension PREFERRED = new Dimension(1280, 720);

    private final Webcam webcam;

    WebcamFrameSource(Webcam webcam) {
        this.webcam = webcam;
    }

    @Override
    public String name() {
        return webcam.getName();
    }

    @Override
    public void open() throws CameraException {
        try {
            Dimension size = chooseSize(webcam.getViewSizes());
            if (size != null && !webcam.isOpen()) {
                webcam.setViewSize(size);
            }
            if (!webcam.open(false)) {
                throw new CameraException(CameraFailure.ERROR, "camera did not open: " + name());
            }
        } catch (WebcamLockException e) {
            throw new CameraException(CameraFailure.BUSY, "camera locked by another program: " + name(), e);
        } catch (RuntimeException | LinkageError e) {
            throw new CameraException(classify(e), "camera open failed: " + e, e);
        }
    }

    @Override
    public BufferedImage grab() throws CameraException {
        try {
            return webcam.getImage();
        } catch (RuntimeException e) {
            throw new CameraException(CameraFailure.ERROR, "camera read failed: " + e, e);
        }
    }

    @Override
    public void close() {
        try {
            webcam.close();
        } catch (RuntimeException e) {
            // Closing is best effort; the device is gone either way.
        }
    }

    /** 1280×720 if offered, else the largest size no wider than 1280, else whatever the driver picks. */
    static Dimension chooseSize(Dimension[] sizes) {
        Dimension best = null;
        if (sizes == null) {
            return null;
        }
        for (Dimension d : sizes) {
            if (d.equals(PREFERRED)) {
                return d;
            }
            if (d.width <= PREFERRED.width && (best == null || d.width * d.height > best.width * best.height)) {
                best = d;
            }
        }
        return best;
    }

    /** Drivers report denial and contention only in their messages. */
    static CameraFailure classify(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(' ').append(t.getMessage());
        }
        String s = text.toString().toLowerCase(Locale.ROOT);
        if (s.contains("permission")
                || s.contains("denied")
                || s.contains("not authorized")
                || s.contains("unauthorized")
                || s.contains("access")) {
            return CameraFailure.PERMISSION_DENIED;
        }
        if (s.contains("busy") || s.contains("in use") || s.contains("locked") || s.contains("used by")) {
            return CameraFailure.BUSY;
        }
        return e instanceof LinkageError ? CameraFailure.DRIVER_UNAVAILABLE : CameraFailure.ERROR;
    }
}
