package dev.qrbeam.app.support;

import dev.qrbeam.app.tray.TrayModel;
import dev.qrbeam.app.tray.TrayPort;

/**
 * The tray for headless tests (Monocle has no OS tray): "shows" the icon by holding its model, so a test
 * reads what the icon's menu would say and presses its Show / Quit. FX thread, like the real port.
 */
public final class HeadlessTray implements TrayPort {
    private volatile TrayModel shown;

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public void show(TrayModel model) {
        shown = model;
    }

    @Override
    public void hide() {
        shown = null;
    }

    /** The model of the icon on display, or null when no icon is up. */
    public TrayModel shown() {
        return shown;
    }
}
