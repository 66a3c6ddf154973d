package dev.qrbeam.app.send;

import dev.qrbeam.app.engine.EngineProvider;
import dev.qrbeam.app.history.Direction;
import dev.qrbeam.app.history.HistoryEntry;
import dev.qrbeam.app.history.HistoryRecorder;
import dev.qrbeam.app.i18n.Messages;
import dev.qrbeam.app.platform.Background;
import dev.qrbeam.app.platform.FxUpdates;
import dev.qrbeam.app.qr.QrImages;
import dev.qrbeam.app.transfer.FailureMessages;
import dev.qrbeam.app.transfer.Formats;
import dev.qrbeam.app.transfer.ShownError;
import dev.qrbeam.core.api.SendHandle;
import dev.qrbeam.core.api.TransferEngine;
import dev.qrbeam.core.api.TransferListener;
import dev.qrbeam.core.api.TransferProgress;
import dev.qrbeam.core.api.TransferState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.image.Image;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.util.Duration;

/**
 * Send: collects files (drop, choose, paste, command line), asks the engine for a code as soon as there is
 * something to send (a new code whenever the list changes before a receiver connects), then translates the
 * engine's events into the page's {@link SendModel} (code, expiry, progress, summary, error), which the view shows.
 * FX thread only; engine calls run on {@link Background}.
 */
public final class SendController {
    static final int QR_PIXELS = 320;

    private final SendView view;
    private final Messages m;
    private final EngineProvider engines;
    private final Background background;
    private final HistoryRecorder history;
    private final Clock clock;
    private final FailureMessages failures;
    private final ObservableList<SelectedItem> items = FXCollections.observableArrayList();
    private final SendModel model = new SendModel();
    private final BooleanBinding locked = model.locked();
    private final Timeline countdown = new Timeline();
    private final SendInputs inputs;
    private SendHandle handle;
    private int generation;
    private long transferStartedAt;

    public SendController(
            SendView view,
            Messages messages,
            EngineProvider engines,
            Background background,
            HistoryRecorder history,
            Clock clock) {
        this.view = view;
        this.m = messages;
        this.engines = engines;
        this.background = background;
        this.history = history;
        this.clock = clock;
        this.failures = new FailureMessages(messages);
        this.inputs = new SendInputs(messages);
        view.bind(model);
        wire();
    }

    public SendView view() {
        return view;
    }

    private void wire() {
        view.fileList.setItems(items);
        view.fileList.setCellFactory(v -> new SelectedItemCell(m, this::remove, locked));
        inputs.wire(view, this::addFiles, locked::get);
        view.chooseFiles.disableProperty().bind(locked);
        view.chooseFolder.disableProperty().bind(locked);
        view.paste.disableProperty().bind(locked);
        view.clear.disableProperty().bind(locked);
        view.clear.setOnAction(e -> reset());
        view.copy.setOnAction(e -> copyCode());
        view.newCode.setOnAction(e -> restart());
        view.retry.setOnAction(e -> restart());
        view.again.setOnAction(e -> reset());
        view.cancel.setOnAction(e -> cancelTransfer());
        countdown.getKeyFrames().add(new KeyFrame(Duration.seconds(1), e -> tick()));
        countdown.setCycleCount(Timeline.INDEFINITE);
    }

    /** Shortcut+V pastes files while {@code active} (the Send page is shown). */
    public void installPaste(javafx.scene.Scene scene, java.util.function.BooleanSupplier active) {
        inputs.installPaste(scene, () -> active.getAsBoolean() && !locked.get());
    }

