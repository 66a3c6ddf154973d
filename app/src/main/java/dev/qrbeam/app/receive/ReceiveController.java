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
import dev.qrbeam.app.scan.Cameras;
import dev.qrbeam.app.scan.ProtocolPairingCodeCheck;
import dev.qrbeam.app.scan.ScanView;
import dev.qrbeam.app.settings.SettingsStore;
import dev.qrbeam.app.transfer.FailureMessages;
import dev.qrbeam.app.transfer.Formats;
import dev.qrbeam.app.transfer.ShownError;
import dev.qrbeam.core.api.TransferHandle;
import dev.qrbeam.core.api.TransferProgress;
import dev.qrbeam.core.api.TransferState;
import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

/**
 * Receive: takes a code (pasted, from a QR picture, from the camera seam or from History's resume),
 * checks it looks like a QRBeam code, starts the engine and translates its events into the page's
 * {@link ReceiveModel} (progress, summary, error), which the view shows; then Open folder / Show file. Failures
 * become the sentences of {@link FailureMessages}, the app's one error mapping. FX thread only.
 */
public final class ReceiveController {
    private final ReceiveView view;
    private final Messages m;
    private final EngineProvider engines;
    private final Background background;
    private final HistoryRecorder history;
    private final SettingsStore settings;
    private final FileOpener opener;
    private final Cameras scanners;
    private final FailureMessages failures;
    private final ReceiveModel model = new ReceiveModel();
    private TransferHandle handle;
    private Path activeDestination;
    /** Which wording failures get: "receive" (a code from a sender), or "phone" (a code-less receive). */
    private String failurePage = "receive";

    private TransferProgress last;
    private ScanView scanner;
    private int generation;
    private Path destination;

    public ReceiveController(
            ReceiveView view,
            Messages messages,
            EngineProvider engines,
            Background background,
            HistoryRecorder history,
            SettingsStore settings,
            FileOpener opener,
            Cameras scanners) {
        this.view = view;
        this.m = messages;
        this.engines = engines;
        this.background = background;
        this.history = history;
        this.settings = settings;
        this.opener = opener;
        this.scanners = scanners;
        this.failures = new FailureMessages(messages);
        view.bind(model, messages);
        wire();
        new PhoneReceive(this, view, messages, engines);
    }

    /** The folder new receives go to. */
    Path destination() {
        return destination;
    }

    public ReceiveView view() {
        return view;
    }

    private void wire() {
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
        model.destination().set(destination.toString());
    }

    /** Whether a receive is running (or its summary is shown): the page is not in {@link ReceiveModel.Phase#INPUT}. */
    boolean busy() {
        return model.phase().get() != ReceiveModel.Phase.INPUT;
    }

    /** A code from any source (paste, QR picture, camera): shows it and starts receiving. */
    public void receiveCode(String code) {
        if (busy()) {
            return;
        }
        model.code().set(code);
        submit();
    }

    /** Puts a code in the field without starting (screenshots, drag of text). */
    public void showCode(String code) {
        if (!busy()) {
            model.code().set(code);
        }
    }

    /** The latest progress shown, or null before the first one. */
    public TransferProgress lastProgress() {
        return last;
    }

    /** Resumes an unfinished receive from History, into the folder it was going to. */
    public void resume(HistoryEntry entry) {
        if (busy() || !entry.resumable()) {
            return;
        }
        model.code().set(entry.resumeCode());
        start(entry.resumeCode(), Path.of(entry.destination()), entry.id());
    }

    private void submit() {
        if (busy()) {
            return;
        }
        String code = model.code().get() == null ? "" : model.code().get().strip();
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
        model.error().set(null);
        model.phase().set(ReceiveModel.Phase.STARTING);
        last = null;
        activeDestination = into;
        failurePage = code == null ? "phone" : "receive";
        int gen = ++generation;
        Consumer<TransferProgress> record = history.record(Direction.RECEIVED, historyId, code, into);
        FxUpdates<TransferProgress> ui = new FxUpdates<>(p -> onProgress(gen, p));
        background
                .supply(() -> starter.start(p -> {
                    record.accept(p);
                    ui.post(p);
                }))
                .whenComplete((h, err) -> FxUpdates.fx(() -> {
                    if (gen != generation) {
                        return;
                    }
                    if (err != null) {
                        model.phase().set(ReceiveModel.Phase.INPUT);
                        model.error().set(failures.startFailure("receive", err));
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
            model.phase().set(ReceiveModel.Phase.INPUT);
            model.error().set(failures.shown(failurePage, p.failure()));
            return;
        }
        if (model.phase().get() == ReceiveModel.Phase.STARTING) {
            model.outcome().set(null);
            model.phase().set(ReceiveModel.Phase.TRANSFER);
        }
        model.progress().set(p);
        if (p.state().isTerminal()) {
            finish(p);
        }
    }

    private void finish(TransferProgress p) {
        handle = null;
        boolean done = p.state() == TransferState.DONE;
        model.summary()
                .set(
                        done
                                ? m.format(
                                        "receive.summary.done",
                                        p.files().size(),
                                        Formats.bytes(p.totalBytes()),
                                        activeDestination)
                                : failures.shown(failurePage, p.failure()).sentence());
        model.outcome().set(p.state());
        model.phase().set(ReceiveModel.Phase.FINISHED);
    }

    private void resetForNext() {
        generation++;
        model.phase().set(ReceiveModel.Phase.INPUT);
        model.code().set("");
        model.error().set(null);
        view.codeField.requestFocus();
    }

    private void open(boolean file) {
        TransferProgress p = last;
        Path dest = activeDestination;
        if (p == null || dest == null) {
            return;
        }
        Path target =
                file && !p.files().isEmpty() ? dest.resolve(p.files().get(0).relativePath()) : dest;
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
        chooser.getExtensionFilters()
                .add(new FileChooser.ExtensionFilter("Images", "*.png", "*.jpg", "*.jpeg", "*.gif", "*.bmp"));
        File f = chooser.showOpenDialog(view.getScene().getWindow());
        if (f != null) {
            decodeImage(f.toPath());
        }
    }

    /** Reads a QR code from a picture file (off the FX thread) and receives with it. */
    public void decodeImage(Path image) {
        model.error().set(null);
        background
                .supply(() -> QrImages.decode(image))
                .whenComplete((code, err) -> FxUpdates.fx(() -> {
                    if (err != null) {
                        showError(m.format(
                                "receive.error.image",
                                err.getCause() != null ? err.getCause().getMessage() : err.getMessage()));
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
        model.destination().set(destination.toString());
        background.run(() ->
                settings.modify(s -> s.withDownloadFolder(dir.toAbsolutePath().toString())));
    }

    private void toggleScan() {
        if (scanner != null) {
            stopScan();
            return;
        }
        Optional<ScanView> opened = scanners.open(settings.current().camera());
        if (opened.isEmpty()) {
            showError(m.get("receive.scan.unavailable"));
            return;
        }
        scanner = opened.get();
        model.camera().set(scanner);
        scanner.start(this::receiveCode, this::showError);
    }

    private void stopScan() {
        if (scanner != null) {
            ScanView s = scanner;
            scanner = null;
            s.stop(); // returns at once; the camera is released on the scan threads
            model.camera().set(null);
        }
    }

    private void showError(String text) {
        model.error().set(ShownError.of(text));
    }

    /** The page's presentation model (tests, the screenshot tour, features that extend the page). */
    public ReceiveModel model() {
        return model;
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
