package dev.qrbeam.app.scan;

/**
 * A scan session's state as shown to the user.
 *
 * @param state   the state
 * @param failure why the camera cannot be used, only for {@link ScanState#FAILED}, else {@code null}
 * @param camera  the camera's name, or {@code null} before one is chosen
 */
public record ScanStatus(ScanState state, CameraFailure failure, String camera) {
    static ScanStatus of(ScanState state, String camera) {
        return new ScanStatus(state, null, camera);
    }

    static ScanStatus failed(CameraFailure failure, String camera) {
        return new ScanStatus(ScanState.FAILED, failure, camera);
    }
}
