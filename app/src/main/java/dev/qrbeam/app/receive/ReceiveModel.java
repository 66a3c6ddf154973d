package dev.qrbeam.app.receive;

import dev.qrbeam.app.transfer.TransferPageModel;
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
public final class ReceiveModel extends TransferPageModel<ReceiveModel.Phase> {

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

    private final StringProperty code = new SimpleStringProperty("");
    private final StringProperty destination = new SimpleStringProperty("");
    private final ObjectProperty<Node> camera = new SimpleObjectProperty<>();

    public ReceiveModel() {
        super(Phase.INPUT);
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

    /** Whether a code is being received (input disabled) — from accepting it until "Receive another". */
    public BooleanBinding busy() {
        return in(Phase.INPUT).not();
    }
}
