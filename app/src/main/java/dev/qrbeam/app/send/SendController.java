package dev.qrbeam.app.send;

import dev.qrbeam.app.engine.EngineProvider;
import dev.qrbeam.app.history.Direction;
import dev.qrbeam.app.history.HistoryRecorder;
import dev.qrbeam.app.i18n.Messages;
import dev.qrbeam.app.platform.Background;
import dev.qrbeam.app.platform.FxUpdates;
import dev.qrbeam.app.qr.QrImages;
import dev.qrbeam.app.transfer.FailureMessages;
import dev.qrbeam.app.transfer.Formats;
import dev.qrbeam.app.ui.Views;
import dev.qrbeam.core.api.SendHandle;
import dev.qrbeam.core.api.TransferProgress;
import dev.qrbeam.core.api.TransferState;
import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.image.Image;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Send: collects files (drop, choose, paste, command line), asks the engine for a code as soon as there is
 * something to send (a new code whenever the list changes before a receiver connects), shows the QR, the
 * text code, relay and expiry, then the live transfer and a summary. FX thread only; engine calls run on
 * {@link Background}.
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
    private final BooleanProperty locked = new SimpleBooleanProperty(false);
    private final Timeline countdown = new Timeline();
    private final SendInputs inputs;
    private SendHandle handle;
    private int generation;
    private long transferStartedAt;
    private boolean finished;

    public SendController(SendView view, Messages messages, EngineProvider engines, Background background,
                          HistoryRecorder history, Clock clock) {
        this.view = view;
        this.m = messages;
        this.engines = engines;
        this.background = background;
        this.history = history;
        this.clock = clock;
        this.failures = new FailureMessages(messages);
        this.inputs = new SendInputs(messages);
        wire();
        showEmpty();
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
        view.retry.setOnAction(e -> {
            finished = false;
            restart();
        });
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
        if (finished) {
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
        hideError();
        background.supply(() -> {
            List<SelectedItem> measured = new ArrayList<>();
            for (Path p : fresh) {
                if (Files.exists(p)) {
                    measured.add(Sizes.measure(p));
                }
            }
            return measured;
        }).whenComplete((measured, err) -> FxUpdates.fx(() -> {
            if (locked.get()) {
                return;
            }
            if (err != null || measured.isEmpty()) {
                showError(m.get("send.error.nothing"));
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
        if (items.isEmpty()) {
            showEmpty();
            return;
        }
        int gen = generation;
        Views.showOnly(view.preparing, view.preparing, view.qrCard, view.transferBox);
        Views.showOnly(view.split, view.split, view.dropZone);
        updateTotal();
        List<Path> paths = items.stream().map(SelectedItem::path).toList();
        Consumer<TransferProgress> record = history.record(Direction.SENT, null, null, null);
        FxUpdates<TransferProgress> ui = new FxUpdates<>(p -> onProgress(gen, p));
        background.supply(() -> {
            SendHandle h = engines.get().send(paths, p -> {
                record.accept(p);
                ui.post(p);
            });
            return new Ready(h, QrImages.render(h.pairingCode(), QR_PIXELS));
        }).whenComplete((ready, err) -> FxUpdates.fx(() -> {
            if (err != null) {
                if (gen == generation) {
                    showError(describe(err));
                    Views.showOnly(null, view.preparing, view.qrCard, view.transferBox);
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

    private record Ready(SendHandle handle, Image qr) {
    }

    private void showQr(Ready ready) {
        view.qrImage.setImage(ready.qr());
        view.qrImage.setOpacity(1);
        view.codeField.setText(ready.handle().pairingCode());
        var relay = ready.handle().relay();
        view.relay.setText(m.format("send.relay", relay.getPort() > 0 ? relay.getHost() + ":" + relay.getPort() : relay.getHost()));
        view.newCode.setVisible(false);
        tick();
        countdown.playFromStart();
        Views.showOnly(view.qrCard, view.preparing, view.qrCard, view.transferBox);
    }

    private void tick() {
        if (handle == null) {
            return;
        }
        java.time.Duration left = java.time.Duration.between(clock.instant(), handle.expiresAt());
        if (left.isNegative() || left.isZero()) {
            showExpired(m.get("send.expired"));
        } else {
            view.expires.setText(m.format("send.expires", Formats.clock(left)));
        }
    }

    private void showExpired(String why) {
        countdown.stop();
        view.expires.setText(why);
        view.qrImage.setOpacity(0.25);
        view.newCode.setVisible(true);
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
            if (view.qrCard.isVisible()) {
                showExpired(failures.describe(p.failure()));
            } else {
                showError(failures.describe(p.failure()));
            }
            handle = null;
            return;
        }
        if (!locked.get()) {
            locked.set(true);
            countdown.stop();
            transferStartedAt = clock.millis();
            view.summaryBox.setVisible(false);
            view.cancel.setVisible(true);
            view.again.setVisible(false);
            view.retry.setVisible(false);
            Views.showOnly(view.transferBox, view.preparing, view.qrCard, view.transferBox);
        }
        view.transferPanel.show(p);
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
        finished = true;
        handle = null;
        locked.set(false);
        view.cancel.setVisible(false);
        view.again.setVisible(true);
        view.retry.setVisible(p.state() != TransferState.DONE);
        view.summaryBox.setVisible(true);
        view.summaryIcon.getStyleClass().removeAll("success", "danger");
        if (p.state() == TransferState.DONE) {
            view.summaryIcon.setIconCode(Feather.CHECK_CIRCLE);
            view.summaryIcon.getStyleClass().add("success");
            view.summary.setText(m.format("send.summary.done", p.files().size(), Formats.bytes(p.totalBytes()),
                    Formats.duration(java.time.Duration.ofMillis(clock.millis() - transferStartedAt))));
        } else {
            view.summaryIcon.setIconCode(p.state() == TransferState.CANCELLED ? Feather.X_CIRCLE : Feather.ALERT_TRIANGLE);
            view.summaryIcon.getStyleClass().add("danger");
            view.summary.setText(m.get(p.state() == TransferState.CANCELLED ? "send.summary.cancelled" : "send.summary.failed"));
        }
    }

    private void copyCode() {
        ClipboardContent content = new ClipboardContent();
        content.putString(view.codeField.getText());
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
        finished = false;
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

    private void showEmpty() {
        hideError();
        Views.showOnly(view.dropZone, view.split, view.dropZone);
    }

    private void updateTotal() {
        long sum = items.stream().mapToLong(i -> Math.max(0, i.size())).sum();
        view.total.setText(m.format("send.files.total", items.size(), Formats.bytes(sum)));
    }

    private void showError(String text) {
        view.error.setText(text);
        view.error.setVisible(true);
    }

    private void hideError() {
        view.error.setVisible(false);
    }

    private String describe(Throwable err) {
        for (Throwable t = err; t != null; t = t.getCause()) {
            if (t instanceof dev.qrbeam.core.api.TransferException te) {
                return failures.describe(te.code());
            }
        }
        return m.format("send.error.start", rootMessage(err));
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
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
        return view.codeField.getText();
    }
}
