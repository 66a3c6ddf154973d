package dev.qrbeam.app.desktop;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Files handed to the running app from outside — "Send with QRBeam" in a file manager, a second launch,
 * macOS "Open With" — wait here for the user's one click before Send makes a code for them: another
 * program can put files in front of the user, never send them. Presentation model of
 * {@link PendingFilesBar}; FX thread.
 */
public final class PendingFiles {
    private final ObservableList<Path> files = FXCollections.observableArrayList();
    /** One read-only view, kept: a fresh wrapper per call would drop listeners when it is collected. */
    private final ObservableList<Path> readOnly = FXCollections.unmodifiableObservableList(files);

    private final BooleanBinding waiting = Bindings.isNotEmpty(files);
    private final Consumer<List<Path>> send;

    /** @param send what "Send" does with the files (Send page: add them and make a code) */
    public PendingFiles(Consumer<List<Path>> send) {
        this.send = send;
    }

    /** Adds files to the question (several hand-overs in a row are one question). */
    public void offer(List<Path> paths) {
        for (Path p : paths) {
            Path abs = p.toAbsolutePath().normalize();
            if (!files.contains(abs)) {
                files.add(abs);
            }
        }
    }

    /** The user's click: the files go to Send. */
    public void confirm() {
        List<Path> chosen = List.copyOf(files);
        files.clear();
        if (!chosen.isEmpty()) {
            send.accept(chosen);
        }
    }

    public void dismiss() {
        files.clear();
    }

    public ObservableList<Path> files() {
        return readOnly;
    }

    public BooleanBinding waitingProperty() {
        return waiting;
    }
}