    /** Adds files and folders (drop, chooser, clipboard, command line, second launch) and makes a new code. */
    public void addFiles(List<Path> paths) {
        if (locked.get()) {
            return;
        }
        if (model.phase().get() == SendModel.Phase.FINISHED) {
            reset();
        }
        Set<Path> known = new LinkedHashSet<>();
        items.forEach(i -> known.add(i.path()));
        List<Path> fresh = new ArrayList<>();
        for (Path p : paths) {
            Path abs = p.toAbsolutePath().normalize();
            if (known.add(abs)) {
                fresh.add(abs);
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        model.error().set(null);
        background
                .supply(() -> {
                    List<SelectedItem> measured = new ArrayList<>();
                    for (Path p : fresh) {
                        if (Files.exists(p)) {
                            measured.add(Sizes.measure(p));
                        }
                    }
                    return measured;
                })
                .whenComplete((measured, err) -> FxUpdates.fx(() -> {
                    if (locked.get()) {
                        return;
                    }
                    if (err != null || measured.isEmpty()) {
                        model.error().set(ShownError.of(m.get("send.error.nothing")));
                        return;
                    }
                    items.addAll(measured);
                    restart();
                }));
    }

    private void remove(SelectedItem item) {
        if (!locked.get()) {
            items.remove(item);
            restart();
        }
    }

    /** Drops the current code (if no receiver is connected yet) and asks for a new one for the list. */
    private void restart() {
        cancelWaitingHandle();
        generation++;
        model.outcome().set(null);
        if (items.isEmpty()) {
            model.error().set(null);
            model.phase().set(SendModel.Phase.EMPTY);
            return;
        }
        updateTotal();
        List<Path> paths = items.stream().map(SelectedItem::path).toList();
        start(null, (engine, listener) -> engine.send(paths, listener));
    }

    /**
     * Continues an interrupted send from History: same code, same files (the engine refuses changed ones), the
     * receiver picks up where it stopped.
     */
    public void resume(HistoryEntry entry) {
        if (locked.get() || !entry.resumable() || entry.direction() != Direction.SENT) {
            return;
        }
        cancelWaitingHandle();
        generation++;
        items.clear();
        model.outcome().set(null);
        model.error().set(null);
        model.total().set(m.format("send.files.total", entry.files().size(), Formats.bytes(entry.totalBytes())));
        start(entry.id(), (engine, listener) -> engine.resumeSend(entry.resumeCode(), listener));
    }

    /** How a code is asked for: a new send, or the resume of an interrupted one. */
    @FunctionalInterface
    private interface Starter {
        SendHandle start(TransferEngine engine, TransferListener listener) throws Exception;
    }

    private void start(String historyId, Starter starter) {
        int gen = generation;
        model.phase().set(SendModel.Phase.PREPARING);
        AtomicReference<String> code = new AtomicReference<>();
        Consumer<TransferProgress> record = history.record(Direction.SENT, historyId, code::get, null);
        FxUpdates<TransferProgress> ui = new FxUpdates<>(p -> onProgress(gen, p));
        background
                .supply(() -> {
                    SendHandle h = starter.start(engines.get(), p -> {
                        record.accept(p);
                        ui.post(p);
                    });
                    code.set(h.pairingCode());
                    return new Ready(h, QrImages.render(h.pairingCode(), QR_PIXELS));
                })
                .whenComplete((ready, err) -> FxUpdates.fx(() -> {
                    if (err != null) {
                        if (gen == generation) {
                            model.error().set(failures.startFailure("send", err));
                            model.phase().set(SendModel.Phase.NOT_STARTED);
                        }
                        return;
                    }
                    if (gen != generation) {
                        background.run(ready.handle()::cancel);
                        return;
                    }
                    handle = ready.handle();
                    showQr(ready);
                    ui.post(handle.progress());
                }));
    }

    private record Ready(SendHandle handle, Image qr) {}

    private void showQr(Ready ready) {
        model.qr().set(ready.qr());
        model.code().set(ready.handle().pairingCode());
        var relay = ready.handle().relay();
        model.relay()
                .set(m.format(
                        "send.relay", relay.getPort() > 0 ? relay.getHost() + ":" + relay.getPort() : relay.getHost()));
        model.error().set(null);
        model.phase().set(SendModel.Phase.CODE);
        tick();
        countdown.playFromStart();
    }

    private void tick() {
        if (handle == null) {
            return;
        }
        java.time.Duration left = java.time.Duration.between(clock.instant(), handle.expiresAt());
        if (left.isNegative() || left.isZero()) {
            showExpired(m.get("send.expired"));
        } else {
            model.expires().set(m.format("send.expires", Formats.clock(left)));
        }
    }

    private void showExpired(String why) {
        countdown.stop();
        model.expires().set(why);
        model.phase().set(SendModel.Phase.CODE_EXPIRED);
    }

    private void onProgress(int gen, TransferProgress p) {
        if (gen != generation) {
            return;
        }
        TransferState s = p.state();
        if (s == TransferState.WAITING) {
            return;
        }
        if (s.isTerminal() && !locked.get() && endedBeforePairing(p)) {
            // ended before any receiver connected: the code expired or the relay went away
            ShownError why = failures.shown("send", p.failure());
            if (model.phase().get() == SendModel.Phase.CODE || model.phase().get() == SendModel.Phase.CODE_EXPIRED) {
                showExpired(why.sentence());
            } else {
                model.error().set(why);
            }
            handle = null;
            return;
        }
        if (!locked.get()) {
            countdown.stop();
            transferStartedAt = clock.millis();
            model.phase().set(SendModel.Phase.TRANSFER);
        }
        model.progress().set(p);
        if (s.isTerminal()) {
            finish(p);
        }
    }

    /** Snapshots are coalesced, so a quick transfer can go from WAITING straight to DONE: judge by the reason. */
    private static boolean endedBeforePairing(TransferProgress p) {
        if (p.state() == TransferState.DONE || p.failure() == null) {
            return false;
        }
        return switch (p.failure().code()) {
            case CODE_EXPIRED, CODE_INVALID, RELAY_UNREACHABLE -> true;
            default -> p.bytesDone() == 0 && p.state() == TransferState.CANCELLED;
        };
    }

    private void finish(TransferProgress p) {
        handle = null;
        if (p.state() == TransferState.DONE) {
            model.summary()
                    .set(m.format(
                            "send.summary.done",
                            p.files().size(),
                            Formats.bytes(p.totalBytes()),
                            Formats.duration(java.time.Duration.ofMillis(clock.millis() - transferStartedAt))));
        } else {
            model.summary()
                    .set(m.get(
                            p.state() == TransferState.CANCELLED ? "send.summary.cancelled" : "send.summary.failed"));
        }
        model.outcome().set(p.state());
        model.phase().set(SendModel.Phase.FINISHED);
    }

    private void copyCode() {
        ClipboardContent content = new ClipboardContent();
        content.putString(model.code().get());
        Clipboard.getSystemClipboard().setContent(content);
        view.copy.setText(m.get("send.copied"));
        PauseTransition back = new PauseTransition(Duration.seconds(1.5));
        back.setOnFinished(e -> view.copy.setText(m.get("send.copy")));
        back.play();
    }

    /** Clears the list and any code; ready for new files. */
    public void reset() {
        if (locked.get()) {
            return;
        }
        items.clear();
        restart();
    }

    private void cancelWaitingHandle() {
        countdown.stop();
        if (handle != null && !locked.get()) {
            SendHandle h = handle;
            background.run(h::cancel);
        }
        handle = null;
    }

    private void updateTotal() {
        long sum = items.stream().mapToLong(i -> Math.max(0, i.size())).sum();
        model.total().set(m.format("send.files.total", items.size(), Formats.bytes(sum)));
    }

    /** Window closing: stops the countdown; a code nobody used yet is withdrawn, a running transfer is left to the engine. */
    public void shutdown() {
        countdown.stop();
        if (handle != null && !locked.get()) {
            handle.cancel();
        }
    }

    /** Cancels the running transfer, if any (the Cancel button; closing the window with "cancel"). */
    public void cancelTransfer() {
        if (handle != null) {
            SendHandle h = handle;
            background.run(h::cancel);
        }
    }

    /** When the shown code expires, while it waits for a receiver; null otherwise (notifications). */
    public java.time.Instant codeExpiresAt() {
        return handle == null || locked.get() ? null : handle.expiresAt();
    }

    /** The latest code shown, or empty. For tests and the screenshot script. */
    public String shownCode() {
        return model.code().get();
    }

    /** The page's presentation model (tests, the screenshot tour). */
    public SendModel model() {
        return model;
    }
}
