package dev.qrbeam.app.scan;

/** A camera problem carrying the {@link CameraFailure} the UI shows. */
public class CameraException extends Exception {
    private final CameraFailure failure;

    public CameraException(CameraFailure failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = failure;
    }

    public CameraException(CameraFailure failure, String message) {
        this(failure, message, null);
    }

    public CameraFailure failure() {
        return failure;
    }
}
