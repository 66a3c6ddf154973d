package dev.qrbeam.app.send;

import dev.qrbeam.app.i18n.Messages;
import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.scene.Scene;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

/**
 * The ways files reach Send from inside the window: drag and drop, the choosers, and pasting (files from a file
 * manager's copy, or text holding paths or file:// URIs, one per line). Each hands a list of paths on.
 */
final class SendInputs {
    private static final KeyCombination PASTE = new KeyCodeCombination(KeyCode.V, KeyCombination.SHORTCUT_DOWN);

    private final Messages m;
    private Consumer<List<Path>> sink;
    private SendView view;

    SendInputs(Messages messages) {
        this.m = messages;
    }

    void wire(SendView view, Consumer<List<Path>> sink, BooleanSupplier locked) {
        this.view = view;
        this.sink = sink;
        view.chooseFiles.setOnAction(e -> chooseFiles());
        view.bigChooseFiles.setOnAction(e -> chooseFiles());
        view.chooseFolder.setOnAction(e -> chooseFolder());
        view.bigChooseFolder.setOnAction(e -> chooseFolder());
        view.paste.setOnAction(e -> paste());
        view.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && !locked.getAsBoolean()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        view.setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles() && !locked.getAsBoolean();
            if (ok) {
                sink.accept(
                        e.getDragboard().getFiles().stream().map(File::toPath).toList());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    /**
     * Shortcut+V while {@code active}. A scene accelerator only sees key presses nobody consumed, so text fields
     * keep their own paste.
     */
    void installPaste(Scene scene, BooleanSupplier active) {
        scene.getAccelerators().put(PASTE, () -> {
            if (active.getAsBoolean()) {
                paste();
            }
        });
    }

    void paste() {
        Clipboard cb = Clipboard.getSystemClipboard();
        if (cb.hasFiles()) {
            sink.accept(cb.getFiles().stream().map(File::toPath).toList());
        } else if (cb.hasString()) {
            List<Path> paths = pathsIn(cb.getString());
            if (!paths.isEmpty()) {
                sink.accept(paths);
            }
        }
    }

    /** Paths or file:// URIs, one per line; anything else is ignored (existence is checked later, off the FX thread). */
    static List<Path> pathsIn(String text) {
        List<Path> out = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String t = line.strip();
            try {
                if (t.startsWith("file:")) {
                    out.add(Path.of(URI.create(t)));
                } else if (!t.isEmpty() && Path.of(t).isAbsolute()) {
                    out.add(Path.of(t));
                }
            } catch (RuntimeException e) {
                // not a path: ignored
            }
        }
        return out;
    }

    private void chooseFiles() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(m.get("send.chooseFiles").replace("_", ""));
        List<File> files = chooser.showOpenMultipleDialog(view.getScene().getWindow());
        if (files != null) {
            sink.accept(files.stream().map(File::toPath).toList());
        }
    }

    private void chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(m.get("send.chooseFolder").replace("_", ""));
        File dir = chooser.showDialog(view.getScene().getWindow());
        if (dir != null) {
            sink.accept(List.of(dir.toPath()));
        }
    }
}
