package dev.qrbeam.app.tray;

import java.awt.AWTException;
import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.awt.Image;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.io.IOException;
import java.io.InputStream;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javax.imageio.ImageIO;

/**
 * The tray icon through AWT's {@link SystemTray} (Windows notification area, macOS menu bar, Linux trays
 * that speak XEmbed). Works next to JavaFX when the app keeps running without a window
 * ({@code Platform.setImplicitExit(false)}). The menu: a status line, "Show QRBeam", "Quit". AWT work runs
 * on the AWT event thread, model actions go back to the FX thread. Also shows notification balloons/toasts
 * for {@link dev.qrbeam.app.notify.TrayNotifier}.
 */
public final class AwtTray implements TrayPort {
    private static final String ICON = "/dev/qrbeam/app/icons/icon-32.png";

    private volatile TrayModel model;
    private InvalidationListener binding;
    private TrayIcon icon;
    private MenuItem statusItem;
    private Runnable balloonClick;

    /** True when there is a display and the OS reports a tray (false e.g. on GNOME without an extension). */
    public static boolean supported() {
        try {
            return !GraphicsEnvironment.isHeadless() && SystemTray.isSupported();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @Override
    public boolean available() {
        return supported();
    }

    @Override
    public void show(TrayModel newModel) {
        if (model != null && binding != null) {
            model.statusProperty().removeListener(binding);
        }
        model = newModel;
        binding = o -> refresh();
        model.statusProperty().addListener(binding);
        String status = model.statusProperty().get();
        String tooltip = model.tooltip();
        String show = model.showLabel();
        String quit = model.quitLabel();
        TrayModel bound = model;
        EventQueue.invokeLater(() -> {
            ensureIcon();
            if (icon == null) {
                return;
            }
            PopupMenu menu = new PopupMenu();
            statusItem = new MenuItem(status);
            statusItem.setEnabled(false);
            menu.add(statusItem);
            menu.addSeparator();
            MenuItem showItem = new MenuItem(show);
            showItem.addActionListener(e -> Platform.runLater(bound::show));
            menu.add(showItem);
            MenuItem quitItem = new MenuItem(quit);
            quitItem.addActionListener(e -> Platform.runLater(bound::quit));
            menu.add(quitItem);
            icon.setPopupMenu(menu);
            icon.setToolTip(tooltip);
        });
    }

    private void refresh() {
        String status = model.statusProperty().get();
        String tooltip = model.tooltip();
        EventQueue.invokeLater(() -> {
            if (statusItem != null) {
                statusItem.setLabel(status);
            }
            if (icon != null) {
                icon.setToolTip(tooltip);
            }
        });
    }

    @Override
    public void hide() {
        if (model != null && binding != null) {
            model.statusProperty().removeListener(binding);
        }
        model = null;
        EventQueue.invokeLater(this::removeIcon);
    }

    /**
     * Shows a notification from the tray icon (a toast on Windows 10/11, Notification Center on macOS),
     * putting the icon up for it if needed. A click on it runs {@code onClick} on the FX thread.
     */
    public void displayMessage(String title, String body, Runnable onClick) {
        EventQueue.invokeLater(() -> {
            ensureIcon();
            if (icon != null) {
                balloonClick = onClick;
                icon.displayMessage(title, body, TrayIcon.MessageType.INFO);
            }
        });
    }

    /** On the AWT thread. */
    private void ensureIcon() {
        if (icon != null || !supported()) {
            return;
        }
        try (InputStream in = AwtTray.class.getResourceAsStream(ICON)) {
            Image image = ImageIO.read(in);
            TrayIcon t = new TrayIcon(image, "QRBeam");
            t.setImageAutoSize(true);
            // a double-click on the icon (Windows) or a click on a balloon/toast: back to the window
            t.addActionListener(e -> {
                Runnable click = balloonClick;
                Platform.runLater(
                        click != null
                                ? click
                                : () -> {
                                    if (model != null) {
                                        model.show();
                                    }
                                });
            });
            SystemTray.getSystemTray().add(t);
            icon = t;
        } catch (IOException | AWTException | RuntimeException e) {
            icon = null; // no tray after all: the window stays the only way back
        }
    }

    /** On the AWT thread. */
    private void removeIcon() {
        if (icon != null) {
            SystemTray.getSystemTray().remove(icon);
            icon = null;
            statusItem = null;
        }
    }
}
