package dev.qrbeam.app.lifecycle;

import dev.qrbeam.app.activity.ActivityListener;
import dev.qrbeam.app.activity.TrackedTransfer;
import dev.qrbeam.app.activity.TransferActivity;
import dev.qrbeam.app.i18n.Messages;
import dev.qrbeam.app.platform.FxUpdates;
import dev.qrbeam.app.tray.TrayModel;
import dev.qrbeam.app.tray.TrayPort;
import dev.qrbeam.core.api.TransferState;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * Closing and quitting without losing a running transfer. Closing the window while a transfer runs asks
 * ({@link CloseDialog}): keep it running in the background (window hidden, tray icon with progress and
 * Show / Quit; where the OS has no tray the window is minimised instead), cancel it, or go back. Quitting
 * from the tray while transfers run asks once ({@link QuitDialog}). With nothing running, closing quits at
 * once. FX thread, except the listener callbacks (engine threads), which hand over.
 */
public final class WindowLifecycle implements ActivityListener {
    /** After "cancel", quitting waits at most this long for the transfers to report they stopped. */
    static final Duration CANCEL_GRACE = Duration.seconds(5);

    /** Where the window is. */
    public enum Mode {
        WINDOW,
        TRAY,
        MINIMISED,
        QUITTING,
        QUIT
    }

    private final Stage stage;
    private final TransferActivity activity;
    private final TrayPort tray;
    private final Runnable cancelAll;
    private final Runnable onQuitting;
    private final Runnable exit;
    private final CloseDialog closeDialog;
    private final QuitDialog quitDialog;
    private final TrayModel trayModel;
    private final FxUpdates<TrackedTransfer> trayUpdates;
    private Mode mode = Mode.WINDOW;
    private Alert asking;

    /**
     * @param cancelAll  cancels every running transfer of the window
     * @param onQuitting called once when the user chose to cancel and quit (mutes notifications)
     * @param exit       ends the application (Platform::exit in the app; tests record it)
     */
    public WindowLifecycle(
            Stage stage,
            TransferActivity activity,
            TrayPort tray,
            Messages messages,
            Runnable cancelAll,
            Runnable onQuitting,
            Runnable exit) {
        this.stage = stage;
        this.activity = activity;
        this.tray = tray;
        this.cancelAll = cancelAll;
        this.onQuitting = onQuitting;
        this.exit = exit;
        this.closeDialog = new CloseDialog(messages);
        this.quitDialog = new QuitDialog(messages);
        this.trayModel = new TrayModel(messages, this::bringForward, this::requestQuit);
        this.trayUpdates = new FxUpdates<>(t -> {
            if (mode == Mode.TRAY) {
                trayModel.running(activity.running());
            }
        });
    }

    /** Takes over the window's close button and listens to the transfers. */
    public void install() {
        stage.setOnCloseRequest(e -> {
            e.consume();
            requestClose();
        });
        stage.iconifiedProperty().addListener((o, was, now) -> {
            if (!now && mode == Mode.MINIMISED) {
                mode = Mode.WINDOW;
            }
        });
        activity.addListener(this);
    }

    /** The window's close button (or Alt+F4, Cmd+W). */
    public void requestClose() {
        int running = runningToAskAbout();
        if (running == 0) {
            return;
        }
        asking = closeDialog.ask(stage, running, tray.available(), choice -> {
            asking = null;
            switch (choice) {
                case KEEP_RUNNING -> enterBackground();
                case CANCEL_TRANSFERS -> cancelAndQuit();
                case GO_BACK -> {}
            }
        });
    }

    /** "Quit" from the tray menu or the OS (macOS Cmd+Q): asks once if transfers run. */
    public void requestQuit() {
        int running = runningToAskAbout();
        if (running == 0) {
            return;
        }
        asking = quitDialog.ask(stage.isShowing() ? stage : null, running, quit -> {
            asking = null;
            if (quit) {
                cancelAndQuit();
            }
        });
    }

    /**
     * How many running transfers a close or quit must ask about; 0 when there is no question: one is already
     * being asked, the app is quitting, or nothing runs (then it quits now).
     */
    private int runningToAskAbout() {
        if (asking != null || mode == Mode.QUITTING || mode == Mode.QUIT) {
            return 0;
        }
        int running = activity.running().size();
        if (running == 0) {
            quitNow();
        }
        return running;
    }

    /** Back to the window (tray "Show", a click on a notification, a second launch). */
    public void bringForward() {
        if (mode == Mode.QUITTING || mode == Mode.QUIT) {
            return;
        }
        if (mode == Mode.TRAY) {
            tray.hide();
        }
        mode = Mode.WINDOW;
        stage.show();
        stage.setIconified(false);
        stage.toFront();
    }

    public Mode mode() {
        return mode;
    }

    /** The model behind the tray icon (for tests and screenshots). */
    public TrayModel trayModel() {
        return trayModel;
    }

    /** The dialog being shown, or null. */
    public Alert asking() {
        return asking;
    }

    private void enterBackground() {
        if (tray.available()) {
            mode = Mode.TRAY;
            trayModel.running(activity.running());
            tray.show(trayModel);
            stage.hide();
        } else {
            mode = Mode.MINIMISED;
            stage.setIconified(true);
        }
    }

    private void cancelAndQuit() {
        mode = Mode.QUITTING;
        onQuitting.run();
        cancelAll.run();
        if (!activity.anyRunning()) {
            quitNow();
            return;
        }
        PauseTransition grace = new PauseTransition(CANCEL_GRACE);
        grace.setOnFinished(e -> quitNow());
        grace.play();
    }

    private void quitNow() {
        if (mode == Mode.QUIT) {
            return;
        }
        mode = Mode.QUIT;
        tray.hide();
        stage.hide();
        exit.run();
    }

    @Override
    public void stateChanged(TrackedTransfer t, TransferState from) {
        if (!t.state().isTerminal()) {
            return;
        }
        Platform.runLater(() -> {
            if (mode == Mode.TRAY) {
                if (activity.anyRunning()) {
                    trayModel.running(activity.running());
                } else {
                    trayModel.ended(t);
                }
            } else if (mode == Mode.QUITTING && !activity.anyRunning()) {
                quitNow();
            }
        });
    }

    @Override
    public void progressed(TrackedTransfer t) {
        if (t.running()) {
            trayUpdates.post(t);
        }
    }
}
