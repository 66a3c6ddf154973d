package dev.qrbeam.app.scan;

import com.github.sarxos.webcam.Webcam;
import com.github.sarxos.webcam.WebcamException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Cameras through webcam-capture's {@link Webcam} API with whatever driver {@link CameraDrivers} installed.
 * Discovery runs with a timeout, so a driver that hangs is reported as {@link CameraFailure#NOT_RESPONDING}.
 */
final class WebcamCatalog implements CameraCatalog {
    private final Duration discoveryTimeout;

    WebcamCatalog(Duration discoveryTimeout) {
        this.discoveryTimeout = discoveryTimeout;
    }

    @Override
    public List<String> cameraNames() throws CameraException {
        return webcams().stream().map(Webcam::getName).toList();
    }

    @Override
    public FrameSource source(String name) throws CameraException {
        for (Webcam webcam : webcams()) {
            if (webcam.getName().equals(name)) {
                return new WebcamFrameSource(webcam);
            }
        }
        throw new CameraException(CameraFailure.NO_CAMERA, "camera gone: " + name);
    }

    private List<Webcam> webcams() throws CameraException {
        try {
            return Webcam.getWebcams(discoveryTimeout.toMillis());
        } catch (TimeoutException e) {
            throw new CameraException(CameraFailure.NOT_RESPONDING, "camera discovery timed out", e);
        } catch (WebcamException | LinkageError e) {
            throw new CameraException(CameraFailure.DRIVER_UNAVAILABLE, "camera driver failed: " + e, e);
        } catch (RuntimeException e) {
            throw new CameraException(CameraFailure.ERROR, "camera discovery failed: " + e, e);
        }
    }
}
