package dev.qrbeam.app.desktop;

import dev.qrbeam.app.activity.TransferActivity;
import dev.qrbeam.app.i18n.Messages;
import dev.qrbeam.app.lifecycle.WindowLifecycle;
import dev.qrbeam.app.notify.TransferNotifications;
import dev.qrbeam.app.theme.ThemeManager;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * One window's ties to the OS, built by the composition root once the window exists: the close guard and
 * background mode ({@link WindowLifecycle}), notifications while the window is not in front
 * ({@link TransferNotifications}), and the live light/dark switch. FX thread.
 */
public final class WindowDesktop implements AutoCloseable {
    /** How often the shown code's expiry is checked for the "about to expire" notification. */
    static final Duration EXPIRY_CHECK = Duration.seconds(5);

    private final DesktopServices services;
    private final WindowLifecycle lifecycle;
    private final TransferNotifications notifications;
    private final Timeline expiryCheck;

    /**
     * @param cancelAll     cancels the window's running transfers
     * @param codeExpiresAt the expiry of the code Send shows while nobody has used it, else null
     */
    public WindowDesktop(
            Stage stage,
            DesktopServices services,
            TransferActivity activity,
            Messages messages,
            Clock clock,
            ThemeManager theme,
            Runnable cancelAll,
            Supplier<Instant> codeExpiresAt) {
        this.services = services;
        WindowLifecycle[] self = new WindowLifecycle[1];
        notifications = new TransferNotifications(
                services.notifier(),
                messages,
                () -> stage.isShowing() && !stage.isIconified() && stage.isFocused(),
                () -> self[0].bringForward(),
                clock);
        lifecycle = new WindowLifecycle(
                stage, activity, services.tray(), messages, cancelAll, notifications::mute, services.exit());
        self[0] = lifecycle;
        lifecycle.install();
        activity.addListener(notifications);
        expiryCheck = new Timeline(new KeyFrame(EXPIRY_CHECK, e -> notifications.codeWaiting(codeExpiresAt)));
        expiryCheck.setCycleCount(Timeline.INDEFINITE);
        expiryCheck.play();
        services.themeWatcher().start(dark -> Platform.runLater(() -> theme.osChanged(dark)));
    }

    public WindowLifecycle lifecycle() {
        return lifecycle;
    }

    @Override
    public void close() {
        expiryCheck.stop();
        services.themeWatcher().close();
        services.tray().hide();
    }
}
