package dev.qrbeam.app.transfer;

import dev.qrbeam.core.api.TransferProgress;
import dev.qrbeam.core.api.TransferState;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * What every transfer page's presentation model has: the page's phase (an enum of the page: which part shows), the
 * running transfer's progress, the error shown, the summary and outcome of a finished transfer. FX thread only.
 *
 * @param <P> the page's phase enum
 */
public abstract class TransferPageModel<P extends Enum<P>> {
    private final ObjectProperty<P> phase;
    private final ObjectProperty<TransferProgress> progress = new SimpleObjectProperty<>();
    private final ObjectProperty<ShownError> error = new SimpleObjectProperty<>();
    private final StringProperty summary = new SimpleStringProperty("");
    private final ObjectProperty<TransferState> outcome = new SimpleObjectProperty<>();

    protected TransferPageModel(P initial) {
        this.phase = new SimpleObjectProperty<>(initial);
    }

    public final ObjectProperty<P> phase() {
        return phase;
    }

    /** The running (or last) transfer's latest snapshot, or null. */
    public final ObjectProperty<TransferProgress> progress() {
        return progress;
    }

    /** The error shown on the page (sentence and what was tried), or null. */
    public final ObjectProperty<ShownError> error() {
        return error;
    }

    /** The finished transfer's one-line summary. */
    public final StringProperty summary() {
        return summary;
    }

    /** How the transfer ended (DONE, CANCELLED, FAILED), or null before it ended. */
    public final ObjectProperty<TransferState> outcome() {
        return outcome;
    }

    /** Whether the page is in any of {@code phases}. */
    @SafeVarargs
    public final BooleanBinding in(P... phases) {
        List<P> any = List.of(phases);
        return Bindings.createBooleanBinding(() -> any.contains(phase.get()), phase);
    }
}
