package dev.qrbeam.app.scan;

import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The webcam part of the Receive view: a mirrored live preview in a dark viewfinder, a camera selector (shown
 * only when there are several cameras) and a status line, both overlaid on the preview. The Receive view hosts it and uses only {@link #start()}, {@link #stop()},
 * {@link #setOnCode} and, optionally, {@link #statusProperty()} (e.g. to focus the paste field when
 * {@link ScanState#FAILED}) and {@link #preferredCameraProperty()} (bind to the camera setting).
 * All methods must be called on the FX thread; camera work never runs there.
 */
public final class ScanView extends StackPane {
    private final Cameras scanner;
    private final ResourceBundle text = ResourceBundle.getBundle("dev.qrbeam.app.scan.scan");
    private final FxPreview preview = new FxPreview();
    private final ReadOnlyObjectWrapper<ScanStatus> status =
            new ReadOnlyObjectWrapper<>(this, "status", ScanStatus.of(ScanState.STOPPED, null));
    private final StringProperty preferredCamera = new SimpleStringProperty(this, "preferredCamera");
    private final ComboBox<String> cameraBox = new ComboBox<>();
    private final Label statusLabel = new Label();
    private final VBox placeholder;
    private static final String OVERLAY =
            "-fx-background-color: rgba(0,0,0,0.62); -fx-background-radius: 6; -fx-padding: 6 12 6 12; ";
    private final ImageView view = new ImageView();
    private Consumer<String> onCode = code -> {};
    private volatile ScanSession session;
    private boolean failureShownElsewhere;
    private int generation;
    private boolean updatingCameras;

    public ScanView(Cameras scanner) {
        this.scanner = scanner;
        getStyleClass().add("scan-view");
        // The camera area stays dark in both themes, like a viewfinder; overlays use light text on it.
        setStyle("-fx-background-color: black; -fx-background-radius: 8;");
        setMinSize(240, 180);
        setPrefSize(480, 270);

        view.setId("scan-preview");
        view.setPreserveRatio(true);
        view.setSmooth(true);
        view.imageProperty().bind(preview.imageProperty());
        view.setAccessibleText(text.getString("scan.preview"));
        view.fitWidthProperty().bind(widthProperty());
        view.fitHeightProperty().bind(heightProperty());
        view.setManaged(false);
        // unmanaged, centred by hand: the preview follows the view's size and never drives it
        view.layoutXProperty()
                .bind(Bindings.createDoubleBinding(
                        () -> (getWidth() - view.getLayoutBounds().getWidth()) / 2,
                        widthProperty(),
                        view.layoutBoundsProperty()));
        view.layoutYProperty()
                .bind(Bindings.createDoubleBinding(
                        () -> (getHeight() - view.getLayoutBounds().getHeight()) / 2,
                        heightProperty(),
                        view.layoutBoundsProperty()));

        FontIcon icon = new FontIcon(Feather.CAMERA);
        icon.setIconSize(40);
        icon.setIconColor(Color.web("#ffffff", 0.6));
        placeholder = new VBox(icon);
        placeholder.setAlignment(Pos.CENTER);
        placeholder.setMouseTransparent(true);

        cameraBox.setId("scan-camera");
        cameraBox.setPromptText(text.getString("scan.camera"));
        cameraBox.setAccessibleText(text.getString("scan.camera"));
        cameraBox.setMaxWidth(280);
        cameraBox.setVisible(false);
        cameraBox.valueProperty().addListener((obs, old, name) -> cameraChosen(name));
        StackPane.setAlignment(cameraBox, Pos.TOP_LEFT);
        StackPane.setMargin(cameraBox, new Insets(10));

        statusLabel.setId("scan-status");
        statusLabel.setWrapText(true);
        statusLabel.setMaxWidth(Region.USE_PREF_SIZE);
        statusLabel.setMaxHeight(Region.USE_PREF_SIZE);
        statusLabel.setMouseTransparent(true);
        StackPane.setAlignment(statusLabel, Pos.BOTTOM_CENTER);
        StackPane.setMargin(statusLabel, new Insets(10));

        getChildren().addAll(placeholder, view, cameraBox, statusLabel);
        status.addListener((obs, old, now) -> showStatus(now));
        showStatus(status.get());
    }

    /** Called once per session with the pairing code, on the FX thread; the camera is already released. */
    public void setOnCode(Consumer<String> onCode) {
        this.onCode = onCode == null ? code -> {} : onCode;
    }

    /** Lists the cameras and starts scanning with the preferred (else the first) one. */
    public void start() {
        if (session != null || status.get().state() == ScanState.OPENING) {
            return;
        }
        int gen = ++generation;
        status.set(ScanStatus.of(ScanState.OPENING, null));
        scanner.listCameras()
                .whenComplete((names, error) -> Platform.runLater(() -> {
                    if (gen == generation) {
                        camerasListed(names, error);
                    }
                }));
    }

    /** Stops scanning and releases the camera (in the background). */
    public void stop() {
        generation++;
        if (session != null) {
            session.stop();
            session = null;
        }
        status.set(ScanStatus.of(ScanState.STOPPED, status.get().camera()));
    }

    /** Releases the camera from any thread; the view itself is updated by {@link #stop()} on the FX thread. */
    public void releaseCamera() {
        ScanSession s = session;
        if (s != null) {
            s.stop();
        }
    }

    /** When the host shows camera failures itself (e.g. in its error line), the status line leaves them out. */
    public void setFailureShownElsewhere(boolean elsewhere) {
        this.failureShownElsewhere = elsewhere;
        showStatus(status.get());
    }

    /** The user-facing text for {@code s}. */
    public String text(ScanStatus s) {
        return s.state() == ScanState.FAILED
                ? text.getString("scan.failure." + s.failure().name())
                : text.getString("scan.state." + s.state().name());
    }

    /**
     * The Receive page's way in: starts scanning; {@code onCode} gets the one pairing code and {@code onError} the
     * sentence of a camera failure, both on the FX thread. Call on the FX thread.
     */
    public void start(Consumer<String> onCode, Consumer<String> onError) {
        setOnCode(onCode);
        status.addListener((obs, old, now) -> {
            if (now.state() == ScanState.FAILED) {
                onError.accept(text(now));
            }
        });
        start();
    }

    public ReadOnlyObjectProperty<ScanStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The camera to use when present; updated when the user picks another one. */
    public StringProperty preferredCameraProperty() {
        return preferredCamera;
    }

    /** The preview (for tests and for showing frame counts). */
    FxPreview preview() {
        return preview;
    }

    private void camerasListed(List<String> names, Throwable error) {
        if (error != null) {
            Throwable cause =
                    error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            CameraFailure failure = cause instanceof CameraException e ? e.failure() : CameraFailure.ERROR;
            status.set(ScanStatus.failed(failure, null));
            return;
        }
        if (names.isEmpty()) {
            status.set(ScanStatus.failed(CameraFailure.NO_CAMERA, null));
            return;
        }
        String chosen = names.contains(preferredCamera.get()) ? preferredCamera.get() : names.get(0);
        updatingCameras = true;
        cameraBox.getItems().setAll(names);
        cameraBox.setValue(chosen);
        cameraBox.setVisible(names.size() > 1);
        updatingCameras = false;
        startSession(chosen);
    }

    private void cameraChosen(String name) {
        if (updatingCameras || name == null) {
            return;
        }
        preferredCamera.set(name);
        ScanSession current = session;
        boolean scanning = current != null || status.get().state() == ScanState.FAILED;
        if (scanning && (current == null || !name.equals(current.cameraName()))) {
            if (current != null) {
                current.stop();
            }
            session = null;
            startSession(name); // also the way out of "camera busy": pick another one
        }
    }

    private void startSession(String camera) {
        int gen = ++generation;
        session = scanner.start(
                camera,
                new ScanSession.Listener() {
                    @Override
                    public void statusChanged(ScanStatus s) {
                        Platform.runLater(() -> {
                            if (gen == generation) {
                                status.set(s);
                            }
                        });
                    }

                    @Override
                    public void codeFound(String code) {
                        Platform.runLater(() -> {
                            if (gen == generation) {
                                session = null;
                                onCode.accept(code);
                            }
                        });
                    }
                },
                preview);
    }

    private void showStatus(ScanStatus s) {
        String line = s.state() == ScanState.FAILED && failureShownElsewhere ? "" : text(s);
        statusLabel.setText(line);
        statusLabel.setVisible(!line.isEmpty());
        statusLabel.setStyle(OVERLAY + "-fx-text-fill: "
                + switch (s.state()) {
                    case FAILED -> "#ff9e97";
                    case FOREIGN_CODE, NO_PICTURE -> "#ffd479";
                    case FOUND -> "#8fe0a5";
                    default -> "#ffffff";
                }
                + ";");
        boolean live = s.state() == ScanState.SCANNING || s.state() == ScanState.FOREIGN_CODE;
        placeholder.setVisible(!live);
        view.setVisible(live);
        ((FontIcon) placeholder.getChildren().get(0))
                .setIconCode(s.state() == ScanState.FAILED ? Feather.CAMERA_OFF : Feather.CAMERA);
        if (s.state().isFinal() && s.state() != ScanState.FOUND) {
            session = null;
        }
    }
}
