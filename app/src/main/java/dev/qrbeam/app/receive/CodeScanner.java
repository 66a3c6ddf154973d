package dev.qrbeam.app.receive;

import javafx.scene.Node;

import java.util.function.Consumer;

/**
 * A live source of pairing codes for the Receive view (the webcam, package {@code dev.qrbeam.app.scan}).
 * The Receive view puts {@link #view()} in its camera slot, calls {@link #start} and stops it once a code
 * arrived or the user closed the camera.
 */
public interface CodeScanner {
    /** The preview shown in the camera slot; created on the FX thread. */
    Node view();

    /** Starts capturing off the FX thread; {@code onCode} may be called from any thread with each decoded text. */
    void start(Consumer<String> onCode, Consumer<String> onError);

    /** Stops capturing and releases the camera; idempotent. */
    void stop();
}
