package dev.qrbeam.app.tray;

/**
 * The OS tray / menu-bar icon, behind an interface so the composition root picks the implementation
 * ({@link AwtTray} on a desktop, {@link #NONE} where the OS has no tray). Calls come from the FX thread.
 */
public interface TrayPort {
    /** A port for systems without a tray (some Linux desktops, headless). */
    TrayPort NONE = new TrayPort() {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public void show(TrayModel model) {}

        @Override
        public void hide() {}
    };

    /** Whether the OS shows tray icons at all. */
    boolean available();

    /** Puts the icon up, bound to {@code model} (replacing any earlier model). */
    void show(TrayModel model);

    /** Takes the icon down; a no-op when it is not shown. */
    void hide();
}
