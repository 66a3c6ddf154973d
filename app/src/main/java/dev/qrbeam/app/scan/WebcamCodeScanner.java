package dev.qrbeam.app.scan;

import dev.qrbeam.app.receive.CodeScanner;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.Node;

/** One camera scan for the Receive view: a {@link ScanView} behind the app's {@link CodeScanner} seam. */
final class WebcamCodeScanner implements CodeScanner {
    private final Scanner scanner;
    private final String camera;
    private ScanView view;

    WebcamCodeScanner(Scanner scanner, String camera) {
        this.scanner = scanner;
        this.camera = camera;
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new ScanView(scanner);
            view.setFailureShownElsewhere(true);
            if (camera != null) {
                view.preferredCameraProperty().set(camera);
            }
        }
        return view;
    }

    /** Call on the FX thread after {@link #view()}; {@code onCode} gets the one pairing code, on the FX thread. */
    @Override
    public void start(Consumer<String> onCode, Consumer<String> onError) {
        ScanView v = (ScanView) view();
        v.setOnCode(onCode);
        v.statusProperty().addListener((obs, old, status) -> {
            if (status.state() == ScanState.FAILED) {
                onError.accept(v.text(status));
            }
        });
        v.start();
    }

    /** Safe from any thread: the camera is released at once, the view updates on the FX thread. */
    @Override
    public void stop() {
        ScanView v = view;
        if (v == null) {
            return;
        }
        if (Platform.isFxApplicationThread()) {
            v.stop();
        } else {
            v.releaseCamera();
            Platform.runLater(v::stop);
        }
    }
}
