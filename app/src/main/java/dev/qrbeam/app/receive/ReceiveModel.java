package dev.qrbeam.app.receive;

import dev.qrbeam.app.transfer.ShownError;
import dev.qrbeam.core.api.TransferProgress;
import dev.qrbeam.core.api.TransferState;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.Node;

/**
 * The Receive page's presentation model: what the page shows, as JavaFX properties. {@link ReceiveController} writes
 * it (from the user's input and the engine's events), {@link ReceiveView#bind} binds the nodes to it. FX thread only.
 *
 * <p>Extending the page (e.g. "Receive from a phone"): add a {@link Phase}, the properties it needs, and bind the
 * new nodes' visibility to {@link #in}; the input card is enabled only in {@link Phase#INPUT}.
 */
public final class ReceiveModel {

    /** Where the Receive page is. */
    public enum Phase {
        /** Waiting for a code (typed, pasted, a picture, the camera); the input card is enabled. */
        INPUT,
        /** A code was accepted, the engine is connecting; nothing arrived yet. */
        STARTING,
        /** Files are arriving: live progress and Cancel. */
        TRANSFER,
        /** The transfer ended: summary, Open folder / Show file when it succeeded, Receive another. */
        FINISHED
    }

    private final ObjectProperty<Phase> phase = new SimpleObjectProperty<>(Phase.INPUT);
    private final StringProperty code = new SimpleStringProperty("");
    private final StringProperty destination = new SimpleStringProperty("");
    private final ObjectProperty<Node> camera = new SimpleObjectProperty<>();
    private final ObjectProperty<TransferProgress> progress = new SimpleObjectProperty<>();
    private final ObjectProperty<ShownError> error = new SimpleObjectProperty<>();
    private final StringProperty summary = new SimpleStringProperty("");
    private final ObjectProperty<TransferState> outcome = new SimpleObjectProperty<>();

    public ObjectProperty<Phase> phase() {
        return phase;
    }

    /** The code field's text (the view's field is bound both ways). */
    public StringProperty code() {
        return code;
    }

    /** The folder new receives go to. */
    public StringProperty destination() {
        return destination;
    }

    /** The live camera preview while scanning, else null. */
    public ObjectProperty<Node> camera() {
        return camera;
    }

    /** The running or last transfer's latest snapshot, or null. */
    public ObjectProperty<TransferProgress> progress() {
        return progress;
    }

    /** The error below the input card (sentence and what was tried), or null. */
    public ObjectProperty<ShownError> error() {
        return error;
    }

    /** The finished transfer's summary sentence. */
    public StringProperty summary() {
        return summary;
    }

    /** How the transfer ended (DONE, CANCELLED, FAILED), or null before it ended. */
    public ObjectProperty<TransferState> outcome() {
        return outcome;
    }

    /** Whether a code is being received (input disabled) — from accepting it until "Receive another". */
    public BooleanBinding busy() {
        return in(Phase.INPUT).not();
    }

    /** Whether the page is in any of {@code phases}. */
    public BooleanBinding in(Phase... phases) {
        return Bindings.createBooleanBinding(() -> java.util.Arrays.asList(phases).contains(phase.get()), phase);
    }
}
