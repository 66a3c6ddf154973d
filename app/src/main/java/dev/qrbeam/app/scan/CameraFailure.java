package dev.qrbeam.app.scan;

/** Why a camera cannot be used; each maps to a plain message in the Receive view. */
public enum CameraFailure {
    /** The driver lists no camera. */
    NO_CAMERA,
    /** The OS refused camera access. */
    PERMISSION_DENIED,
    /** Another program (or another QRBeam) holds the camera. */
    BUSY,
    /** Discovery or open did not finish within its timeout. */
    NOT_RESPONDING,
    /** No native capture driver exists for this OS/CPU, or its natives failed to load. */
    DRIVER_UNAVAILABLE,
    /** Anything else the driver reported. */
    ERROR
}
