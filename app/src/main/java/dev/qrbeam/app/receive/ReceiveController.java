package dev.qrbeam.app.receive;

import dev.qrbeam.app.engine.EngineProvider;
import dev.qrbeam.app.history.Direction;
import dev.qrbeam.app.history.HistoryEntry;
import dev.qrbeam.app.history.HistoryRecorder;
import dev.qrbeam.app.i18n.Messages;
import dev.qrbeam.app.platform.Background;
import dev.qrbeam.app.platform.FileOpener;
import dev.qrbeam.app.platform.FxUpdates;
import dev.qrbeam.app.qr.QrImages;
import dev.qrbeam.app.scan.ProtocolPairingCodeCheck;
import dev.qrbeam.app.settings.SettingsStore;
import dev.qrbeam.app.transfer.FailureMessages;
import dev.qrbeam.app.transfer.Formats;
import dev.qrbeam.core.api.FailureCode;
import dev.qrbeam.core.api.TransferException;
import dev.qrbeam.core.api.TransferFailure;
import dev.qrbeam.core.api.TransferHandle;
import dev.qrbeam.core.api.TransferProgress;
import dev.qrbeam.core.api.TransferState;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Receive: takes a code (pasted, from a QR picture, from the camera seam or from History's resume),
 * checks it looks like a QRBeam code, starts the engine and shows the live transfer, then Open folder /
 * Show file. Failures become the human sentences of {@link FailureMessages}. FX thread only.
 */
public final class ReceiveController {
    private final ReceiveView view;
    private final Messages m;
    private final EngineProvider engines;
    private final Background background;
    private final HistoryRecorder history;
    private final SettingsStore settings;
    private final FileOpener opener;
    private final CodeScannerFactory scanners;
    private final FailureMessages failures;
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private TransferHandle handle;
    private Path activeDestination;
    private TransferProgress last;
    private CodeScanner scanner;
    private int generation;
    private Path destination;

    public ReceiveController(ReceiveView view, Messages messages, EngineProvider engines, Background background,
                             HistoryRecorder history, SettingsStore settings, FileOpener opener,
                             CodeScannerFactory scanners) {
        this.view = view;
        this.m = messages;
        this.engines = engines;
        this.background = background;
        this.history = history;
        this.settings = settings;
        this.opener = opener;
        this.scanners = scanners;
        this.failures = new FailureMessages(messages);
        wire();
        new PhoneReceive(this, view, messages, engines);
    }

    /** The folder new receives go to. */
    Path destination() {
        return destination;
    }

    /** Whether a receive is running (or its summary is shown). */
    boolean busy() {
        return busy.get();
    }

    public ReceiveView view() {
        return view;
    }

    private void wire() {
        view.inputCard.disableProperty().bind(busy);
        view.receive.setOnAction(e -> submit());
        view.codeField.setOnAction(e -> submit());
        view.openImage.setOnAction(e -> openImage());
        view.scan.setDisable(!scanners.available());
        if (!scanners.available()) {
            view.scan.setTooltip(new javafx.scene.control.Tooltip(m.get("receive.scan.unavailable")));
        }
        view.scan.setOnAction(e -> toggleScan());
        view.changeDestination.setOnAction(e -> chooseDestination());
        view.cancel.setOnAction(e -> cancelTransfer());
        view.again.setOnAction(e -> resetForNext());
        view.openFolder.setOnAction(e -> open(false));
        view.showFile.setOnAction(e -> open(true));
        showDestination();
        settings.addListener(s -> FxUpdates.fx(this::showDestination));
    }

    private void showDestination() {
        destination = Path.of(settings.current().downloadFolder());
        view.destination.setText(destination.toString());
    }

    /** A code from any source (paste, QR picture, camera): shows it and starts receiving. */
    public void receiveCode(String code) {
        if (busy.get()) {
            return;
        }
        view.codeField.setText(code);
        submit();
    }

    /** Puts a code in the field without starting (screenshots, drag of text). */
    public void showCode(String code) {
        if (!busy.get()) {
            view.codeField.setText(code);
        }
    }

    /** The latest progress shown, or null before the first one. */
    public TransferProgress lastProgress() {
        return last;
    }

    /** Resumes an unfinished receive from History, into the folder it was going to. */
    public void resume(HistoryEntry entry) {
        if (busy.get() || !entry.resumable()) {
            return;
        }
        view.codeField.setText(entry.resumeCode());
        start(entry.resumeCode(), Path.of(entry.destination()), entry.id());
    }

    private void submit() {
        if (busy.get()) {
            return;
        }
        String code = view.codeField.getText() == null ? "" : view.codeField.getText().strip();
        if (code.isEmpty()) {
            showError(m.get("receive.error.noCode"));
            return;
        }
        switch (ProtocolPairingCodeCheck.verdict(code)) {
            case VALID -> start(code, destination, null);
            case NEWER_VERSION -> showError(m.get("receive.error.newerVersion"));
            case NOT_QRBEAM -> showError(m.get("receive.error.notQrBeam"));
        }
    }

    private void start(String code, Path into, String historyId) {
        start(code, into, historyId, listener -> engines.get().receive(code, into, listener));
    }

    /** Starts a transfer into {@code into}; {@code starter} gets the listener (a code, or a code shown to a phone). */
    @FunctionalInterface
    interface Starter {
        TransferHandle start(dev.qrbeam.core.api.TransferListener listener) throws java.io.IOException;
    }

    /**
     * Starts a receive through {@code starter} and shows it like any receive (progress, Cancel, summary).
     *
     * @param code the code to keep in History for resuming, or null (not resumable)
     */
    void start(String code, Path into, String historyId, Starter starter) {
        stopScan();
        hideError();
        busy.set(true);
        last = null;
        activeDestination = into;
        int gen = ++generation;
        Consumer<TransferProgress> record = history.record(Direction.RECEIVED, historyId, code, into);
        FxUpdates<TransferProgress> ui = new FxUpdates<>(p -> onProgress(gen, p));
        background.supply(() -> starter.start(p -> {
            record.accept(p);
            ui.post(p);
        })).whenComplete((h, err) -> FxUpdates.fx(() -> {
            if (gen != generation) {
                return;
            }
            if (err != null) {
                busy.set(false);
                showFailure(startFailure(err));
                return;
            }
            handle = h;
            h.completion().thenAccept(ui::post);
        }));
    }

    private void onProgress(int gen, TransferProgress p) {
        if (gen != generation) {
            return;
        }
        last = p;
        boolean started = !p.files().isEmpty();
        if (p.state().isTerminal() && !started) {
            // refused before anything arrived: a bad, expired or used code, or no relay; the view is as before
            handle = null;
            busy.set(false);
            view.transferBox.setVisible(false);
            showFailure(p.failure());
            return;
        }
        if (!view.transferBox.isVisible()) {
            view.summaryBox.setVisible(false);
            view.cancel.setVisible(true);
            view.openFolder.setVisible(false);
            view.showFile.setVisible(false);
            view.again.setVisible(false);
            view.transferBox.setVisible(true);
        }
        view.transferPanel.show(p);
        if (p.state().isTerminal()) {
            finish(p);
        }
    }

    private void finish(TransferProgress p) {
        handle = null;
        boolean done = p.state() == TransferState.DONE;
        view.cancel.setVisible(false);
        view.openFolder.setVisible(done);
        view.showFile.setVisible(done && !p.files().isEmpty());
        view.again.setVisible(true);
        view.summaryBox.setVisible(true);
        view.summaryIcon.getStyleClass().removeAll("success", "danger");
        view.summaryIcon.getStyleClass().add(done ? "success" : "danger");
        view.summaryIcon.setIconCode(done ? Feather.CHECK_CIRCLE
                : p.state() == TransferState.CANCELLED ? Feather.X_CIRCLE : Feather.ALERT_TRIANGLE);
        view.summary.setText(done
                ? m.format("receive.summary.done", p.files().size(), Formats.bytes(p.totalBytes()), activeDestination)
                : failures.describe(p.failure()));
    }

    private void resetForNext() {
        busy.set(false);
        generation++;
        view.transferBox.setVisible(false);
        view.codeField.clear();
        hideError();
        view.codeField.requestFocus();
    }

    private void open(boolean file) {
        TransferProgress p = last;
        Path dest = activeDestination;
        if (p == null || dest == null) {
            return;
        }
        Path target = file && !p.files().isEmpty() ? dest.resolve(p.files().get(0).relativePath()) : dest;
        background.run(() -> {
            if (file) {
                opener.showFile(target);
            } else {
                opener.openFolder(target);
            }
        });
    }

    private void openImage() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(m.get("receive.openImage").replace("_", ""));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Images", "*.png", "*.jpg", "*.jpeg", "*.gif", "*.bmp"));
        File f = chooser.showOpenDialog(view.getScene().getWindow());
        if (f != null) {
            decodeImage(f.toPath());
        }
    }

    /** Reads a QR code from a picture file (off the FX thread) and receives with it. */
    public void decodeImage(Path image) {
        hideError();
        background.supply(() -> QrImages.decode(image)).whenComplete((code, err) -> FxUpdates.fx(() -> {
            if (err != null) {
                showError(m.format("receive.error.image", err.getCause() != null ? err.getCause().getMessage() : err.getMessage()));
            } else if (code.isEmpty()) {
                showError(m.get("receive.error.noQrInImage"));
            } else {
                receiveCode(code.get());
            }
        }));
    }

    private void chooseDestination() {
        DirectoryChooser chooser = new DirectoryChooser();
        File current = new File(settings.current().downloadFolder());
        if (current.isDirectory()) {
            chooser.setInitialDirectory(current);
        }
        File dir = chooser.showDialog(view.getScene().getWindow());
        if (dir != null) {
            setDestination(dir.toPath());
        }
    }

    /** Remembers a new download folder (persisted in the settings). */
    public void setDestination(Path dir) {
        destination = dir.toAbsolutePath();
        view.destination.setText(destination.toString());
        background.run(() -> settings.modify(s -> s.withDownloadFolder(dir.toAbsolutePath().toString())));
    }

    private void toggleScan() {
        if (scanner != null) {
            stopScan();
            return;
        }
        String camera = settings.current().camera();
        background.supply(() -> scanners.open(camera)).whenComplete((opened, err) -> FxUpdates.fx(() -> {
            Optional<CodeScanner> s = err == null ? opened : Optional.empty();
            if (s.isEmpty()) {
                showError(m.get("receive.scan.unavailable"));
                return;
            }
            scanner = s.get();
            view.cameraSlot.getChildren().setAll(scanner.view());
            view.cameraSlot.setVisible(true);
            view.scan.setText(m.get("receive.scan.stop"));
            scanner.start(code -> FxUpdates.fx(() -> receiveCode(code)), problem -> FxUpdates.fx(() -> showError(problem)));
        }));
    }

    private void stopScan() {
        if (scanner != null) {
            CodeScanner s = scanner;
            scanner = null;
            background.run(s::stop);
            view.cameraSlot.getChildren().clear();
            view.cameraSlot.setVisible(false);
            view.scan.setText(m.get("receive.scan"));
        }
    }

    /**
     * Why starting failed: the engine's own failure (code and what was tried) when it says so — the same sentence and
     * details as a failure reported later — else "relay unreachable" (it used to be that for every start failure,
     * without the details, depending only on whether the engine failed before or after returning a handle).
     */
    private static TransferFailure startFailure(Throwable err) {
        Throwable cause = err;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof TransferException te ? te.toFailure()
                : new TransferFailure(FailureCode.RELAY_UNREACHABLE,
                        String.valueOf(cause.getMessage()));
    }

    private void showFailure(TransferFailure failure) {
        showError(failures.describe(failure));
        String details = FailureMessages.details(failure);
        view.errorDetailsText.setText(details == null ? "" : details);
        view.errorDetails.setVisible(details != null);
    }

    private void showError(String text) {
        view.error.setText(text);
        view.error.setVisible(true);
    }

    private void hideError() {
        view.error.setVisible(false);
        view.errorDetails.setVisible(false);
    }

    /** Cancels the running receive, if any (the Cancel button; closing the window with "cancel"). */
    public void cancelTransfer() {
        TransferHandle h = handle;
        if (h != null) {
            background.run(h::cancel);
        }
    }

    /** Window closing: releases the camera; a running receive is not cancelled, so it can be resumed later. */
    public void shutdown() {
        stopScan();
    }
}
