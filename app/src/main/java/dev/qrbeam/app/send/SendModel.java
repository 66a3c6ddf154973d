package dev.qrbeam.app.send;

import dev.qrbeam.app.transfer.TransferPageModel;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.image.Image;

/**
 * The Send page's presentation model: what the page shows, as JavaFX properties. {@link SendController} writes it
 * (from the user's files and the engine's events), {@link SendView#bind} binds the nodes to it. FX thread only.
 */
public final class SendModel extends TransferPageModel<SendModel.Phase> {

    /** Where the Send page is; decides which part of the page shows. */
    public enum Phase {
        /** No files: the big drop zone. */
        EMPTY,
        /** Files chosen, the engine is making a code. */
        PREPARING,
        /** Files chosen, no code could be made ({@link #error()} says why). */
        NOT_STARTED,
        /** The QR and text code, waiting for a receiver. */
        CODE,
        /** The code expired or its relay went away before a receiver came: faded QR, "New code". */
        CODE_EXPIRED,
        /** A receiver connected: live progress; the file list is locked. */
        TRANSFER,
        /** The transfer ended: summary, "Send more", and "New code" unless it succeeded. */
        FINISHED
    }

    private final StringProperty code = new SimpleStringProperty("");
    private final ObjectProperty<Image> qr = new SimpleObjectProperty<>();
    private final StringProperty relay = new SimpleStringProperty("");
    private final StringProperty expires = new SimpleStringProperty("");
    private final StringProperty total = new SimpleStringProperty("");
    private final BooleanBinding locked = phase().isEqualTo(Phase.TRANSFER);

    public SendModel() {
        super(Phase.EMPTY);
    }

    /** The latest pairing code shown (kept while a new one is made). */
    public StringProperty code() {
        return code;
    }

    public ObjectProperty<Image> qr() {
        return qr;
    }

    /** "Relay: host:port". */
    public StringProperty relay() {
        return relay;
    }

    /** The countdown, or why the code stopped working. */
    public StringProperty expires() {
        return expires;
    }

    /** "3 files, 12 MB". */
    public StringProperty total() {
        return total;
    }

    /** While a transfer runs the file list cannot change. */
    public BooleanBinding locked() {
        return locked;
    }
}
